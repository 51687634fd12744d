// Server-side sessions: the cookie carries a 256-bit random id, the database only its SHA-256.
// A new id on every login; idle timeout 30 minutes, absolute 12 hours; logout and disabling the
// account revoke it server-side.
import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffSessions, staffUsers, type StaffRole } from '../db/schema/index.ts';
import { newToken, tokenHash } from './tokens.ts';

const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;
/** lastSeenAt is written at most this often, so every request is not a write. */
const TOUCH_AFTER_MS = 60_000;

export interface StaffSession {
  idHash: string;
  userId: number;
  email: string;
  role: StaffRole;
}

export async function createSession(db: Db, userId: number, now: Date): Promise<string> {
  const id = newToken();
  await db.insert(staffSessions).values({ idHash: tokenHash(id), userId, createdAt: now, lastSeenAt: now });
  return id;
}

/** The live session for a cookie value, or null (unknown, revoked, timed out, account disabled). */
export async function loadSession(db: Db, id: string, now: Date): Promise<StaffSession | null> {
  const idHash = tokenHash(id);
  const [row] = await db
    .select({ s: staffSessions, email: staffUsers.email, role: staffUsers.role, disabledAt: staffUsers.disabledAt })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(eq(staffSessions.idHash, idHash));
  if (!row || row.s.revokedAt || row.disabledAt) return null;
  const t = now.getTime();
  if (t - row.s.lastSeenAt.getTime() > IDLE_TIMEOUT_MS || t - row.s.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS) {
    await db.update(staffSessions).set({ revokedAt: now }).where(eq(staffSessions.idHash, idHash));
    return null;
  }
  if (t - row.s.lastSeenAt.getTime() > TOUCH_AFTER_MS) await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.idHash, idHash));
  return { idHash, userId: row.s.userId, email: row.email, role: row.role };
}

export async function revokeSession(db: Db, idHash: string, now: Date): Promise<void> {
  await db.update(staffSessions).set({ revokedAt: now }).where(and(eq(staffSessions.idHash, idHash), isNull(staffSessions.revokedAt)));
}

/**
 * Deletes sessions that can no longer be used: revoked, idle past the timeout or past the
 * absolute one (the deadlines job, hourly). Returns how many.
 */
export async function purgeSessions(db: Db, now: Date): Promise<number> {
  const t = now.getTime();
  const deleted = await db
    .delete(staffSessions)
    .where(
      or(
        lt(staffSessions.createdAt, new Date(t - ABSOLUTE_TIMEOUT_MS)),
        lt(staffSessions.lastSeenAt, new Date(t - IDLE_TIMEOUT_MS)),
        lte(staffSessions.revokedAt, now),
      ),
    )
    .returning({ idHash: staffSessions.idHash });
  return deleted.length;
}
