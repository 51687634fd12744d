import Fastify from 'fastify';
import t from 'tap';
import pageCache, { PageCache } from '../../server/plugins/page-cache.ts';
import { buildApp } from '../helpers/app.ts';

const page = (body: string) => ({ body: Buffer.from(body), contentType: 'text/html', headers: {} });

t.test('entries expire after the TTL and the oldest goes first when full', async (t) => {
  let now = 0;
  const cache = new PageCache({ ttlMs: 1000, maxEntries: 2, now: () => now });
  cache.set('a', page('A'));
  cache.set('b', page('B'));
  now = 500;
  t.equal(cache.get('a')?.body.toString(), 'A', 'fresh');
  cache.set('c', page('C'));
  t.equal(cache.get('b'), undefined, 'least recently used evicted');
  t.equal(cache.size, 2);
  now = 1000;
  t.equal(cache.get('a'), undefined, 'expired at the TTL');
});

t.test('bounded in bytes: the oldest go first, a body over the entry bound is not kept', async (t) => {
  const cache = new PageCache({ ttlMs: 1000, maxBytes: 10, maxEntryBytes: 6 });
  cache.set('a', page('aaaa'));
  cache.set('b', page('bbbb'));
  t.equal(cache.bytes, 8);
  cache.set('c', page('cccc'));
  t.equal(cache.get('a'), undefined, 'oldest evicted to stay within maxBytes');
  t.equal(cache.get('b')?.body.toString(), 'bbbb');
  t.equal(cache.bytes, 8);
  cache.set('b', page('bb'));
  t.equal(cache.bytes, 6, 'replacing an entry releases its bytes');
  cache.set('d', page('ddddddd'));
  t.equal(cache.get('d'), undefined, 'too large for one entry: not cached');
  t.equal(cache.size, 2, 'and nothing evicted for it');
  // c (4) + b (2) + e: 'ééé' is 6 UTF-8 bytes, so 12 > 10 and the least recent (c) goes.
  cache.set('e', page('ééé'));
  t.equal(cache.get('c'), undefined, 'counted in UTF-8 bytes');
  t.equal(cache.bytes, 8);
  t.equal(cache.get('b')?.body.toString(), 'bb');
});

t.test('opted-in pages are served from the cache; fragments and pages apart; other routes never', async (t) => {
  const { app } = await buildApp(t, { env: { PAGE_CACHE_SECONDS: '60' } });
  const first = await app.inject({ url: '/vragen' });
  t.equal(first.headers['x-cache'], undefined);
  const second = await app.inject({ url: '/vragen' });
  t.equal(second.headers['x-cache'], 'hit');
  t.equal(second.body, first.body);
  t.match(second.headers['content-type'], /text\/html/);
  t.match(second.headers['content-security-policy'], /default-src 'self'/, 'security headers on hits too');
  const fragment = await app.inject({ url: '/vragen', headers: { 'hx-request': 'true' } });
  t.equal(fragment.headers['x-cache'], undefined, 'a fragment is its own entry');
  t.notMatch(fragment.body, /<html/);
  // Boosted navigation and history restores ask for the whole page, as the routes decide.
  for (const extra of [{ 'hx-boosted': 'true' }, { 'hx-history-restore-request': 'true' }]) {
    const whole = await app.inject({ url: '/vragen', headers: { 'hx-request': 'true', ...extra } });
    t.match(whole.body, /<html/, `${Object.keys(extra)[0]}: the whole page, never the cached fragment`);
  }
  await app.inject({ url: '/health' });
  t.equal((await app.inject({ url: '/health' })).headers['x-cache'], undefined, '/health is never cached');
  await app.inject({ url: '/vragen/2025Z99999' });
  t.equal((await app.inject({ url: '/vragen/2025Z99999' })).headers['x-cache'], undefined, 'errors are not cached');
});

t.test('concurrent misses for one key render once; the others are served its result', async (t) => {
  const fastify = Fastify({ logger: false });
  t.teardown(() => fastify.close());
  await fastify.register(pageCache, { ttlSeconds: 60 });
  let renders = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  fastify.get('/slow', { config: { pageCache: true } }, async (_request, reply) => {
    renders++;
    await released;
    return reply.type('text/html').send(`<p>render ${renders}</p>`);
  });
  let fails = 0;
  fastify.get('/fails-once', { config: { pageCache: true } }, async (_request, reply) => {
    fails++;
    if (fails === 1) return reply.status(503).send('busy');
    return reply.type('text/html').send('<p>ok</p>');
  });
  await fastify.ready();

  const responses = Array.from({ length: 5 }, () => fastify.inject({ url: '/slow' }));
  // Let every request reach the cache before the first render finishes.
  await new Promise((resolve) => setImmediate(resolve));
  release();
  const done = await Promise.all(responses);
  t.equal(renders, 1, 'rendered once');
  t.same(
    done.map((r) => r.body),
    Array(5).fill('<p>render 1</p>'),
  );
  t.equal(done.filter((r) => r.headers['x-cache'] === 'hit').length, 4, 'four served from the first render');

  const afterFailure = await Promise.all(Array.from({ length: 3 }, () => fastify.inject({ url: '/fails-once' })));
  t.same(
    afterFailure.map((r) => r.statusCode).sort(),
    [200, 200, 503],
    'when the first fails, the waiters render themselves',
  );
  t.equal((await fastify.inject({ url: '/fails-once' })).headers['x-cache'], 'hit', 'and the next is cached');
});
