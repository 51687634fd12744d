// Runs the topic lens over zaken: their titel and onderwerp plus the titles and subjects of their
// documents, and the question and answer texts of written-question sets (matcher.ts matchSet).
// Records matches with the terms, the quoted passage and topic version in topic_matches, removes
// stale ones, and remembers what was checked (zaak_topic_checks) so the hourly run only looks at new or
// changed zaken.
import { eq, sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { mapYielding } from '../event-loop.ts';
import { topics, zaken } from '../db/schema/index.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import { type CompiledTopic, compileTopic, matchSet, type TextUnit } from './matcher.ts';

const BATCH = 5000;

type TopicRow = typeof topics.$inferSelect;

export interface MatchResult {
  checked: number;
  matched: number;
}

/**
 * One batch in three statements whatever its size: the texts of its zaken (each zaak's titel and
 * onderwerp, its documents' titles and subjects as one JSON array), the matcher in JS (stemming
 * and compound rules, server/topics/matcher.ts), then one statement that removes the matches that
 * no longer hold, upserts the new ones and records the check of every zaak.
 */
async function matchBatch(db: Db | Tx, topic: TopicRow, compiled: CompiledTopic, zaakIds: string[], now: Date): Promise<number> {
  if (zaakIds.length === 0) return 0;
  const rows = resultRows<{ id: string; titel: string | null; onderwerp: string | null; docs: string; questions: string }>(
    await db.execute(sql`
      select z.id, z.titel, z.onderwerp,
        (select coalesce(json_agg(json_build_array(d.titel, d.onderwerp)), '[]')::text
           from document_zaken dz join documents d on d.id = dz.document_id where dz.zaak_id = z.id) as docs,
        (select coalesce(json_agg(json_build_array(q.number, q.text, q.answer_text) order by q.position), '[]')::text
           from question_texts q where q.zaak_id = z.id) as questions
      from zaken z where z.id = any(${pgArray(zaakIds)}::uuid[])`),
  );
  // In slices of 10 ms: the pages served by the same process (JOBS=on) get turns in between.
  const checked = await mapYielding(rows, (r) => {
    const docs = JSON.parse(r.docs) as [string | null, string | null][];
    const questions = JSON.parse(r.questions) as [string, string, string | null][];
    // Questions first, then answers: a passage from the question says best why the set is here.
    const units: TextUnit[] = [
      ...questions.map(([questionNumber, text]) => ({ text, questionNumber, source: 'question' as const })),
      ...questions.flatMap(([questionNumber, , answer]) => (answer ? [{ text: answer, questionNumber, source: 'answer' as const }] : [])),
    ];
    const m = matchSet(compiled, [r.titel, r.onderwerp, ...docs.flat()], units);
    return { zaak_id: r.id, terms: m.matched ? m.terms : null, passage: m.passage };
  });
  const nowIso = now.toISOString();
  await db.execute(sql`
    with input as (
      select * from json_to_recordset(${JSON.stringify(checked)}::json) as x (zaak_id uuid, terms jsonb, passage jsonb)
    ),
    stale as (
      delete from topic_matches m using input i
      where m.topic_id = ${topic.id} and m.zaak_id = i.zaak_id and i.terms is null
    ),
    matched as (
      insert into topic_matches (topic_id, zaak_id, matched_terms, matched_passage, topic_version, matched_at)
      select ${topic.id}, i.zaak_id, i.terms, i.passage, ${topic.version}, ${nowIso}::timestamptz from input i where i.terms is not null
      on conflict (topic_id, zaak_id) do update
        set matched_terms = excluded.matched_terms, matched_passage = excluded.matched_passage,
          topic_version = excluded.topic_version, matched_at = excluded.matched_at
    )
    insert into zaak_topic_checks (zaak_id, topic_id, topic_version, zaak_bijgewerkt, checked_at)
    -- At millisecond precision, as matchZaken compares it (the stamp used to pass through a JS Date).
    select i.zaak_id, ${topic.id}, ${topic.version}, date_trunc('milliseconds', z.bijgewerkt), ${nowIso}::timestamptz
    from input i join zaken z on z.id = i.zaak_id
    on conflict (topic_id, zaak_id) do update
      set topic_version = excluded.topic_version, zaak_bijgewerkt = excluded.zaak_bijgewerkt, checked_at = excluded.checked_at`);
  return checked.filter((c) => c.terms !== null).length;
}

async function run(db: Db | Tx, topic: TopicRow, ids: string[], now: Date): Promise<MatchResult> {
  let matched = 0;
  // Compiled once per run: its cache of judged words then serves every batch.
  const compiled = compileTopic(topic.terms, topic.excluded);
  for (let i = 0; i < ids.length; i += BATCH) matched += await matchBatch(db, topic, compiled, ids.slice(i, i + BATCH), now);
  return { checked: ids.length, matched };
}

/** Re-matches every question set against one topic (after staff edited it, or its version rose). */
export async function rematchTopic(db: Db, topicId: number, now: Date): Promise<MatchResult> {
  const [topic] = await db.select().from(topics).where(eq(topics.id, topicId));
  if (!topic) throw new Error(`No topic ${topicId}`);
  const ids = await db.select({ id: zaken.id }).from(zaken).where(eq(zaken.soort, QUESTION_ZAAK_SOORT));
  return run(db, topic, ids.map((r) => r.id), now);
}

/**
 * Matches the given zaken (the sync's changed ones) against every topic; without ids, the question
 * sets not yet checked against a topic's current version or changed since they were, except those
 * waiting for the sync's derivation.
 */
export async function matchZaken(db: Db | Tx, now: Date, zaakIds?: string[]): Promise<MatchResult> {
  const all = await db.select().from(topics);
  const total: MatchResult = { checked: 0, matched: 0 };
  for (const topic of all) {
    let ids: string[];
    if (zaakIds) {
      if (zaakIds.length === 0) continue;
      const rows = await db.execute(sql`select id from zaken where id = any(${pgArray(zaakIds)}::uuid[]) and soort = ${QUESTION_ZAAK_SOORT}`);
      ids = resultRows<{ id: string }>(rows).map((r) => r.id);
    } else {
      const rows = await db.execute<{ id: string }>(sql`
        select z.id from zaken z
        left join zaak_topic_checks c on c.zaak_id = z.id and c.topic_id = ${topic.id}
        where z.soort = ${QUESTION_ZAAK_SOORT}
          -- zaak_bijgewerkt went through a JavaScript Date (milliseconds); the feed's stamps have
          -- up to seven fractional digits, so compare at millisecond precision or every zaak
          -- would look changed on every run.
          and (c.zaak_id is null or c.topic_version <> ${topic.version} or c.zaak_bijgewerkt < date_trunc('milliseconds', z.bijgewerkt))
          -- Sets a sync left pending are matched by the derivation once a run has brought all
          -- their documents (server/derivation/pending-sets.ts): here they would be matched twice,
          -- the first time on half their titles (a first import stopped part-way: every set).
          and not exists (select 1 from sync_pending_zaken p where p.zaak_id = z.id)`);
      const list = resultRows<{ id: string }>(rows);
      ids = list.map((r) => r.id);
    }
    const r = await run(db, topic, ids, now);
    total.checked += r.checked;
    total.matched += r.matched;
  }
  return total;
}
