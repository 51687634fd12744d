// The texts job's HTTP client: only the configured bases, a bounded number of requests in flight,
// Retry-After honoured for the whole host, a long Retry-After leaves the host alone, redirects
// followed only inside the bases, KOOP's fout404 redirect read as "missing".
import t from 'tap';
import { TextFetcher } from '../../server/texts/fetch-client.ts';
import { startTextSources, type TextSources } from './helpers/koop-server.ts';

/** The fetcher's wall clock moves on by exactly the time it slept. */
function fetcherFor(sources: TextSources, options: { concurrency?: number; sleeps?: number[] } = {}) {
  const sleeps = options.sleeps ?? [];
  const fetcher = new TextFetcher({
    allowedBases: [sources.koopUrl, `${sources.feedUrl}/Resources/`],
    publicUrl: 'https://kamerwacht.example',
    concurrency: options.concurrency ?? 4,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => Date.parse('2025-07-10T08:00:00Z') + sleeps.reduce((a, b) => a + b, 0),
  });
  return fetcher;
}

t.test('only URLs below the configured bases are fetched', async (t) => {
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const fetcher = fetcherFor(sources);
  t.teardown(() => fetcher.close());
  t.ok(fetcher.allows(`${sources.koopUrl}/kv-tk-2025Z10001/kv-tk-2025Z10001.xml`));
  t.ok(fetcher.allows(`${sources.feedUrl}/Resources/00000000-0000-4000-8000-000000000001`));
  t.notOk(fetcher.allows(`${sources.feedUrl}/Feed?category=Zaak`), 'the feed itself is not a text source');
  t.notOk(fetcher.allows('https://example.org/officielepublicaties/x/x.xml'));
  t.notOk(fetcher.allows(sources.koopUrl.replace('127.0.0.1', 'localhost') + '/x/x.xml'), 'same port, other host name');
  t.notOk(fetcher.allows('javascript:alert(1)'));
  const refused = await fetcher.get('http://192.0.2.1/officielepublicaties/x/x.xml', '*/*');
  t.match(refused, { kind: 'failed', reason: /outside the configured hosts/ });
  t.equal(sources.requests.length, 0);

  // A redirect inside the bases is followed; one outside is refused; KOOP's fout404 means missing.
  sources.koop.set('kv-tk-2025Z10002', '<officiele-publicatie/>');
  sources.script = (req) =>
    req.path === '/officielepublicaties/a/a.xml'
      ? { status: 301, headers: { location: '/officielepublicaties/kv-tk-2025Z10002/kv-tk-2025Z10002.xml' } }
      : req.path === '/officielepublicaties/b/b.xml'
        ? { status: 302, headers: { location: 'http://192.0.2.1/elders.xml' } }
        : undefined;
  t.match(await fetcher.get(`${sources.koopUrl}/a/a.xml`, '*/*'), { kind: 'ok' });
  t.match(await fetcher.get(`${sources.koopUrl}/b/b.xml`, '*/*'), { kind: 'failed', reason: /outside the configured hosts/ });
  sources.fout404.add('c');
  t.match(await fetcher.get(`${sources.koopUrl}/c/c.xml`, '*/*'), { kind: 'missing', reason: /fout404/ });
});

t.test('at most `concurrency` requests in flight', async (t) => {
  const sources = await startTextSources({ delayMs: 20 });
  t.teardown(() => sources.close());
  const fetcher = fetcherFor(sources, { concurrency: 2 });
  t.teardown(() => fetcher.close());
  for (let i = 0; i < 10; i++) sources.koop.set(`p${i}`, '<x/>');
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => fetcher.get(`${sources.koopUrl}/p${i}/p${i}.xml`, '*/*')));
  t.ok(results.every((r) => r.kind === 'ok'));
  t.equal(sources.maxInFlight, 2);
});

t.test('429 and 503: Retry-After is honoured; a long one leaves the host alone for the run', async (t) => {
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const sleeps: number[] = [];
  const fetcher = fetcherFor(sources, { sleeps });
  t.teardown(() => fetcher.close());
  sources.koop.set('a', '<x/>');
  sources.koop.set('b', '<x/>');
  // An HTTP date 12 s after the fetcher's clock.
  sources.script = (req) => (req.path === '/officielepublicaties/a/a.xml' && req.n === 1 ? { status: 429, headers: { 'retry-after': 'Thu, 10 Jul 2025 08:00:12 GMT' } } : undefined);
  t.match(await fetcher.get(`${sources.koopUrl}/a/a.xml`, '*/*'), { kind: 'ok' });
  t.same(sleeps, [12_000]);

  // Server errors without Retry-After: exponential back-off, then given up ("failed", not "missing").
  sources.script = (req) => (req.path === '/officielepublicaties/b/b.xml' ? { status: 500 } : undefined);
  t.match(await fetcher.get(`${sources.koopUrl}/b/b.xml`, '*/*'), { kind: 'failed', reason: 'HTTP 500' });
  t.same(sleeps.slice(1), [1_000, 2_000, 4_000]);

  sources.script = () => ({ status: 503, headers: { 'retry-after': '3600' } });
  const n = sources.requests.length;
  t.match(await fetcher.get(`${sources.koopUrl}/a/a.xml`, '*/*'), { kind: 'failed', reason: /asks to wait 3600 s/ });
  t.match(await fetcher.get(`${sources.koopUrl}/b/b.xml`, '*/*'), { kind: 'failed', reason: /asks to wait/ });
  t.equal(sources.requests.length, n + 1, 'the host is not asked again in this run');
});
