// The page worker: pages parsed and prepared in a worker thread must come out exactly as when
// prepared on the main thread, fail the same way on bad input, and a whole sync through the
// worker must give the same database. Also: link rows follow their entity's newest version, and
// the read-ahead stays bounded.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { documentZaken } from '../../server/db/schema/index.ts';
import { FeedClient } from '../../server/sync/client.ts';
import { categoryMap, pageSpec } from '../../server/sync/entities.ts';
import { pageWorkerUrl } from '../../server/sync/page-worker-pool.ts';
import type { Progress } from '../../server/sync/progress.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startFakeFeed } from './helpers/feed-server.ts';
import { snapshot, syncOnce } from './helpers/run.ts';
import { at, document, fractie, guid, persoon, zaak, zaakActor } from './helpers/sample.ts';

const ANSWER = 'Antwoord schriftelijke vragen';

t.test('the worker entry sits next to its importer with the importer\'s extension', async (t) => {
  t.equal(pageWorkerUrl('file:///app/dist/server/sync/page-worker-pool.js').href, 'file:///app/dist/server/sync/page-worker.js');
  t.equal(pageWorkerUrl('file:///repo/server/sync/page-worker-pool.ts').href, 'file:///repo/server/sync/page-worker.ts');
});

t.test('worker and main thread prepare the same page and fail the same way', async (t) => {
  const feed = await startFakeFeed({ pageSize: 10 });
  t.teardown(() => feed.close());
  const p = persoon(11, 'Jansen');
  p.fields = { ...p.fields, nieuwVeld: 'x' };
  feed.push('Persoon', p, persoon(12, 'De Vries'), persoon(11, 'Jansen-Ouder', at(1, 8)), { id: guid(13), bijgewerkt: at(2), verwijderd: true });
  feed.push('Document', document(300, [guid(100), guid(101), 'geen-guid'], ANSWER, '2025-11-10T00:00:00+01:00'), document(301, [], 'Motie', '2025-11-11'));

  const clients = (['never', 'always'] as const).map((pageWorker) => {
    const unknown: string[] = [];
    const client = new FeedClient({ feedUrl: feed.url, publicUrl: 'https://kamerwacht.example', pageWorker, onUnknown: (w) => unknown.push(w), sleep: async () => {}, retry: { attempts: 1 } });
    t.teardown(() => client.close());
    return { client, unknown };
  });
  for (const category of ['Persoon', 'Document']) {
    const spec = pageSpec(categoryMap(category));
    const [inline, worker] = await Promise.all(clients.map(({ client }) => client.fetchPrepared(spec, null)));
    t.same(worker, inline, `${category}: identical prepared page`);
    if (category === 'Persoon') {
      t.equal(inline!.ids.length, 2, 'newest version per GUID, deletion apart');
      t.equal(inline!.deletions, 1);
      t.same(inline!.unknown, ['nieuwVeld']);
    } else {
      t.same(JSON.parse(inline!.linksJson[0]!), [{ a: guid(300), b: guid(100) }, { a: guid(300), b: guid(101) }], 'links to GUIDs only');
      t.same(inline!.soorten, [ANSWER, 'Motie']);
    }
  }

  // Bad pages: the same error kinds from both, so retries behave the same.
  const bad: [string, string | Buffer][] = [
    ['malformed', '<feed xmlns="http://www.w3.org/2005/Atom"><entry></feed>'],
    ['truncated', '<feed xmlns="http://www.w3.org/2005/Atom"><entry>'],
    ['not atom', '<html><body>Storing</body></html>'],
  ];
  const spec = pageSpec(categoryMap('Fractie'));
  for (const [what, body] of bad) {
    feed.fault = () => ({ kind: 'body', body: String(body) });
    const errors = await Promise.all(clients.map(({ client }) => client.fetchPrepared(spec, null).then(() => null, (e: Error) => e)));
    t.ok(errors[0], `${what}: fails inline`);
    t.same([errors[1]?.name, (errors[1] as { kind?: string }).kind, errors[1]?.message], [errors[0]!.name, (errors[0] as { kind?: string }).kind, errors[0]!.message], `${what}: same error from the worker`);
  }
  feed.fault = undefined;
  t.same(clients[1]!.unknown, clients[0]!.unknown, 'unknown elements reported alike');
});

t.test('a sync through the worker gives the same database as one on the main thread', async (t) => {
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  for (let i = 0; i < 5; i++) feed.push('Fractie', fractie(1 + i, `F${i}`));
  for (let i = 0; i < 5; i++) feed.push('Zaak', zaak(100 + i));
  for (let i = 0; i < 5; i++) feed.push('ZaakActor', zaakActor(200 + i, guid(100 + i), 'Indiener', guid(11), guid(1 + i)));
  for (let i = 0; i < 5; i++) feed.push('Document', document(300 + i, [guid(100 + i)], i % 2 ? ANSWER : 'Mededeling (uitstel antwoord)', '2025-11-10T00:00:00+01:00'));
  feed.push('Document', { id: guid(301), bijgewerkt: at(9), verwijderd: true });

  const snaps = [];
  for (const pageWorker of ['never', 'always'] as const) {
    const { db } = await testDatabase(t);
    const run = await syncOnce(db, feed.url, { client: { pageWorker } });
    t.error(run.error, pageWorker);
    snaps.push(await snapshot(db));
  }
  t.same(snaps[1], snaps[0]);
  t.ok(snaps[0]!.question_events!.length > 0, 'the comparison includes question events');
});

t.test('a newer version replaces its links; an unchanged re-emission leaves them', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  const only = { run: { categories: ['Document'] } };
  const links = async () => (await db.select().from(documentZaken).where(eq(documentZaken.documentId, guid(300)))).map((l) => l.zaakId).sort();

  feed.push('Document', document(300, [guid(100), guid(101)], ANSWER, '2025-11-10T00:00:00+01:00'));
  t.error((await syncOnce(db, feed.url, only)).error);
  t.same(await links(), [guid(100), guid(101)]);

  feed.push('Document', document(300, [guid(102)], ANSWER, '2025-11-10T00:00:00+01:00', {}, at(4)));
  t.error((await syncOnce(db, feed.url, only)).error);
  t.same(await links(), [guid(102)], 'the old links are gone');

  feed.push('Document', document(300, [guid(103)], ANSWER, '2025-11-10T00:00:00+01:00', {}, at(4)));
  t.error((await syncOnce(db, feed.url, only)).error);
  t.same(await links(), [guid(102)], 'a version no newer than the stored one does not touch the links');
});

t.test('the read-ahead stays bounded: at most two pages beyond the one being applied, three beyond the one committing', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 1 });
  t.teardown(() => feed.close());
  for (let i = 0; i < 12; i++) feed.push('Fractie', fractie(1 + i, `F${i}`));
  let applied = 0;
  const ahead: number[] = [];
  const progress: Progress = {
    start() {},
    page() {
      applied++;
      ahead.push(feed.requests.length - applied);
    },
    done() {},
  };
  // Each page commits only once the reader has had the chance to fetch two more (a database
  // slower than the feed), so the reader's bound is what stops it, not its speed.
  const waiting: { n: number; resolve: () => void }[] = [];
  feed.fault = (r) => {
    for (const w of waiting) if (r.n >= w.n) w.resolve();
    return undefined;
  };
  const requestNo = (n: number) => (feed.requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve })));
  let committed = 0;
  const slowDb = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return async (fn: (tx: unknown) => Promise<unknown>) => {
        const result = await target.transaction(fn as never);
        committed++;
        await requestNo(Math.min(committed + 2, 12));
        return result;
      };
    },
  });
  const run = await syncOnce(slowDb, feed.url, { run: { categories: ['Fractie'], progress } });
  t.error(run.error);
  t.equal(applied, 12);
  // Measured when a page has committed: the next page's statements may already be running
  // (PostgreSQL; PGlite runs one transaction at a time), and two more are read ahead of that.
  t.ok(Math.max(...ahead) <= 3, `never more than three pages beyond the one committed (${ahead.join(', ')})`);
  t.ok(Math.max(...ahead) >= 2, 'but pages are read ahead');
  t.same(ahead.slice(-2), [1, 0], 'down to none at the end of the feed');
});
