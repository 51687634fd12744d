// question_search carries a copy of each set's topics (migrations/0019_search_topic_ids.sql): a
// word search within a topic finds its hits on the index's own GIN indexes
// (server/question-list/list-questions.ts). The copy must follow topic_matches whoever writes them,
// and the list must count and show the same sets as the topic's status rows say.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { type Db, resultRows } from '../../server/db/client.ts';
import { topics } from '../../server/db/schema/index.ts';
import { toFilters } from '../../server/question-list/filters.ts';
import { listQuestions } from '../../server/question-list/list-questions.ts';
import { refreshSearchIndex } from '../../server/search/index-sets.ts';
import { testDatabase } from '../helpers/databases.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

async function addTopic(db: Db, slug: string): Promise<number> {
  const [row] = await db.insert(topics).values({ slug, name: slug, terms: [], excluded: [], createdAt: new Date(), updatedAt: new Date() }).returning({ id: topics.id });
  return row!.id;
}

async function match(db: Db, topicId: number, zaakId: string): Promise<void> {
  await db.execute(sql`insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at) values (${topicId}, ${zaakId}, '[]'::jsonb, 1, now())`);
}

/** The index rows' topics, and the status rows' topics they copy. */
async function copies(db: Db): Promise<{ search: Record<string, number[]>; status: Record<string, number[]> }> {
  const read = async (table: 'question_search' | 'question_status') =>
    Object.fromEntries(
      resultRows<{ zaak_id: string; topic_ids: number[] }>(await db.execute(sql`select zaak_id, topic_ids from ${sql.raw(table)} order by zaak_id`)).map((r) => [
        r.zaak_id === A ? 'a' : 'b',
        r.topic_ids,
      ]),
    );
  return { search: await read('question_search'), status: await read('question_status') };
}

/** What a search for `q` within the topic finds: its count and its rows' numbers. */
async function found(db: Db, slug: string, q: string): Promise<{ total: number; numbers: string[] }> {
  const list = await listQuestions(db, toFilters({ onderwerp: slug, q }, null));
  return { total: list.total, numbers: list.rows.map((r) => r.nummer).sort() };
}

t.test('the index copies a set\'s topics when written and after every change to its matches', async (t) => {
  const { db } = await testDatabase(t);
  const one = await addTopic(db, 'een');
  const two = await addTopic(db, 'twee');
  await db.execute(sql`insert into zaken (id, bijgewerkt, nummer, soort, onderwerp) values
    (${A}, now(), '2025Z20001', 'Schriftelijke vragen', 'Vragen over een datalek bij het laboratorium'),
    (${B}, now(), '2025Z20002', 'Schriftelijke vragen', 'Vragen over wachttijden en een datalek')`);
  await db.execute(sql`insert into question_status (zaak_id, nummer, submitted_on, status, status_as_of)
    select id, nummer, '2025-06-01', 'open', now() from zaken`);
  // A match made before the index row is written (the derivation: the topic lens, then the index).
  await match(db, two, A);
  await refreshSearchIndex(db, [A, B], new Date());
  t.same((await copies(db)).search, { a: [two], b: [] }, 'a new index row takes its matches');
  t.same(await found(db, 'twee', 'datalek'), { total: 1, numbers: ['2025Z20001'] });

  await db.execute(sql`insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at)
    values (${one}, ${A}::uuid, '[]'::jsonb, 1, now()), (${one}, ${B}::uuid, '[]'::jsonb, 1, now())`);
  t.same((await copies(db)).search, { a: [one, two], b: [one] }, 'matches added, as a staff edit or the texts job adds them');
  t.same(await found(db, 'een', 'datalek'), { total: 2, numbers: ['2025Z20001', '2025Z20002'] });
  t.same(await found(db, 'een', 'wachttijden'), { total: 1, numbers: ['2025Z20002'] });

  await db.execute(sql`delete from topic_matches where zaak_id = ${A} and topic_id = ${one}`);
  t.same(await found(db, 'een', 'datalek'), { total: 1, numbers: ['2025Z20002'] }, 'a match removed: the set leaves the topic\'s search');

  await db.execute(sql`delete from topics where id = ${two}`);
  t.same((await copies(db)).search, { a: [], b: [one] }, 'a topic deleted cascades to its matches and the copy');

  // The derivation defers the copies and writes them once at a chunk's end
  // (server/derivation/pending-sets.ts); the index row is rewritten after it.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local kamerwacht.defer_filter_copies = on`);
    await tx.execute(sql`insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at) values (${one}, ${A}, '[]'::jsonb, 1, now())`);
    await tx.execute(sql`select question_status_copy_filters(array[${A}]::uuid[])`);
  });
  const after = await copies(db);
  t.same(after.search, after.status, 'the deferred copy reaches the index too');
  t.same(after.search, { a: [one], b: [one] });

  await db.execute(sql`truncate topic_matches`);
  t.same((await copies(db)).search, { a: [], b: [] }, 'truncated');
  t.same(await found(db, 'een', 'datalek'), { total: 0, numbers: [] });
});
