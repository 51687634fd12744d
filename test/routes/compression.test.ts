// A favicon at /favicon.ico and linked from every page, cached for a week; responses over 1 KB
// compressed for clients that accept it (pages, also from the page cache, and static files),
// left alone for those that do not.
import zlib from 'node:zlib';
import t from 'tap';
import { buildApp } from '../helpers/app.ts';

t.test('favicon and compression', async (t) => {
  const { app } = await buildApp(t, { env: { PAGE_CACHE_SECONDS: '60' } });
  const icon = await app.inject({ url: '/favicon.ico' });
  t.equal(icon.statusCode, 200);
  t.match(icon.headers['content-type'], /image\/svg\+xml/);
  t.match(icon.headers['cache-control'], /max-age=604800/);
  t.match(icon.body, /^<svg /);
  const plain = await app.inject({ url: '/vragen?onderwerp=alle' });
  t.match(plain.body, /<link rel="icon" href="\/static\/favicon.svg" type="image\/svg\+xml">/);
  t.notOk(plain.headers['content-encoding'], 'no Accept-Encoding: sent as is');

  for (const round of ['rendered', 'from the page cache']) {
    const gz = await app.inject({ url: '/vragen?onderwerp=alle', headers: { 'accept-encoding': 'gzip' } });
    t.equal(gz.headers['content-encoding'], 'gzip', round);
    t.match(String(gz.headers.vary), /accept-encoding/i);
    t.ok(gz.rawPayload.length * 2 < plain.rawPayload.length, `${round}: less than half the bytes`);
    t.equal(zlib.gunzipSync(gz.rawPayload).toString(), plain.body, `${round}: the same page`);
  }
  const br = await app.inject({ url: '/static/vendor/htmx.min.js', headers: { 'accept-encoding': 'br, gzip' } });
  t.equal(br.headers['content-encoding'], 'br', 'static files too');
  t.ok(zlib.brotliDecompressSync(br.rawPayload).toString().includes('htmx'));
});
