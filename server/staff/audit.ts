// The audit log: every staff change with who, when, what (entity and id), before and after.
// Domain functions call recordAudit inside the transaction of the change itself.
import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffAudit } from '../db/schema/index.ts';

/** Who made a change: a signed-in account, or the command line (id null). */
export interface Actor {
  id: number | null;
  email: string;
}

export const CLI_ACTOR: Actor = { id: null, email: 'opdrachtregel' };

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy (dates as ISO strings) for the jsonb columns. */
function plain(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

export async function recordAudit(db: Db | Tx, actor: Actor, at: Date, e: AuditEntry): Promise<void> {
  await db.insert(staffAudit).values({
    actorId: actor.id,
    actorEmail: actor.email,
    at,
    action: e.action,
    entity: e.entity,
    entityId: String(e.entityId),
    before: plain(e.before),
    after: plain(e.after),
  });
}

export async function listAudit(db: Db, limit = 200) {
  return db.select().from(staffAudit).orderBy(desc(staffAudit.at), desc(staffAudit.id)).limit(limit);
}
