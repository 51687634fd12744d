// Benchmark: parseKoopXml on KOOP publications (the answer fixture with its questions, grouped,
// referred and deferred answers, footnotes), in documents per second, against a baseline measured
// in the same run: saxes reading the same bytes with no handlers (the floor any SAX-based reader
// pays). The bar is ≥ 500 documents/s parse-and-store from a loopback server; parsing
// alone must stay far above it.
// node --import tsx test/bench/texts-parse.ts   (BENCH_DOCS, default 5000)
import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { parseKoopXml } from '../../server/texts/koop-xml.ts';

const N = Number(process.env.BENCH_DOCS ?? 5000);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/koop/${name}`, import.meta.url), 'utf8');
// A mix as in a real run: questions, answers and notices.
const docs: [string, 'questions' | 'answer' | 'notice'][] = [
  [fixture('kv-tk-2025Z10001.xml'), 'questions'],
  [fixture('ah-tk-20242025-1244.xml'), 'answer'],
  [fixture('ah-tk-20242025-1100.xml'), 'notice'],
];

function rate(run: (xml: string, kind: 'questions' | 'answer' | 'notice') => void): number {
  for (let i = 0; i < 300; i++) run(...docs[i % docs.length]!); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < N; i++) run(...docs[i % docs.length]!);
  return N / ((performance.now() - t0) / 1000);
}

const baseline = rate((xml) => {
  new SaxesParser({ xmlns: false, position: false }).write(xml).close();
});
let items = 0;
const parsed = rate((xml, kind) => {
  items += parseKoopXml(xml, kind).items.length;
});
const bytes = docs.reduce((n, [xml]) => n + Buffer.byteLength(xml), 0) / docs.length;
console.log(`documents: ${N} (mean ${Math.round(bytes)} bytes; ${items} items read)`);
console.log(`baseline saxes only: ${Math.round(baseline)} docs/s`);
console.log(`parseKoopXml:        ${Math.round(parsed)} docs/s (${((parsed / baseline) * 100).toFixed(0)}% of baseline; bar 500 docs/s: ${parsed >= 500 ? 'met' : 'NOT met'})`);
