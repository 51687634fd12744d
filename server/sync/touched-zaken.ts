// Which question sets a sync run changed, kept durably in sync_pending_zaken until the post-sync
// derivation (server/derivation/) has recorded their events, re-derived status, askers'
// parties and topic matches, and fanned the events out. Two sources:
// - every page marks, in its own transaction, the written-question zaken it inserted or changed
//   and the zaken of changed documents that can make an event, so a crash after the page
//   committed cannot lose them;
// - after the run, zaken, zaak actors and documents whose entry stamp (the Atom <updated>, kept
//   in feed_updated_at) is newer than before the run (actors and other documents change derived
//   data but no event), marked too before the derivation starts.
// Unchanged re-emissions do not rewrite rows, so they mark nothing.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';

/** Marks zaken for the post-sync derivation (idempotent: a zaak already pending keeps its first mark). */
export async function markZakenPending(tx: Db | Tx, zaakIds: string[], now: Date): Promise<void> {
  if (zaakIds.length === 0) return;
  await tx.execute(sql`
    insert into sync_pending_zaken (zaak_id, since)
    select unnest(${pgArray(zaakIds)}::uuid[]), ${now.toISOString()}::timestamptz
    on conflict (zaak_id) do nothing`);
}

export interface FeedMarks {
  zaken: string | null;
  actors: string | null;
  documents: string | null;
}

/** The newest entry stamps before a run (as text: microseconds survive, unlike a JS Date). */
export async function feedMarks(db: Db): Promise<FeedMarks> {
  const [row] = resultRows<FeedMarks>(
    await db.execute(sql`
      select (select max(feed_updated_at)::text from zaken) as zaken,
             (select max(feed_updated_at)::text from zaak_actors) as actors,
             (select max(feed_updated_at)::text from documents) as documents`),
  );
  return row ?? { zaken: null, actors: null, documents: null };
}

/**
 * Marks the zaken touched since the marks pending, in one statement: a resumed first import
 * touches hundreds of thousands, whose ids need not pass through the process. Returns how many
 * were touched. A table that was empty before (first sync) contributes nothing: its pages marked
 * their own sets, and the deadlines evaluation picks up never-evaluated sets by itself.
 */
export async function markTouchedSince(db: Db, marks: FeedMarks, now: Date): Promise<number> {
  const parts = [];
  if (marks.zaken) parts.push(sql`select id as zaak_id from zaken where feed_updated_at > ${marks.zaken}::timestamptz`);
  if (marks.actors) parts.push(sql`select zaak_id from zaak_actors where zaak_id is not null and feed_updated_at > ${marks.actors}::timestamptz`);
  if (marks.documents) {
    parts.push(sql`select dz.zaak_id from documents d join document_zaken dz on dz.document_id = d.id where d.feed_updated_at > ${marks.documents}::timestamptz`);
  }
  if (parts.length === 0) return 0;
  const [row] = resultRows<{ n: number }>(
    await db.execute(sql`
      with touched as (select distinct zaak_id from (${sql.join(parts, sql` union `)}) t),
      marked as (
        insert into sync_pending_zaken (zaak_id, since) select zaak_id, ${now.toISOString()}::timestamptz from touched
        on conflict (zaak_id) do nothing
      )
      select count(*)::int as n from touched`),
  );
  return Number(row?.n ?? 0);
}
