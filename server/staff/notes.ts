// Staff notes on a question set (by zaak id) or a request (by id): shown on staff pages only.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staffNotes, staffUsers, type StaffNoteEntity } from '../db/schema/index.ts';
import { type Actor, recordAudit } from './audit.ts';

export const MAX_NOTE_LENGTH = 4000;

export interface Note {
  id: number;
  author: string;
  body: string;
  createdAt: Date;
}

export async function listNotes(db: Db, entity: StaffNoteEntity, entityId: string): Promise<Note[]> {
  return db
    .select({ id: staffNotes.id, author: staffUsers.email, body: staffNotes.body, createdAt: staffNotes.createdAt })
    .from(staffNotes)
    .innerJoin(staffUsers, eq(staffUsers.id, staffNotes.authorId))
    .where(and(eq(staffNotes.entity, entity), eq(staffNotes.entityId, entityId)))
    .orderBy(asc(staffNotes.createdAt), asc(staffNotes.id));
}

export async function addNote(db: Db, actor: Actor, now: Date, entity: StaffNoteEntity, entityId: string, body: string): Promise<void> {
  if (actor.id === null) throw new Error('notes need an account');
  const authorId = actor.id;
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(staffNotes).values({ entity, entityId, authorId, body, createdAt: now }).returning();
    await recordAudit(tx, actor, now, { action: 'note.create', entity: `note:${entity}`, entityId: row!.id, after: { entity, entityId, body } });
  });
}
