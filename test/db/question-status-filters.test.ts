// question_status's copies of what the list filters on (topic_ids, parties, asker_ids,
// ministries) are kept by triggers (migrations/0018_question_status_filters.sql), whoever writes
// the tables they copy: the question list filters and counts on them.
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

const P1 = '00000000-0000-4000-8000-0000000000f1';
const P2 = '00000000-0000-4000-8000-0000000000f2';

async function copies(db: Db): Promise<Record<string, { parties: string[]; asker_ids: string[]; ministries: string[] }>> {
  const rows = resultRows<{ zaak_id: string; parties: string[]; asker_ids: string[]; ministries: string[] }>(
    await db.execute(sql`select zaak_id, parties, asker_ids, ministries from question_status order by zaak_id`),
  );
  return Object.fromEntries(rows.map((r) => [r.zaak_id === A ? 'a' : 'b', { parties: r.parties, asker_ids: r.asker_ids, ministries: r.ministries }]));
}

async function asker(db: Db, zaakId: string, actor: string, persoonId: string | null, party: string | null): Promise<void> {
  await db.execute(sql`insert into question_askers (zaak_id, actor_id, persoon_id, role, party) values (${zaakId}, ${actor}, ${persoonId}, 'Indiener', ${party})`);
}

t.test('parties, askers and ministries follow question_askers and question_addressees', async (t) => {
  const { db } = await testDatabase(t);
  const actor = (n: number) => `00000000-0000-4000-8000-00000000010${n}`;
  await asker(db, A, actor(1), P2, 'SP');
  await addStatus(db, A);
  await addStatus(db, B);
  t.same(await copies(db), { a: { parties: ['SP'], asker_ids: [P2], ministries: [] }, b: { parties: [], asker_ids: [], ministries: [] } }, 'a new status row takes its askers');

  await asker(db, A, actor(2), P1, 'CDA');
  await asker(db, A, actor(3), null, null);
  await asker(db, A, actor(4), P1, 'CDA');
  await db.execute(sql`insert into question_addressees (zaak_id, actor_id, ministry) values (${B}, ${actor(5)}, 'VWS'), (${B}, ${actor(6)}, 'EZK'), (${B}, ${actor(7)}, null)`);
  t.same(
    await copies(db),
    { a: { parties: ['CDA', 'SP'], asker_ids: [P1, P2], ministries: [] }, b: { parties: [], asker_ids: [], ministries: ['EZK', 'VWS'] } },
    'distinct, in order, without nulls',
  );

  await db.execute(sql`update question_askers set party = 'GL-PvdA' where persoon_id = ${P1}`);
  await db.execute(sql`delete from question_addressees where ministry = 'EZK'`);
  t.same(
    await copies(db),
    { a: { parties: ['GL-PvdA', 'SP'], asker_ids: [P1, P2], ministries: [] }, b: { parties: [], asker_ids: [], ministries: ['VWS'] } },
    'a party corrected, an addressee removed',
  );

  await db.execute(sql`truncate question_askers, question_addressees`);
  t.same(await copies(db), { a: { parties: [], asker_ids: [], ministries: [] }, b: { parties: [], asker_ids: [], ministries: [] } }, 'truncated');
});
