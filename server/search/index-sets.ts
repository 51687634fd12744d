// Keeps question_search in step with what it is built from: the zaak's title and subject, the
// questions and answers (question_texts) and the delay notice's reason (question_text_sets).
// Callers run it in the transaction that changed those rows.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { mapYielding } from '../event-loop.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import { vectorLiteral } from './vector.ts';

interface SetTexts {
  id: string;
  titel: string | null;
  onderwerp: string | null;
  delay_reason: string | null;
  questions: { text: string; answer: string | null }[] | string | null;
}

const BATCH = 500;

/** Rebuilds the index rows of the given zaken; drops those that are not (or no longer) question sets. */
export async function refreshSearchIndex(tx: Db | Tx, zaakIds: readonly string[], now: Date): Promise<number> {
  let written = 0;
  const unique = [...new Set(zaakIds)];
  for (let i = 0; i < unique.length; i += BATCH) written += await refreshBatch(tx, unique.slice(i, i + BATCH), now);
  return written;
}

async function refreshBatch(tx: Db | Tx, ids: string[], now: Date): Promise<number> {
  const idArray = pgArray(ids);
  const rows = resultRows<SetTexts>(
    await tx.execute(sql`
      select z.id::text as id, z.titel, z.onderwerp, ts.delay_reason,
        (select coalesce(jsonb_agg(jsonb_build_object('text', qt.text, 'answer', qt.answer_text) order by qt.position), '[]'::jsonb)
           from question_texts qt where qt.zaak_id = z.id) as questions
      from zaken z
      left join question_text_sets ts on ts.zaak_id = z.id
      where z.id = any(${idArray}::uuid[]) and z.soort = ${QUESTION_ZAAK_SOORT}`),
  );
  // Stemming a batch's texts takes a while: the pages served by the same process get turns.
  const vectors = await mapYielding(rows, (r) => {
    const questions = typeof r.questions === 'string' ? (JSON.parse(r.questions) as { text: string; answer: string | null }[]) : (r.questions ?? []);
    return {
      id: r.id,
      title: vectorLiteral([
        { text: r.onderwerp, weight: 'A' },
        { text: r.titel, weight: 'A' },
      ]),
      vector: vectorLiteral([
        { text: r.onderwerp, weight: 'A' },
        // The titel of written questions is often the dossier's; it still names the subject.
        { text: r.titel, weight: 'A' },
        ...questions.map((q) => ({ text: q.text, weight: 'B' as const })),
        ...questions.map((q) => ({ text: q.answer, weight: 'C' as const })),
        { text: r.delay_reason, weight: 'C' },
      ]),
    };
  });
  const kept = new Set(vectors.map((v) => v.id));
  const gone = ids.filter((id) => !kept.has(id));
  if (gone.length > 0) await tx.execute(sql`delete from question_search where zaak_id = any(${pgArray(gone)}::uuid[])`);
  if (vectors.length === 0) return 0;
  // The topics as they are now, by the definition of every filter copy, and the list's order from
  // the status row; later changes reach the row through question_status_copy_filters and the
  // triggers on question_status (migrations/0019_search_topic_ids.sql, 0020_search_order_keys.sql).
  await tx.execute(sql`
    insert into question_search (zaak_id, vector, title_vector, topic_ids, submitted_on, nummer, indexed_at)
    select v.id, v.vector::tsvector, v.title::tsvector, f.topic_ids, qs.submitted_on, qs.nummer, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(vectors)}::jsonb) as v(id uuid, vector text, title text)
      cross join lateral question_status_filters_of(array[v.id]) f
      left join question_status qs on qs.zaak_id = v.id
    on conflict (zaak_id) do update
      set vector = excluded.vector, title_vector = excluded.title_vector, topic_ids = excluded.topic_ids,
        submitted_on = excluded.submitted_on, nummer = excluded.nummer, indexed_at = excluded.indexed_at`);
  return vectors.length;
}

/**
 * Indexes question sets that have no index row yet (sets from before the index existed, or
 * written by a path that did not index them), a batch at a time; the hourly derivation calls it.
 * Not the sets waiting for the sync's derivation, which indexes them itself.
 */
export async function indexMissingSets(tx: Db | Tx, now: Date, limit = 2_000): Promise<number> {
  const ids = resultRows<{ id: string }>(
    await tx.execute(sql`
      select z.id::text as id from zaken z
      where z.soort = ${QUESTION_ZAAK_SOORT}
        and not exists (select 1 from question_search s where s.zaak_id = z.id)
        -- The derivation indexes the sets a sync left pending (server/derivation/pending-sets.ts).
        and not exists (select 1 from sync_pending_zaken p where p.zaak_id = z.id)
      limit ${limit}`),
  ).map((r) => r.id);
  return refreshSearchIndex(tx, ids, now);
}
