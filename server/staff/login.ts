// Sign-in: constant work for known and unknown accounts (a dummy hash for unknown ones), the same
// message for every failure, and growing delays per IP address and per account name (hashed, known
// or not) from failures recorded in the database, so every web process shares them.
import { and, count, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffLoginFailures } from '../db/schema/index.ts';
import { findUserByEmail, normaliseEmail, type StaffUser } from './accounts.ts';
import { verifyDummy, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { tokenHash } from './tokens.ts';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures allowed in the window before delays start. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 30_000;
/** After this many failures in the window a key is refused outright until the window passes. */
export const LOCK_AFTER = 10;

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const keys = (ip: string, email: string) => [`ip:${ip}`, `account:${tokenHash(normaliseEmail(email))}`];

/** Most recent failures of either key in the window. */
async function recentFailures(db: Db, ip: string, email: string, now: Date): Promise<number> {
  const rows = await db
    .select({ key: staffLoginFailures.key, n: count() })
    .from(staffLoginFailures)
    .where(and(inArray(staffLoginFailures.key, keys(ip, email)), gt(staffLoginFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS))))
    .groupBy(staffLoginFailures.key);
  return Math.max(0, ...rows.map((r) => Number(r.n)));
}

/** 0 for the first few failures, then 1 s, 2 s, 4 s … up to 30 s. */
export function delayFor(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

export type LoginResult = { ok: true; user: StaffUser; sessionId: string } | { ok: false; locked: boolean };

export async function attemptLogin(db: Db, now: Date, sleep: Sleep, ip: string, email: string, password: string): Promise<LoginResult> {
  const failures = await recentFailures(db, ip, email, now);
  const wait = delayFor(failures);
  if (wait > 0) await sleep(wait);
  const user = await findUserByEmail(db, email);
  const locked = failures >= LOCK_AFTER;
  const ok = user && user.passwordHash && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : await verifyDummy(password);
  if (!ok || locked || !user) {
    await db.insert(staffLoginFailures).values(keys(ip, email).map((key) => ({ key, at: now })));
    return { ok: false, locked };
  }
  await db.delete(staffLoginFailures).where(eq(staffLoginFailures.key, keys(ip, email)[1]!));
  // Housekeeping: failures older than the window no longer count.
  await db.delete(staffLoginFailures).where(lt(staffLoginFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS)));
  return { ok: true, user, sessionId: await createSession(db, user.id, now) };
}
