// Sign-in: constant work for known and unknown accounts (a dummy hash for unknown ones), the same
// message for every failure, and limits counted in the database so every web process shares them.
//
// Every attempt is recorded *before* its password is checked, under three keys: the pair of IP
// address and account name, the account name (hashed, known or not) and the IP address. It then
// counts the attempts in the window; when a key is over its limit the attempt is withdrawn and
// refused at once (429, no hash, no wait). An attempt's count includes every attempt recorded
// before it, so however many requests arrive at once, at most PAIR_LIMIT of them from one address
// for one account get a full check (and at most ACCOUNT_LIMIT from all addresses together).
//
// The owner of an account keeps a way in: the tightest lock is per address and account, so an
// attacker elsewhere does not lock them out; if a spread-out attack hits the account-wide limit,
// `npm run staff -- add <email>` issues a new one-time password link, and setting a password
// through it clears the account's failures (clearFailures).
import { and, count, eq, gt, inArray, like, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffLoginFailures } from '../db/schema/index.ts';
import { findUserByEmail, normaliseEmail, type StaffUser } from './accounts.ts';
import { verifyDummy, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { tokenHash } from './tokens.ts';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Full checks allowed per IP address and account name in the window. */
export const PAIR_LIMIT = 10;
/** Per account name from all addresses together. */
export const ACCOUNT_LIMIT = 20;
/** Per IP address over all account names. */
const IP_LIMIT = 30;
/** Attempts in the window before delays start. */
const FREE_ATTEMPTS = 3;
/** Far below the server's 30-second request and connection timeouts. */
const MAX_DELAY_MS = 4_000;

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const accountKey = (email: string) => `account:${tokenHash(normaliseEmail(email))}`;

function keysOf(ip: string, email: string) {
  const account = accountKey(email);
  return { pair: `pair:${ip}|${account}`, account, ip: `ip:${ip}` };
}

/** Before the n-th attempt in the window (1-based): 0 for the first few, then 1 s, 2 s, 4 s … at most MAX_DELAY_MS. */
export function delayFor(attempt: number): number {
  return attempt <= FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (attempt - FREE_ATTEMPTS - 1));
}

export type LoginResult = { ok: true; user: StaffUser; sessionId: string } | { ok: false; locked: boolean };

export async function attemptLogin(db: Db, now: Date, sleep: Sleep, ip: string, email: string, password: string): Promise<LoginResult> {
  const keys = keysOf(ip, email);
  // Reserve: this attempt counts before anything is checked.
  const reserved = await db
    .insert(staffLoginFailures)
    .values([keys.pair, keys.account, keys.ip].map((key) => ({ key, at: now })))
    .returning({ id: staffLoginFailures.id });
  const ownIds = reserved.map((r) => r.id);
  const rows = await db
    .select({ key: staffLoginFailures.key, n: count() })
    .from(staffLoginFailures)
    .where(and(inArray(staffLoginFailures.key, [keys.pair, keys.account, keys.ip]), gt(staffLoginFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS))))
    .groupBy(staffLoginFailures.key);
  const n = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
  if (n(keys.pair) > PAIR_LIMIT || n(keys.account) > ACCOUNT_LIMIT || n(keys.ip) > IP_LIMIT) {
    // Refused attempts do not count: the lock ends a window after the last checked attempt.
    await db.delete(staffLoginFailures).where(inArray(staffLoginFailures.id, ownIds));
    return { ok: false, locked: true };
  }
  const wait = delayFor(Math.max(n(keys.pair), n(keys.account)));
  if (wait > 0) await sleep(wait);

  const user = await findUserByEmail(db, email);
  const ok = user && user.passwordHash && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : await verifyDummy(password);
  if (!ok || !user) return { ok: false, locked: false };

  // Signed in: the account's and this pair's failures no longer count; other accounts' failures
  // from this address still do.
  await db.delete(staffLoginFailures).where(inArray(staffLoginFailures.key, [keys.pair, keys.account]));
  await db.delete(staffLoginFailures).where(inArray(staffLoginFailures.id, ownIds));
  return { ok: true, user, sessionId: await createSession(db, user.id, now) };
}

/** Forgets an account's failed sign-ins (its owner proved themselves with a password link). */
export async function clearFailures(db: Db, email: string): Promise<void> {
  const account = accountKey(email);
  // Pair keys end with the account key (hex digits: nothing in it is a LIKE wildcard).
  await db.delete(staffLoginFailures).where(or(eq(staffLoginFailures.key, account), like(staffLoginFailures.key, `pair:%|${account}`)));
}

/** Deletes failures older than the window, which no longer count (the deadlines job, hourly). */
export async function purgeLoginFailures(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(staffLoginFailures)
    .where(lt(staffLoginFailures.at, new Date(now.getTime() - FAILURE_WINDOW_MS)))
    .returning({ id: staffLoginFailures.id });
  return deleted.length;
}
