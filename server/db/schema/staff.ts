// The staff area: accounts (created from the command line), one-time password links, server-side
// sessions, login failures (for growing delays), notes and the audit log. Secrets are stored only
// as SHA-256 hashes (tokens, session ids) or scrypt hashes (passwords).
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ownColumns } from './columns.ts';

export const STAFF_ROLES = ['staff', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUsers = pgTable(
  'staff_users',
  {
    id: serial('id').primaryKey(),
    /** Lower-cased. */
    email: text('email').notNull(),
    role: text('role').$type<StaffRole>().notNull().default('staff'),
    /** `scrypt$N$r$p$salt$hash` (base64url); null until the account's password link is used. */
    passwordHash: text('password_hash'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    ...ownColumns(),
  },
  (t) => [uniqueIndex('staff_users_email_uq').on(t.email), check('staff_users_role_ck', sql`${t.role} in ('staff', 'admin')`)],
);

/** One-time links to set a password: 24 hours, single use, only the SHA-256 of the token stored. */
export const staffPasswordTokens = pgTable(
  'staff_password_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('staff_password_tokens_user_idx').on(t.userId)],
);

/** Server-side sessions; the cookie holds the id, the table only its SHA-256. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId)],
);

/**
 * Failed logins, keyed by `ip:<address>` and `account:<sha256 of the lower-cased email>` (known or
 * not, so the throttle tells nothing about which addresses exist). Shared by every web process.
 */
export const staffLoginFailures = pgTable(
  'staff_login_failures',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_login_failures_key_at_idx').on(t.key, t.at)],
);

export const STAFF_NOTE_ENTITIES = ['question', 'request'] as const;
export type StaffNoteEntity = (typeof STAFF_NOTE_ENTITIES)[number];

/** Notes on a question set (zaak id) or a request (id), visible to staff only. */
export const staffNotes = pgTable(
  'staff_notes',
  {
    id: serial('id').primaryKey(),
    entity: text('entity').$type<StaffNoteEntity>().notNull(),
    entityId: text('entity_id').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => staffUsers.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_notes_entity_idx').on(t.entity, t.entityId), check('staff_notes_entity_ck', sql`${t.entity} in ('question', 'request')`)],
);

/** Every staff change: who, when, what, and the row before and after. */
export const staffAudit = pgTable(
  'staff_audit',
  {
    id: serial('id').primaryKey(),
    /** Null for changes made from the command line. */
    actorId: integer('actor_id').references(() => staffUsers.id),
    actorEmail: text('actor_email').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before').$type<unknown>(),
    after: jsonb('after').$type<unknown>(),
  },
  (t) => [index('staff_audit_at_idx').on(t.at), index('staff_audit_entity_idx').on(t.entity, t.entityId)],
);
