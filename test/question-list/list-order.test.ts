// A page of the question list is read two ways (server/question-list/list-questions.ts): in an
// index's order when many sets match, sorted from the matches when few do. Both must give the
// same rows in the same order, for every sort, filter and page.
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../server/db/client.ts';
import { topics } from '../../server/db/schema/index.ts';
import { toFilters, type ListQuery } from '../../server/question-list/filters.ts';
import { listQuestions } from '../../server/question-list/list-questions.ts';
import { runSeeds } from '../../seeds/index.ts';
import { fixedClock } from '../../server/clock.ts';
import { insertZaak } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const STATUSES = ['open', 'overdue', 'answered', 'answered_late', 'delayed'] as const;

async function sets(db: Db, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const id = await insertZaak(db, { id: uuid(i), nummer: `2025Z${String(10000 + i)}`, onderwerp: `Vragen ${i}` });
    // Ties on purpose: three sets a day, due dates repeating, some delayed, some without a date.
    const submitted = i % 11 === 0 ? null : `2025-0${1 + (i % 9)}-${String(1 + Math.floor(i / 3) % 28).padStart(2, '0')}`;
    await db.execute(sql`
      insert into question_status (zaak_id, nummer, submitted_on, due_on, extended_due_on, delay_notice_at, status, status_as_of, days_overdue)
      values (${id}, ${`2025Z${String(10000 + i)}`}, ${submitted}::date, ${submitted}::date + 21, ${submitted}::date + 42,
        ${i % 4 === 0 ? '2025-10-01T10:00:00Z' : null}::timestamptz, ${STATUSES[i % STATUSES.length]}, now(), ${(i * 7) % 5})`);
    if (i % 3 === 0) {
      await db.execute(sql`insert into topic_matches (topic_id, zaak_id, matched_terms, topic_version, matched_at)
        select id, ${id}::uuid, '[]'::jsonb, version, now() from topics where is_default`);
    }
    await db.execute(sql`insert into question_askers (zaak_id, actor_id, role, party) values (${id}, ${uuid(1000 + i)}, 'Indiener', ${i % 2 ? 'SP' : 'VVD'})`);
  }
}

t.test('read in index order or sorted from the matches: the same pages', async (t) => {
  const { db } = await testDatabase(t);
  await runSeeds(db, fixedClock(new Date('2025-11-01T10:00:00Z')));
  await sets(db, 60);
  const [topic] = await db.select({ slug: topics.slug }).from(topics).where(eq(topics.isDefault, true));
  const queries: Record<string, string>[] = [
    { onderwerp: 'alle' },
    { onderwerp: 'alle', sort: 'termijn' },
    { onderwerp: 'alle', sort: 'te-laat' },
    { sort: 'termijn', status: 'wacht' },
    { onderwerp: 'alle', fractie: 'SP', sort: 'te-laat' },
    { onderwerp: 'alle', status: 'beantwoord', van: '2025-03-01' },
  ];
  for (const query of queries) {
    for (const pagina of [1, 2, 3]) {
      const f = toFilters({ ...query, pagina } as ListQuery, topic?.slug ?? null);
      const fromIndex = await listQuestions(db, f, 8, 0);
      const sorted = await listQuestions(db, f, 8, Number.POSITIVE_INFINITY);
      t.ok(fromIndex.rows.length > 0 || pagina > 1, `${JSON.stringify(query)} finds sets`);
      t.same(sorted.rows.map((r) => r.nummer), fromIndex.rows.map((r) => r.nummer), `${JSON.stringify(query)} page ${pagina}`);
      t.equal(sorted.total, fromIndex.total);
    }
  }
});
