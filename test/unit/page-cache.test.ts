import t from 'tap';
import { PageCache } from '../../server/plugins/page-cache.ts';
import { buildApp } from '../helpers/app.ts';

t.test('entries expire after the TTL and the oldest goes first when full', async (t) => {
  let now = 0;
  const cache = new PageCache({ ttlMs: 1000, maxEntries: 2, now: () => now });
  cache.set('a', { body: 'A', contentType: 'text/html', headers: {} });
  cache.set('b', { body: 'B', contentType: 'text/html', headers: {} });
  now = 500;
  t.equal(cache.get('a')?.body, 'A', 'fresh');
  cache.set('c', { body: 'C', contentType: 'text/html', headers: {} });
  t.equal(cache.get('b'), undefined, 'least recently used evicted');
  t.equal(cache.size, 2);
  now = 1000;
  t.equal(cache.get('a'), undefined, 'expired at the TTL');
});

t.test('bounded in bytes: the oldest go first, a body over the entry bound is not kept', async (t) => {
  const cache = new PageCache({ ttlMs: 1000, maxBytes: 10, maxEntryBytes: 6 });
  const page = (body: string) => ({ body, contentType: 'text/html', headers: {} });
  cache.set('a', page('aaaa'));
  cache.set('b', page('bbbb'));
  t.equal(cache.bytes, 8);
  cache.set('c', page('cccc'));
  t.equal(cache.get('a'), undefined, 'oldest evicted to stay within maxBytes');
  t.equal(cache.get('b')?.body, 'bbbb');
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
  t.equal(cache.get('b')?.body, 'bb');
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
  await app.inject({ url: '/health' });
  t.equal((await app.inject({ url: '/health' })).headers['x-cache'], undefined, '/health is never cached');
  await app.inject({ url: '/vragen/2025Z99999' });
  t.equal((await app.inject({ url: '/vragen/2025Z99999' })).headers['x-cache'], undefined, 'errors are not cached');
});
