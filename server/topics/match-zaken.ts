// Runs the topic lens over zaken: their titel and onderwerp plus the titles and subjects of their
// documents, and the question and answer texts of written-question sets (matcher.ts matchSet). Records matches with the terms and topic version in topic_matches, removes stale
// ones, and remembers what was checked (zaak_topic_checks) so the hourly run only looks at new or
// changed zaken.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, resultRows, type Tx } from '../db/client.ts';
import { documents, documentZaken, questionTexts, topicMatches, topics, zaakTopicChecks, zaken } from '../db/schema/index.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import { compileTopic, matchSet, type TextUnit } from './matcher.ts';

const BATCH = 1000;

type TopicRow = typeof topics.$inferSelect;

export interface MatchResult {
  checked: number;
  matched: number;
}

async function matchBatch(db: Db | Tx, topic: TopicRow, zaakIds: string[], now: Date): Promise<number> {
  if (zaakIds.length === 0) return 0;
  const compiled = compileTopic(topic.terms, topic.excluded);
  const rows = await db
    .select({ id: zaken.id, titel: zaken.titel, onderwerp: zaken.onderwerp, bijgewerkt: zaken.bijgewerkt })
    .from(zaken)
    .where(inArray(zaken.id, zaakIds));
  const docs = await db
    .select({ zaakId: documentZaken.zaakId, titel: documents.titel, onderwerp: documents.onderwerp })
    .from(documentZaken)
    .innerJoin(documents, eq(documents.id, documentZaken.documentId))
    .where(inArray(documentZaken.zaakId, zaakIds));
  const texts = new Map<string, (string | null)[]>();
  for (const r of rows) texts.set(r.id, [r.titel, r.onderwerp]);
  for (const d of docs) texts.get(d.zaakId)?.push(d.titel, d.onderwerp);
  const questionRows = await db
    .select({ zaakId: questionTexts.zaakId, number: questionTexts.number, text: questionTexts.text, answer: questionTexts.answerText })
    .from(questionTexts)
    .where(inArray(questionTexts.zaakId, zaakIds))
    .orderBy(questionTexts.zaakId, questionTexts.position);
  const units = new Map<string, TextUnit[]>();
  for (const q of questionRows) {
    let list = units.get(q.zaakId);
    if (!list) units.set(q.zaakId, (list = []));
    list.push({ text: q.text, questionNumber: q.number, source: 'question' });
    if (q.answer) list.push({ text: q.answer, questionNumber: q.number, source: 'answer' });
  }
  // Questions first, then answers: a passage from the question says best why the set is here.
  for (const list of units.values()) list.sort((a, b) => (a.source === b.source ? 0 : a.source === 'question' ? -1 : 1));

  const matches: (typeof topicMatches.$inferInsert)[] = [];
  for (const r of rows) {
    const m = matchSet(compiled, texts.get(r.id) ?? [], units.get(r.id) ?? []);
    if (m.matched) {
      matches.push({ topicId: topic.id, zaakId: r.id, matchedTerms: m.terms, matchedPassage: m.passage, topicVersion: topic.version, matchedAt: now });
    }
  }
  await db.transaction(async (tx) => {
    const matchedIds = matches.map((m) => m.zaakId);
    const stale = rows.map((r) => r.id).filter((id) => !matchedIds.includes(id));
    if (stale.length > 0) await tx.delete(topicMatches).where(and(eq(topicMatches.topicId, topic.id), inArray(topicMatches.zaakId, stale)));
    if (matches.length > 0) {
      await tx
        .insert(topicMatches)
        .values(matches)
        .onConflictDoUpdate({
          target: [topicMatches.topicId, topicMatches.zaakId],
          set: { matchedTerms: sql`excluded.matched_terms`, matchedPassage: sql`excluded.matched_passage`, topicVersion: sql`excluded.topic_version`, matchedAt: sql`excluded.matched_at` },
        });
    }
    await tx
      .insert(zaakTopicChecks)
      .values(rows.map((r) => ({ zaakId: r.id, topicId: topic.id, topicVersion: topic.version, zaakBijgewerkt: r.bijgewerkt, checkedAt: now })))
      .onConflictDoUpdate({
        target: [zaakTopicChecks.topicId, zaakTopicChecks.zaakId],
        set: { topicVersion: sql`excluded.topic_version`, zaakBijgewerkt: sql`excluded.zaak_bijgewerkt`, checkedAt: sql`excluded.checked_at` },
      });
  });
  return matches.length;
}

async function run(db: Db | Tx, topic: TopicRow, ids: string[], now: Date): Promise<MatchResult> {
  let matched = 0;
  for (let i = 0; i < ids.length; i += BATCH) matched += await matchBatch(db, topic, ids.slice(i, i + BATCH), now);
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
 * sets not yet checked against a topic's current version or changed since they were.
 */
export async function matchZaken(db: Db | Tx, now: Date, zaakIds?: string[]): Promise<MatchResult> {
  const all = await db.select().from(topics);
  const total: MatchResult = { checked: 0, matched: 0 };
  for (const topic of all) {
    let ids: string[];
    if (zaakIds) {
      if (zaakIds.length === 0) continue;
      const rows = await db
        .select({ id: zaken.id })
        .from(zaken)
        .where(and(inArray(zaken.id, zaakIds), eq(zaken.soort, QUESTION_ZAAK_SOORT)));
      ids = rows.map((r) => r.id);
    } else {
      const rows = await db.execute<{ id: string }>(sql`
        select z.id from zaken z
        left join zaak_topic_checks c on c.zaak_id = z.id and c.topic_id = ${topic.id}
        where z.soort = ${QUESTION_ZAAK_SOORT}
          -- zaak_bijgewerkt went through a JavaScript Date (milliseconds); the feed's stamps have
          -- up to seven fractional digits, so compare at millisecond precision or every zaak
          -- would look changed on every run.
          and (c.zaak_id is null or c.topic_version <> ${topic.version} or c.zaak_bijgewerkt < date_trunc('milliseconds', z.bijgewerkt))`);
      const list = resultRows<{ id: string }>(rows);
      ids = list.map((r) => r.id);
    }
    const r = await run(db, topic, ids, now);
    total.checked += r.checked;
    total.matched += r.matched;
  }
  return total;
}
