// Turns what the sync changed into question events (asked, delay notice, answer, nader answer,
// withdrawal). Pages only mark the question sets they changed (server/sync/touched-zaken.ts); the
// post-sync derivation (pending-sets.ts) records their events here, in the transaction that also derives askers, addressees
// and topic matches and fans the events out to subscribers, so a new set's alerts see who asked
// it. Documents and zaken arrive in separate categories in any order; an event is detected once
// the document↔zaak link and both rows are present, whichever page completed it. The dedupe key
// makes every detection idempotent, so re-emissions and re-runs after a crash record nothing twice.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { DOC_ANSWER, DOC_ANSWER_NADER, DOC_DELAY_NOTICE, DOC_NOTICE, QUESTION_ZAAK_SOORT, WITHDRAWAL_PATTERN } from '../questions/documents.ts';

const ids = (result: unknown) => resultRows<{ id: number }>(result).map((r) => Number(r.id));

/**
 * Every sync event of the given zaken: `asked` for written-question sets and the events of their
 * documents. Returns the ids of the events recorded now (not those recorded before).
 */
export async function recordAskedQuestions(tx: Db | Tx, zaakIds: string[], now: Date): Promise<number[]> {
  if (zaakIds.length === 0) return [];
  const asked = await tx.execute(sql`
    insert into question_events (zaak_id, kind, occurred_at, recorded_at, document_id, source, details, dedupe_key)
    select z.id, 'asked', coalesce(z.gestart_op, z.bijgewerkt), ${now.toISOString()}::timestamptz, null, 'sync',
           jsonb_build_object('nummer', z.nummer), z.id::text || ':asked'
      from zaken z
     where z.id = any(${pgArray(zaakIds)}::uuid[])
       and z.soort = ${QUESTION_ZAAK_SOORT}
    on conflict (dedupe_key) do nothing
    returning id`);
  return [...ids(asked), ...(await recordDocumentEvents(tx, zaakIds, now))];
}

/** Events for the documents linked to the given written-question zaken. */
export async function recordDocumentEvents(tx: Db | Tx, zaakIds: string[], now: Date): Promise<number[]> {
  if (zaakIds.length === 0) return [];
  // `distinct on` + `order by occurred_at` keeps the earliest document when several share a
  // once-only key in one page (two answers: the first one is the answer).
  const recorded = await tx.execute(sql`
    insert into question_events (zaak_id, kind, occurred_at, recorded_at, document_id, source, details, dedupe_key)
    select distinct on (dedupe_key) zaak_id, kind, occurred_at, ${now.toISOString()}::timestamptz, document_id, 'sync', details, dedupe_key
      from (
        select z.id as zaak_id, e.kind, coalesce(d.datum, d.bijgewerkt) as occurred_at, d.id as document_id,
               jsonb_build_object('nummer', z.nummer, 'documentNummer', d.document_nummer, 'soort', d.soort) as details,
               -- Once per set for the first answer, the (first) delay notice and the withdrawal:
               -- the same keys the deadlines evaluation uses, so whichever records it first
               -- records it once. Nader answers may come several times.
               case when e.kind = 'nader_answer' then z.id::text || ':' || e.kind || ':' || d.id::text
                    else z.id::text || ':' || e.kind end as dedupe_key
          from document_zaken dz
          join documents d on d.id = dz.document_id
          join zaken z on z.id = dz.zaak_id
          cross join lateral (select case
                 when d.soort = ${DOC_DELAY_NOTICE} then 'delay_notice'
                 when d.soort = ${DOC_ANSWER} then 'answered'
                 when d.soort = ${DOC_ANSWER_NADER} then 'nader_answer'
                 when d.soort = ${DOC_NOTICE} and d.onderwerp ~* ${WITHDRAWAL_PATTERN} then 'withdrawn'
               end as kind) e
         where dz.zaak_id = any(${pgArray(zaakIds)}::uuid[])
           and z.soort = ${QUESTION_ZAAK_SOORT}
           and e.kind is not null
      ) found
     order by dedupe_key, occurred_at, document_id
    on conflict (dedupe_key) do nothing
    returning id`);
  return ids(recorded);
}
