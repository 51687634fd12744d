// question_status.topic_ids is kept by triggers (migrations/0018_question_status_topics.sql)
// from topic_matches, whoever writes either table: the question list filters and counts on it.
import { sql } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../server/db/client.ts';
import { resultRows } from '../../server/db/client.ts';
import { topics } from '../../server/db/schema/index.ts';
import { testDatabase } from '../helpers/databases.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

async function topicIds(db: Db): Promise<Record<string, number[]>> {
  const rows = resultRows<{ zaak_id: string; topic_ids: number[] }>(await db.execute(sql`select zaak_id, topic_ids from question_status order by zaak_id`));
  return Object.fromEntries(rows.map((r) => [r.zaak_id === A ? 'a' : 'b', r.topic_ids]));
}

async function addTopic(db: Db, slug: string): Promise<number> {
  const [row] = await db.insert(topics).values({ slug, name: slug, terms: [], excluded: [], createdAt: new Date(), updatedAt: new Date() }).returning({ id: topics.id });
  return row!.id;
}

async function match(db: Db, topicId: number, zaakId: string): Promise<void> {
  await db.execute(sql`insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at) values (${topicId}, ${zaakId}, '[]'::jsonb, 1, now())`);
}

async function addStatus(db: Db, zaakId: string): Promise<void> {
  await db.execute(sql`insert into question_status (zaak_id, status, status_as_of) values (${zaakId}, 'open', now())`);
}

t.test('topic_ids follows topic_matches through inserts, deletes, a topic deleted and a truncate', async (t) => {
  const { db } = await testDatabase(t);
  const one = await addTopic(db, 'een');
  const two = await addTopic(db, 'twee');
  // Matches made before the status row exists (a first evaluation after the topic lens).
  await match(db, two, A);
  await match(db, one, A);
  await addStatus(db, A);
  await addStatus(db, B);
  t.same(await topicIds(db), { a: [one, two], b: [] }, 'a new status row takes its matches, in order');

  await db.execute(sql`insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at)
    values (${one}, ${B}::uuid, '[]'::jsonb, 1, now()), (${two}, ${B}::uuid, '[]'::jsonb, 1, now())`);
  t.same(await topicIds(db), { a: [one, two], b: [one, two] }, 'one statement of several matches');

  await db.execute(sql`delete from topic_matches where zaak_id = ${A} and topic_id = ${two}`);
  t.same(await topicIds(db), { a: [one], b: [one, two] }, 'a match removed');

  await db.execute(sql`update topic_matches set zaak_id = ${A} where zaak_id = ${B} and topic_id = ${two}`);
  t.same(await topicIds(db), { a: [one, two], b: [one] }, 'a match moved: both sets');

  await db.execute(sql`delete from topics where id = ${one}`);
  t.same(await topicIds(db), { a: [two], b: [] }, 'a topic deleted cascades to its matches and the copies');

  await db.execute(sql`truncate topic_matches`);
  t.same(await topicIds(db), { a: [], b: [] }, 'truncated');
});
