// question_search carries a copy of the list's order, each set's submission date and number
// (migrations/0020_search_order_keys.sql): a word search with fewer hits than walking the date
// index is worth sorts them on the index alone (server/question-list/list-questions.ts). The copy
// must follow the status rows whoever writes them, and the page must be the same either way.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { type Db, resultRows } from '../../server/db/client.ts';
import { toFilters } from '../../server/question-list/filters.ts';
import { listQuestions } from '../../server/question-list/list-questions.ts';
import { refreshSearchIndex } from '../../server/search/index-sets.ts';
import { testDatabase } from '../helpers/databases.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Sets whose word is in a question, not the title (so the page reads the hits outside the title). */
async function addSets(db: Db, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => id(i + 1));
  for (const [i, zaakId] of ids.entries()) {
    await db.execute(sql`insert into zaken (id, bijgewerkt, nummer, soort, onderwerp)
      values (${zaakId}, now(), ${`2025Z2${String(i).padStart(4, '0')}`}, 'Schriftelijke vragen', 'Vragen over de zorg')`);
    await db.execute(sql`insert into question_texts (zaak_id, position, number, text)
      values (${zaakId}, 1, '1', 'Bent u bekend met het datalek bij het laboratorium?')`);
  }
  return ids;
}

/** Rows whose copy differs from the status row it copies. */
async function stale(db: Db): Promise<number> {
  const [row] = resultRows<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from question_search s join question_status q on q.zaak_id = s.zaak_id
      where (s.submitted_on, s.nummer) is distinct from (q.submitted_on, q.nummer)`),
  );
  return row?.n ?? -1;
}

/** A page of a search for 'datalek', sorted from the hits (sortFew high) or read in index order (0). */
async function page(db: Db, sortFew: number, p = 1): Promise<string[]> {
  const list = await listQuestions(db, toFilters({ onderwerp: 'alle', q: 'datalek', pagina: p }, null), 4, sortFew);
  return list.rows.map((r) => r.nummer);
}

t.test('the index copies the list order when written and after every change to the status rows', async (t) => {
  const { db } = await testDatabase(t);
  const [a, b, c] = await addSets(db, 3);
  // An index row written before its status row (the status trigger copies the order then).
  await refreshSearchIndex(db, [a!], new Date());
  await db.execute(sql`insert into question_status (zaak_id, nummer, submitted_on, status, status_as_of)
    select id, nummer, ('2025-06-01'::date + (row_number() over (order by id))::int), 'open', now() from zaken`);
  t.equal(await stale(db), 0, 'a status row written after the index row: copied by the insert trigger');
  await refreshSearchIndex(db, [b!, c!], new Date());
  t.equal(await stale(db), 0, 'an index row written after the status row takes its order');

  await db.execute(sql`update question_status set submitted_on = '2024-01-01' where zaak_id = ${b}`);
  t.equal(await stale(db), 0, 'a changed submission date reaches the copy');
  await db.execute(sql`update question_status set status = 'answered' where zaak_id = ${c}`);
  t.equal(await stale(db), 0, 'an update of other columns leaves it as it is');
  const [row] = resultRows<{ d: string }>(await db.execute(sql`select submitted_on::text as d from question_search where zaak_id = ${b}`));
  t.equal(row?.d, '2024-01-01');
});

t.test('a search sorted on the copy shows the same pages as one read in the date index\'s order', async (t) => {
  const { db } = await testDatabase(t);
  const ids = await addSets(db, 10);
  // Dates out of step with the numbers, three sets on one day (the number decides), one without.
  const dates = ['2025-06-03', '2025-06-01', '2025-06-07', '2025-06-03', '2025-06-02', null, '2025-06-03', '2025-06-09', '2025-06-04', '2025-06-05'];
  for (const [i, zaakId] of ids.entries()) {
    await db.execute(sql`insert into question_status (zaak_id, nummer, submitted_on, status, status_as_of)
      select id, nummer, ${dates[i]}::date, 'open', now() from zaken where id = ${zaakId}`);
  }
  await refreshSearchIndex(db, ids, new Date());
  for (const p of [1, 2, 3]) t.same(await page(db, 2_000, p), await page(db, 0, p), `page ${p}`);
  const all = [...(await page(db, 2_000)), ...(await page(db, 2_000, 2)), ...(await page(db, 2_000, 3))];
  t.same(
    all,
    ['2025Z20005', '2025Z20007', '2025Z20002', '2025Z20009', '2025Z20008', '2025Z20006', '2025Z20003', '2025Z20000', '2025Z20004', '2025Z20001'],
    'no date first (as the date index, DESC NULLS FIRST), then newest first, the higher number first on one day',
  );
});

t.test('more hits than the count counts, within a status filter: the same pages either way', async (t) => {
  const { db } = await testDatabase(t);
  // 600 sets, every other one open (300: more than SEARCH_COUNT_CAP), ten a day over 60 days.
  await db.execute(sql`insert into zaken (id, bijgewerkt, nummer, soort, onderwerp)
    select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, now(), '2025Z3' || lpad(i::text, 4, '0'), 'Schriftelijke vragen', 'Vragen over de zorg'
    from generate_series(1, 600) i`);
  await db.execute(sql`insert into question_texts (zaak_id, position, number, text)
    select id, 1, '1', 'Bent u bekend met het datalek bij het laboratorium?' from zaken`);
  await db.execute(sql`insert into question_status (zaak_id, nummer, submitted_on, status, status_as_of)
    select id, nummer, '2025-03-01'::date + (substr(nummer, 6)::int * 7) % 60, case when substr(nummer, 6)::int % 2 = 0 then 'open' else 'answered' end, now()
    from zaken`);
  const ids = resultRows<{ id: string }>(await db.execute(sql`select id::text as id from zaken`)).map((r) => r.id);
  await refreshSearchIndex(db, ids, new Date());
  const filtered = (sortFew: number, p: number) =>
    listQuestions(db, { ...toFilters({ onderwerp: 'alle', q: 'datalek', pagina: p }, null), status: 'open' }, 25, sortFew);
  for (const p of [1, 4, 8]) {
    const [sorted, walked] = [await filtered(100_000, p), await filtered(0, p)];
    t.ok(sorted.totalCapped && sorted.rows.length === 25, `page ${p}: more than the count counts, a full page`);
    t.same(sorted.rows.map((r) => r.nummer), walked.rows.map((r) => r.nummer), `page ${p}: the same sets in the same order`);
    t.ok(sorted.rows.every((r) => r.status === 'open'), `page ${p}: open sets only`);
  }
});
