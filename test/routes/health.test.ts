import t from 'tap';
import { syncState } from '../../server/db/schema/index.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';

t.test('/health reports the database and, per category, the last successful sync and lag', async (t) => {
  const { app, database } = await buildApp(t, { env: { SYNC_STALE_MINUTES: '60' } });

  const empty = await app.inject({ method: 'GET', url: '/health' });
  t.equal(empty.statusCode, 200);
  t.match(empty.json(), { status: 'starting', database: { ok: true }, sync: { lastSuccessAt: null, stale: true, categories: [] } }, 'no data yet: starting, not ok');
  // The first sync under way: entries arrive, no category has reached its head.
  await database.db.insert(syncState).values({ category: 'Zaak', skiptoken: '99', entriesTotal: 250 });
  const running = await app.inject({ method: 'GET', url: '/health' });
  t.equal(running.statusCode, 200, 'a health check does not kill a long first sync');
  t.match(running.json(), { status: 'starting', sync: { lastSuccessAt: null, categories: [{ category: 'Zaak', entries: 250, lastSuccessAt: null }] } });
  const during = await app.inject({ method: 'GET', url: '/' });
  t.match(during.body, /De eerste synchronisatie met de Tweede Kamer loopt/);
  t.match(during.body, /<li>Zaak: 250 items<\/li>/, 'how far it is, per category');
  await database.db.insert(syncState).values({ category: 'Persoon', lastError: 'network: connect ECONNREFUSED', lastErrorAt: TEST_NOW });
  const offline = (await app.inject({ method: 'GET', url: '/vragen' })).body;
  t.match(offline, /De Tweede Kamer is niet bereikbaar/);
  t.match(offline, /<code>network: connect ECONNREFUSED<\/code>/);
  t.match(offline, /<code>npm run demo<\/code>/, 'points to the demo');
  await database.db.delete(syncState);

  const tenMinutesAgo = new Date(TEST_NOW.getTime() - 10 * 60_000);
  const twoHoursAgo = new Date(TEST_NOW.getTime() - 2 * 3600_000);
  await database.db.insert(syncState).values([
    { category: 'Zaak', skiptoken: '123', lastSuccessAt: tenMinutesAgo, entriesTotal: 5 },
    { category: 'Document', skiptoken: '456', lastSuccessAt: tenMinutesAgo, entriesTotal: 7 },
  ]);
  const fresh = (await app.inject({ method: 'GET', url: '/health' })).json();
  t.equal(fresh.status, 'ok');
  t.equal(fresh.sync.stale, false);
  t.same(
    fresh.sync.categories.map((c: { category: string; lagSeconds: number; entries: number }) => [c.category, c.lagSeconds, c.entries]),
    [
      ['Document', 600, 7],
      ['Zaak', 600, 5],
    ],
  );

  await database.db.insert(syncState).values({ category: 'Persoon', lastSuccessAt: twoHoursAgo, lastError: 'HTTP 503', lastErrorAt: tenMinutesAgo });
  const stale = (await app.inject({ method: 'GET', url: '/health' })).json();
  t.equal(stale.status, 'degraded', 'a stale category degrades, it does not fail');
  t.equal(stale.sync.stale, true);
  t.equal(stale.sync.lastSuccessAt, twoHoursAgo.toISOString(), 'the mirror is as fresh as its stalest category');
  t.match(stale.sync.categories[1], { category: 'Persoon', lastError: 'HTTP 503' });

  const page = await app.inject({ method: 'GET', url: '/' });
  t.match(page.body, /de gegevens zijn mogelijk verouderd/, 'list pages warn when stale');
});

t.test('/health answers 503 when the database is unreachable', async (t) => {
  const { app, database } = await buildApp(t);
  await database.close();
  const res = await app.inject({ method: 'GET', url: '/health' });
  t.equal(res.statusCode, 503);
  t.match(res.json(), { status: 'error', database: { ok: false } });
});
