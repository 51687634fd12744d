// Benchmark (not a tap test): what compression saves and costs. The app (PGlite, 60 question
// sets) answers each URL through inject() without and with `Accept-Encoding: br, gzip`; prints the
// bytes on the wire, the ratio, and the median time per response of each, measured in the same
// run. Also the favicon: what a browser's /favicon.ico request cost before (a 404 page) and now.
//   node --import tsx test/bench/compression.ts
import { performance } from 'node:perf_hooks';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';

const teardowns: (() => unknown)[] = [];
const { app, database } = await buildApp({ teardown: (fn) => teardowns.push(fn) }, { env: { PAGE_CACHE_SECONDS: '60' } });
const db = database.db;
for (let i = 0; i < 60; i++) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const { zaakId } = await insertQuestionSet(db, { nummer: `2025Z${String(10000 + i)}`, submitted: `2025-${i % 2 ? '09' : '10'}-${day}`, onderwerp: `Vragen over een datalek bij ziekenhuis ${i} en de gevolgen voor patiëntgegevens` });
  await insertActor(db, { zaakId, relatie: 'Indiener', naam: `K. Kamerlid${i % 7}` });
  await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' });
  if (i % 3 === 0) await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-01' });
}
await runDeadlines(db, TEST_NOW);

const URLS = ['/', '/vragen?onderwerp=alle', '/vragen/te-laat', '/ministeries/VWS', '/static/site.css', '/static/vendor/htmx.min.js', '/vragen.csv?onderwerp=alle'];
const ROUNDS = 25;

async function measure(url: string, encoding: string | undefined) {
  const headers = encoding ? { 'accept-encoding': encoding } : {};
  const first = await app.inject({ url, headers });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await app.inject({ url, headers });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { bytes: first.rawPayload.length, encoding: String(first.headers['content-encoding'] ?? 'none'), ms: times[Math.floor(ROUNDS / 2)]! };
}

console.log('url'.padEnd(30), 'plain bytes', '   br bytes', ' ratio', 'gzip bytes', 'plain ms', 'br ms', 'gzip ms');
for (const url of URLS) {
  const plain = await measure(url, undefined);
  const br = await measure(url, 'br, gzip');
  const gzip = await measure(url, 'gzip');
  console.log(
    url.padEnd(30),
    String(plain.bytes).padStart(11),
    `${String(br.bytes).padStart(7)} ${br.encoding.padEnd(3)}`,
    `${(plain.bytes / br.bytes).toFixed(1)}×`.padStart(6),
    String(gzip.bytes).padStart(10),
    plain.ms.toFixed(2).padStart(8),
    br.ms.toFixed(2).padStart(5),
    gzip.ms.toFixed(2).padStart(7),
  );
}
const icon = await app.inject({ url: '/favicon.ico' });
const missing = await app.inject({ url: '/bestaat-niet.ico' });
console.log(`favicon: ${icon.statusCode} ${icon.rawPayload.length} bytes, cache-control ${icon.headers['cache-control']}; a missing file instead: ${missing.statusCode}, ${missing.rawPayload.length} bytes (uncompressed), not cached`);
for (const fn of teardowns.reverse()) await fn();
