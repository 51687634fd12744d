// A word search counts its hits up to SEARCH_COUNT_CAP (server/question-list/list-questions.ts):
// past it the list says "meer dan 250" and pages through the first 250; below it, exactly.
import { sql, type SQL } from 'drizzle-orm';
import t from 'tap';
import { type Db, resultRows } from '../../server/db/client.ts';
import { toFilters } from '../../server/question-list/filters.ts';
import { listQuestions, SEARCH_COUNT_CAP } from '../../server/question-list/list-questions.ts';
import { refreshSearchIndex } from '../../server/search/index-sets.ts';
import { buildApp } from '../helpers/app.ts';

const SETS = SEARCH_COUNT_CAP + 5;

t.test('a common word: capped count, the first pages; a rare one: exact', async (t) => {
  const { app, database } = await buildApp(t);
  const { db } = database;
  // Every set's subject has 'wachttijden'; one in fifty also 'laboratorium'.
  const ids = resultRows<{ id: string }>(
    await db.execute(sql`
      insert into zaken (id, bijgewerkt, nummer, soort, onderwerp)
      select md5('cap' || i)::uuid, now(), '2025Z' || (20000 + i), 'Schriftelijke vragen',
        'Vragen over wachttijden in de zorg' || case when i % 50 = 0 then ' en het laboratorium' else '' end
      from generate_series(1, ${SETS}) i
      returning id`),
  ).map((r) => r.id);
  await db.execute(sql`insert into question_status (zaak_id, nummer, submitted_on, status, status_as_of)
    select id, nummer, '2025-06-01'::date + (nummer::text ~ '5$')::int, 'open', now() from zaken`);
  await refreshSearchIndex(db, ids, new Date());

  const common = await listQuestions(db, toFilters({ onderwerp: 'alle', q: 'wachttijden' }, null));
  t.equal(common.total, SEARCH_COUNT_CAP);
  t.equal(common.totalCapped, true);
  t.equal(common.pages, SEARCH_COUNT_CAP / 25);
  const last = await listQuestions(db, toFilters({ onderwerp: 'alle', q: 'wachttijden', pagina: 1000 }, null));
  t.equal(last.page, SEARCH_COUNT_CAP / 25, 'a page past the cap shows the last of the first 250');
  t.equal(last.rows.length, 25);

  const rare = await listQuestions(db, toFilters({ onderwerp: 'alle', q: 'laboratorium' }, null));
  t.same([rare.total, rare.totalCapped], [5, false], 'counted exactly below the cap');

  const page = await app.inject({ url: '/vragen?onderwerp=alle&q=wachttijden' });
  t.match(page.body, /Meer dan <strong>250<\/strong> sets vragen gevonden/);
  const api = await app.inject({ url: '/api/v1/questions?onderwerp=alle&q=wachttijden' });
  t.match(api.json(), { total: 250, totalCapped: true, pages: 10 });
  const exact = await app.inject({ url: '/api/v1/questions?onderwerp=alle&q=laboratorium' });
  t.match(exact.json(), { total: 5, totalCapped: false });
});

/**
 * `n` sets numbered 2025Z30001…, their subject `onderwerp` (an expression of i), open, submitted
 * and due on dates that vary; a question with `question.text` for the sets `question.of` selects.
 */
async function addSets(db: Db, n: number, onderwerp: SQL, question: { text: string; of: SQL }): Promise<void> {
  const ids = resultRows<{ id: string }>(
    await db.execute(sql`
      insert into zaken (id, bijgewerkt, nummer, soort, onderwerp)
      select md5('set' || i)::uuid, now(), '2025Z' || (30000 + i), 'Schriftelijke vragen', ${onderwerp}
      from generate_series(1, ${n}) i
      returning id`),
  ).map((r) => r.id);
  await db.execute(sql`insert into question_status (zaak_id, nummer, submitted_on, status, status_as_of, due_on)
    select id, nummer, '2025-01-01'::date + (right(nummer, 3)::int % 97), 'open', now(), '2025-03-01'::date + (right(nummer, 3)::int % 89) from zaken`);
  await db.execute(sql`insert into question_texts (zaak_id, position, number, text) select id, 1, '1', ${question.text} from zaken where ${question.of}`);
  await refreshSearchIndex(db, ids, new Date());
}

t.test('past the cap, a hit in the title is still tested against the words it excludes', async (t) => {
  const { database } = await buildApp(t);
  const { db } = database;
  // Every subject has 'wachttijden'; every other set's question has 'ggz': more than the cap
  // match 'wachttijden -ggz', all of them in the title.
  await addSets(db, 2 * SETS, sql`'Vragen over wachttijden in de zorg'`, { text: 'Hoe lang wachten patiënten in de ggz?', of: sql`right(nummer, 1)::int % 2 = 0` });

  const list = await listQuestions(db, toFilters({ onderwerp: 'alle', q: 'wachttijden -ggz' }, null));
  t.equal(list.totalCapped, true);
  t.equal(list.rows.length, 25);
  t.same(
    list.rows.filter((r) => Number(r.nummer.slice(-1)) % 2 === 0).map((r) => r.nummer),
    [],
    'no set whose question holds the excluded word',
  );
});

t.test('a phrase past the cap: its hits read once, the same pages as read from the index', async (t) => {
  const { database } = await buildApp(t);
  const { db } = database;
  // The phrase in every other subject, and in the question of the rest: more than the cap match,
  // and a ranked page mixes hits in the title with hits in the texts.
  await addSets(db, 2 * SETS, sql`case when i % 2 = 0 then 'Vragen over wachttijden in de zorg' else 'Vragen over de ggz' end`, {
    text: 'Hoe lang zijn de wachttijden in de zorg?',
    of: sql`onderwerp = 'Vragen over de ggz'`,
  });

  // Every set is a hit: the expected order is that of all of them (ranked: the titles first).
  const order = {
    relevantie: sql`(z.onderwerp = 'Vragen over de ggz'), qs.submitted_on desc, qs.nummer desc`,
    termijn: sql`qs.due_on, qs.nummer`,
  };
  for (const sort of ['relevantie', 'termijn'] as const) {
    const expected = resultRows<{ nummer: string }>(
      await db.execute(sql`select qs.nummer from question_status qs join zaken z on z.id = qs.zaak_id order by ${order[sort]}`),
    ).map((r) => r.nummer);
    for (const pagina of [1, 4, 10]) {
      const filters = { ...toFilters({ onderwerp: 'alle', q: '"wachttijden in de zorg"', pagina }, null), sort };
      const want = expected.slice((pagina - 1) * 25, pagina * 25);
      for (const [how, sortFew] of [['sorted among the hits', undefined], ['read in index order', 0]] as const) {
        const list = await listQuestions(db, filters, 25, sortFew);
        t.same([list.total, list.totalCapped, list.pages], [SEARCH_COUNT_CAP, true, SEARCH_COUNT_CAP / 25], `${sort} page ${pagina}, ${how}: capped`);
        t.same(list.rows.map((r) => r.nummer), want, `${sort} page ${pagina}, ${how}: the newest (or soonest due) of all the hits`);
      }
    }
  }
});
