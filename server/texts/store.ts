// Writes what the texts job read, and the set texts derived from it. Per batch, one transaction
// holds the documents' rows and the re-paired sets they changed, so a crash leaves either both
// or neither, and a changed text replaces the old one at once (pages, search and alerts never
// see a set half-replaced).
import { sql } from 'drizzle-orm';
import { pgArray, resultRows, type Tx } from '../db/client.ts';
import type { DocumentTextState, QuestionTextFlag, TextSource } from '../db/schema/texts.ts';
import type { DueDocument } from './due-documents.ts';
import { KIND_BY_SOORT } from './due-documents.ts';
import { DOC_ANSWER, DOC_ANSWER_NADER, DOC_DELAY_NOTICE, DOC_QUESTIONS } from '../questions/documents.ts';
import { pairSet } from './pair.ts';
import type { ParsedDocument } from './parsed.ts';
import type { Attempt } from './read-document.ts';

/** Retry back-off: 30 minutes, doubling, at most a day (KOOP publishes answers days to weeks late). */
const RETRY_BASE_MS = 30 * 60_000;
const RETRY_MAX_MS = 24 * 60 * 60_000;

function nextAttemptAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1)));
}

interface TextRow {
  document_id: string;
  version_key: string;
  state: DocumentTextState;
  source: TextSource | null;
  publication_id: string | null;
  content: ParsedDocument | unknown;
  reason: string | null;
  attempts: number;
  next_attempt_at: string | null;
  read_at: string | null;
}

/**
 * The row to store for one attempt, and whether the document's stored text changed. A failed
 * retry keeps the text already stored (a Kamer file stays until KOOP's text is read).
 */
export function rowFor(doc: DueDocument, attempt: Attempt, now: Date): { row: TextRow; changed: boolean } {
  const prev = doc.previous;
  const attempts = (prev && prev.versionKey === doc.versionKey ? prev.attempts : 0) + 1;
  const official = attempt.state === 'ok' && attempt.source === 'koop';
  const retryAt = official ? null : nextAttemptAt(now, attempts).toISOString();
  if (attempt.state === 'ok') {
    const changed = !prev || prev.state !== 'ok' || prev.source !== attempt.source || JSON.stringify(prev.content) !== JSON.stringify(attempt.content);
    return {
      changed,
      row: {
        document_id: doc.id,
        version_key: doc.versionKey,
        state: 'ok',
        source: attempt.source,
        publication_id: attempt.publicationId,
        content: attempt.content,
        reason: attempt.reason,
        attempts: official ? 0 : attempts,
        next_attempt_at: retryAt,
        read_at: now.toISOString(),
      },
    };
  }
  const keep = prev?.state === 'ok';
  return {
    changed: false,
    row: {
      document_id: doc.id,
      version_key: doc.versionKey,
      state: keep ? 'ok' : attempt.state,
      source: keep ? prev!.source : null,
      publication_id: attempt.publicationId,
      content: keep ? prev!.content : null,
      reason: attempt.reason,
      attempts,
      next_attempt_at: retryAt,
      read_at: null,
    },
  };
}

export async function storeTextRows(tx: Tx, rows: TextRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into document_texts (document_id, version_key, state, source, publication_id, content, reason, attempts, next_attempt_at, tried_at, read_at)
    select x.document_id, x.version_key, x.state, x.source, x.publication_id, x.content, x.reason, x.attempts, x.next_attempt_at, ${now.toISOString()}::timestamptz, x.read_at
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(document_id uuid, version_key text, state text, source text, publication_id text,
      content jsonb, reason text, attempts int, next_attempt_at timestamptz, read_at timestamptz)
    on conflict (document_id) do update set version_key = excluded.version_key, state = excluded.state, source = excluded.source,
      publication_id = excluded.publication_id, content = excluded.content, reason = excluded.reason, attempts = excluded.attempts,
      next_attempt_at = excluded.next_attempt_at, tried_at = excluded.tried_at,
      read_at = coalesce(excluded.read_at, document_texts.read_at)`);
}

interface SetDocumentRow {
  zaak_id: string;
  document_id: string;
  soort: string;
  source: TextSource;
  content: ParsedDocument;
}

/**
 * Pairs each set's stored texts again and replaces its question_texts and question_text_sets
 * rows. A set with no readable text keeps no rows.
 */
export async function replaceSetTexts(tx: Tx, zaakIds: readonly string[], now: Date): Promise<number> {
  if (zaakIds.length === 0) return 0;
  const ids = pgArray(zaakIds);
  const docs = resultRows<SetDocumentRow>(
    await tx.execute(sql`
      select dz.zaak_id, d.id as document_id, d.soort, t.source, t.content
      from document_zaken dz
      join documents d on d.id = dz.document_id
      join document_texts t on t.document_id = d.id and t.state = 'ok'
      where dz.zaak_id = any(${ids}::uuid[]) and d.soort = any(${pgArray(Object.keys(KIND_BY_SOORT))}::text[])
      order by dz.zaak_id, d.datum nulls last, d.id`),
  );
  // "Not answered" is only said when every answer of the set was read: an answer whose text is
  // not (yet) available may well answer the question.
  const answersUnread = new Set(
    resultRows<{ zaak_id: string }>(
      await tx.execute(sql`
        select distinct dz.zaak_id from document_zaken dz
        join documents d on d.id = dz.document_id
        left join document_texts t on t.document_id = d.id
        where dz.zaak_id = any(${ids}::uuid[]) and d.soort = any(${pgArray([DOC_ANSWER, DOC_ANSWER_NADER])}::text[]) and (t.state is null or t.state <> 'ok')`),
    ).map((r) => r.zaak_id),
  );
  const bySet = new Map<string, SetDocumentRow[]>();
  for (const d of docs) bySet.set(d.zaak_id, [...(bySet.get(d.zaak_id) ?? []), d]);

  await tx.execute(sql`delete from question_texts where zaak_id = any(${ids}::uuid[])`);
  await tx.execute(sql`delete from question_text_sets where zaak_id = any(${ids}::uuid[])`);
  const questionRows: Record<string, unknown>[] = [];
  const setRows: Record<string, unknown>[] = [];
  for (const [zaakId, setDocs] of bySet) {
    const parsed = (d: SetDocumentRow) => (typeof d.content === 'string' ? (JSON.parse(d.content) as ParsedDocument) : d.content);
    // Rows come in date order: the first answer, then nader answers; notices likewise.
    const paired = pairSet({
      questions: setDocs.filter((d) => d.soort === DOC_QUESTIONS).map(parsed)[0] ?? null,
      answers: [...setDocs.filter((d) => d.soort === DOC_ANSWER), ...setDocs.filter((d) => d.soort === DOC_ANSWER_NADER)].map((d) => ({
        documentId: d.document_id,
        parsed: parsed(d),
      })),
      notices: setDocs.filter((d) => d.soort === DOC_DELAY_NOTICE).map(parsed),
    });
    const mayCallUnanswered = !answersUnread.has(zaakId);
    paired.questions.forEach((q) =>
      questionRows.push({
        zaak_id: zaakId,
        position: q.position,
        number: q.number,
        text: q.text,
        answer_text: q.answerText,
        answer_document_id: q.answerDocumentId,
        answered_with: q.answeredWith,
        refers_to: q.refersTo,
        deferred: q.deferred,
        deferral_text: q.deferralText,
        flags: (mayCallUnanswered ? q.flags : q.flags.filter((f) => f !== 'unanswered')) satisfies QuestionTextFlag[],
      }),
    );
    setRows.push({
      zaak_id: zaakId,
      text_source: setDocs.some((d) => d.source === 'tk') ? 'tk' : 'koop',
      delay_reason: paired.delayReason,
      footnotes: paired.footnotes,
    });
  }
  if (questionRows.length > 0) {
    await tx.execute(sql`
      insert into question_texts (zaak_id, position, number, text, answer_text, answer_document_id, answered_with, refers_to, deferred, deferral_text, flags)
      select * from json_to_recordset(${JSON.stringify(questionRows)}::json) as x(zaak_id uuid, position int, number text, text text, answer_text text,
        answer_document_id uuid, answered_with jsonb, refers_to jsonb, deferred boolean, deferral_text text, flags jsonb)`);
  }
  if (setRows.length > 0) {
    await tx.execute(sql`
      insert into question_text_sets (zaak_id, text_source, delay_reason, footnotes, updated_at)
      select x.zaak_id, x.text_source, x.delay_reason, x.footnotes, ${now.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(setRows)}::json) as x(zaak_id uuid, text_source text, delay_reason text, footnotes jsonb)`);
  }
  return setRows.length;
}
