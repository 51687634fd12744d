// Which documents the texts job reads next: the questions, answers, nader answers and delay
// notices of written-question sets that have no text row yet, whose file changed since (a new or
// updated DocumentVersie, or an Aanhangselnummer that names the KOOP publication), or whose
// retry is due (missing, unreadable, or still the Kamer's file waiting for KOOP).
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows } from '../db/client.ts';
import { DOC_ANSWER, DOC_ANSWER_NADER, DOC_DELAY_NOTICE, DOC_QUESTIONS, QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import type { DocumentTextState, TextSource } from '../db/schema/texts.ts';
import type { DocumentKind } from './parsed.ts';

export const KIND_BY_SOORT: Record<string, DocumentKind> = {
  [DOC_QUESTIONS]: 'questions',
  [DOC_ANSWER]: 'answer',
  [DOC_ANSWER_NADER]: 'nader-answer',
  [DOC_DELAY_NOTICE]: 'notice',
};

export interface DueDocument {
  id: string;
  soort: string;
  kind: DocumentKind;
  zaakId: string;
  zaakNummer: string | null;
  vergaderjaar: string | null;
  aanhangselnummer: string | null;
  externeidentifier: string | null;
  /** The file's extension per its DocumentVersie ('.docx'), when known. */
  extensie: string | null;
  /** What this attempt reads; stored as document_texts.version_key. */
  versionKey: string;
  /** The stored row, if any. */
  previous: { state: DocumentTextState; source: TextSource | null; content: unknown; attempts: number; versionKey: string } | null;
}

interface Row {
  id: string;
  soort: string;
  zaak_id: string;
  zaak_nummer: string | null;
  vergaderjaar: string | null;
  aanhangselnummer: string | null;
  externeidentifier: string | null;
  extensie: string | null;
  version_key: string;
  t_state: DocumentTextState | null;
  t_source: TextSource | null;
  t_content: unknown;
  t_attempts: number | null;
  t_version_key: string | null;
}

/**
 * Up to `limit` due documents, the newest first (a new set's texts matter most). Every attempt
 * stores the version it saw and a next attempt in the future (or none), so a document is not due
 * again in the same run; `exclude` leaves out a batch whose outcomes are still being stored.
 */
export async function dueDocuments(db: Db, now: Date, limit: number, exclude: readonly string[] = []): Promise<DueDocument[]> {
  const soorten = pgArray(Object.keys(KIND_BY_SOORT));
  const rows = resultRows<Row>(
    await db.execute(sql`
      with candidates as (
        select distinct on (d.id) d.id, d.soort, d.datum, d.vergaderjaar, d.aanhangselnummer, z.id as zaak_id, z.nummer as zaak_nummer,
          v.externeidentifier, v.extensie,
          coalesce(v.id::text || '@' || to_char(v.bijgewerkt at time zone 'UTC', 'YYYYMMDDHH24MISSUS'), '-') || '|' || coalesce(d.aanhangselnummer, '') as version_key
        from documents d
        join document_zaken dz on dz.document_id = d.id
        join zaken z on z.id = dz.zaak_id and z.soort = ${QUESTION_ZAAK_SOORT}
        left join lateral (
          select dv.id, dv.bijgewerkt, dv.externeidentifier, dv.extensie from document_versies dv
          where dv.document_id = d.id order by dv.versienummer desc nulls last, dv.bijgewerkt desc limit 1
        ) v on true
        where d.soort = any(${soorten}::text[]) and not (d.id = any(${pgArray(exclude)}::uuid[]))
        order by d.id, z.nummer
      )
      select c.*, t.state as t_state, t.source as t_source, t.content as t_content, t.attempts as t_attempts, t.version_key as t_version_key
      from candidates c left join document_texts t on t.document_id = c.id
      where t.document_id is null
         or t.next_attempt_at <= ${now.toISOString()}::timestamptz
         or t.version_key <> c.version_key
      order by c.datum desc nulls last, c.id
      limit ${limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    soort: r.soort,
    kind: KIND_BY_SOORT[r.soort]!,
    zaakId: r.zaak_id,
    zaakNummer: r.zaak_nummer,
    vergaderjaar: r.vergaderjaar,
    aanhangselnummer: r.aanhangselnummer,
    externeidentifier: r.externeidentifier,
    extensie: r.extensie,
    versionKey: r.version_key,
    previous:
      r.t_state === null
        ? null
        : { state: r.t_state, source: r.t_source, content: r.t_content, attempts: Number(r.t_attempts ?? 0), versionKey: r.t_version_key ?? '' },
  }));
}
