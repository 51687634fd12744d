// The committee-decision detector on a labelled set of decision texts, hard negatives included
// (a letter or a reaction mentioned but not asked for, requests refused, requests to the
// committee's own staff): precision and recall are printed and must reach 0.95 and 0.9. For the
// requests found, the kind, the addressed ministries and the date in the text are checked too.
import fs from 'node:fs';
import t from 'tap';
import { detectRequest } from '../../server/promises/decision-detector.ts';

interface Item {
  text: string;
  request: boolean;
  kind?: 'letter' | 'briefing';
  ministries?: string[];
  dueOn?: string;
}
interface LabelledSet {
  made: string;
  items: Item[];
}

function measure(t: { ok(value: unknown, message: string): unknown; comment(...message: unknown[]): unknown }, name: string, file: string) {
  const set = JSON.parse(fs.readFileSync(new URL(`../fixtures/besluiten/${file}`, import.meta.url), 'utf8')) as LabelledSet;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const item of set.items) {
    const found = detectRequest(item.text, set.made);
    if (found && item.request) {
      tp++;
      const got = { kind: found.kind, ministries: found.ministries, dueOn: found.due?.date ?? null };
      const want = { kind: item.kind, ministries: item.ministries ?? [], dueOn: item.dueOn ?? null };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${item.text}\n    got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    } else if (found) {
      fp++;
      wrong.push(`false positive: ${item.text}`);
    } else if (item.request) {
      fn++;
      wrong.push(`missed: ${item.text}`);
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const negatives = set.items.filter((i) => !i.request).length;
  t.comment(`${name}: ${set.items.length} decisions (${set.items.length - negatives} requests, ${negatives} not): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
  for (const w of wrong) t.comment(w);
  t.ok(precision >= 0.95, `${name}: precision ${precision.toFixed(3)} ≥ 0.95`);
  t.ok(recall >= 0.9, `${name}: recall ${recall.toFixed(3)} ≥ 0.9`);
  return wrong;
}

t.test('the labelled set', async (t) => {
  const wrong = measure(t, 'labelled set', 'labelled.json');
  t.same(wrong, [], 'kind, ministries and date right for every request found');
});

t.test('nothing is read from no text', async (t) => {
  t.equal(detectRequest(null, '2025-01-01'), null);
  t.equal(detectRequest('', '2025-01-01'), null);
});

t.test('the held-out set', async (t) => {
  measure(t, 'held-out set', 'held-out.json');
});
