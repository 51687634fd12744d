// Staff accounts: created from the command line with a one-time link to set a password (24 hours,
// single use, stored as a hash), listed, disabled (which ends their sessions at once).
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffPasswordTokens, staffSessions, staffUsers, type StaffRole } from '../db/schema/index.ts';
import { type Actor, recordAudit } from './audit.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { newToken, tokenHash } from './tokens.ts';

export const PASSWORD_LINK_HOURS = 24;

export type StaffUser = typeof staffUsers.$inferSelect;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** What the audit log keeps of an account: never the password hash. */
function auditView(u: StaffUser) {
  return { email: u.email, role: u.role, disabledAt: u.disabledAt, hasPassword: u.passwordHash !== null };
}

export async function findUserByEmail(db: Db, email: string): Promise<StaffUser | undefined> {
  const [u] = await db.select().from(staffUsers).where(eq(staffUsers.email, normaliseEmail(email)));
  return u;
}

async function issuePasswordToken(db: Db, userId: number, now: Date): Promise<string> {
  const token = newToken();
  await db.insert(staffPasswordTokens).values({
    tokenHash: tokenHash(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000),
  });
  return token;
}

/**
 * Creates an account (or, for an existing one, re-enables it and issues a new link) and returns
 * the one-time token for its password link.
 */
export async function addUser(db: Db, actor: Actor, now: Date, email: string, role: StaffRole): Promise<{ user: StaffUser; token: string }> {
  const address = normaliseEmail(email);
  if (!EMAIL_RE.test(address) || address.length > 254) throw new Error(`Ongeldig e-mailadres: ${email}`);
  const existing = await findUserByEmail(db, address);
  let user: StaffUser;
  if (existing) {
    [user] = (await db.update(staffUsers).set({ role, disabledAt: null, updatedAt: now }).where(eq(staffUsers.id, existing.id)).returning()) as [StaffUser];
    await recordAudit(db, actor, now, { action: 'account.update', entity: 'staff_user', entityId: user.id, before: auditView(existing), after: auditView(user) });
  } else {
    [user] = (await db.insert(staffUsers).values({ email: address, role, createdAt: now, updatedAt: now }).returning()) as [StaffUser];
    await recordAudit(db, actor, now, { action: 'account.create', entity: 'staff_user', entityId: user.id, after: auditView(user) });
  }
  return { user, token: await issuePasswordToken(db, user.id, now) };
}

export async function listUsers(db: Db): Promise<StaffUser[]> {
  return db.select().from(staffUsers).orderBy(asc(staffUsers.email));
}

/** Disables the account and revokes every session it has. */
export async function disableUser(db: Db, actor: Actor, now: Date, email: string): Promise<boolean> {
  const user = await findUserByEmail(db, email);
  if (!user) return false;
  await db.transaction(async (tx) => {
    const [after] = await tx.update(staffUsers).set({ disabledAt: now, updatedAt: now }).where(eq(staffUsers.id, user.id)).returning();
    await tx.update(staffSessions).set({ revokedAt: now }).where(and(eq(staffSessions.userId, user.id), isNull(staffSessions.revokedAt)));
    await tx.update(staffPasswordTokens).set({ usedAt: now }).where(and(eq(staffPasswordTokens.userId, user.id), isNull(staffPasswordTokens.usedAt)));
    await recordAudit(tx, actor, now, { action: 'account.disable', entity: 'staff_user', entityId: user.id, before: auditView(user), after: after && auditView(after) });
  });
  return true;
}

/** The account a valid (unused, unexpired) password token belongs to. */
export async function userForPasswordToken(db: Db, token: string, now: Date): Promise<StaffUser | undefined> {
  const [row] = await db
    .select({ user: staffUsers })
    .from(staffPasswordTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, staffPasswordTokens.userId))
    .where(and(eq(staffPasswordTokens.tokenHash, tokenHash(token)), isNull(staffPasswordTokens.usedAt), gt(staffPasswordTokens.expiresAt, now), isNull(staffUsers.disabledAt)));
  return row?.user;
}

export type SetPasswordResult = { ok: true; user: StaffUser } | { ok: false; reason: 'invalid_link' } | { ok: false; reason: 'weak'; message: string };

/** Uses the token (once) to set the password; ends any sessions the account had. */
export async function setPasswordWithToken(db: Db, now: Date, token: string, password: string): Promise<SetPasswordResult> {
  const user = await userForPasswordToken(db, token, now);
  if (!user) return { ok: false, reason: 'invalid_link' };
  const problem = passwordProblem(password, user.email);
  if (problem) return { ok: false, reason: 'weak', message: problem };
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Claims the token: a second use in a race finds it already used.
    const claimed = await tx
      .update(staffPasswordTokens)
      .set({ usedAt: now })
      .where(and(eq(staffPasswordTokens.tokenHash, tokenHash(token)), isNull(staffPasswordTokens.usedAt)))
      .returning({ userId: staffPasswordTokens.userId });
    if (claimed.length === 0) return { ok: false, reason: 'invalid_link' } as const;
    const [updated] = (await tx.update(staffUsers).set({ passwordHash: hash, updatedAt: now }).where(eq(staffUsers.id, user.id)).returning()) as [StaffUser];
    await tx.update(staffSessions).set({ revokedAt: now }).where(and(eq(staffSessions.userId, user.id), isNull(staffSessions.revokedAt)));
    await recordAudit(tx, { id: user.id, email: user.email }, now, { action: 'account.set_password', entity: 'staff_user', entityId: user.id, before: auditView(user), after: auditView(updated) });
    return { ok: true, user: updated } as const;
  });
}
