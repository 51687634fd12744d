import { createDb } from '../../server/db/client.ts';
import { countQuestions, listQuestions } from '../../server/question-list/list-questions.ts';
import { filterOptions, memberOptions, defaultTopicSlug } from '../../server/question-list/filter-options.ts';
import { syncFreshness } from '../../server/sync/freshness.ts';
import { toFilters } from '../../server/question-list/filters.ts';
import { questionsPage } from '../../views/pages/questions.ts';
const url = 'postgres://postgres@127.0.0.1:5432/' + (process.env.DB ?? 'kamerwacht_bench_search');
const { db, close } = await createDb({ databaseUrl: url, dataDir: 'x' });
async function time(label: string, fn: () => Promise<unknown>) {
  const t: number[] = [];
  for (let i = 0; i < 15; i++) { const a = performance.now(); await fn(); t.push(performance.now() - a); }
  t.sort((a, b) => a - b);
  console.log(label.padEnd(50), 'p50', t[7]!.toFixed(1), 'max', t[14]!.toFixed(1));
}
const def = await defaultTopicSlug(db);
const combos: Record<string, string>[] = [{}, { onderwerp: 'alle' }, { status: 'wacht' }, { onderwerp: 'alle', status: 'beantwoord' }, { fractie: 'VVD' }, { onderwerp: 'alle', van: '2020-01-01', tot: '2021-01-01' }, { onderwerp: 'alle', sort: 'termijn' }, { onderwerp: 'alle', sort: 'te-laat' }, { onderwerp: 'alle', pagina: '200' as never }, {onderwerp:'alle', q:'wachttijden'}, {q:'laboratorium datalek'}];
await time('defaultTopicSlug', () => defaultTopicSlug(db));
await time('freshness', () => syncFreshness(db, new Date(), 60));
await time('filterOptions', () => filterOptions(db));
await time('memberOptions tracked', () => memberOptions(db, 'tracked', null));
for (const c of combos) {
  const f = toFilters({ ...c, pagina: c.pagina ? Number(c.pagina) : undefined } as never, def);
  await time('count ' + JSON.stringify(c), () => countQuestions(db, f));
  await time('list  ' + JSON.stringify(c), () => listQuestions(db, f));
}
const f = toFilters({} as never, def);
const list = await listQuestions(db, f); const opts = { ...(await filterOptions(db)), members: await memberOptions(db, 'tracked', null) };
await time('render', async () => questionsPage(list, f, opts, def));
await close();
