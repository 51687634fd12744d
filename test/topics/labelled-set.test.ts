// The seeded topic lens on a labelled set of question subjects: precision ≥ 0.95, recall ≥ 0.9.
import fs from 'node:fs';
import t from 'tap';
import { compileTopic, matchText } from '../../server/topics/matcher.ts';
import { DATAVEILIGHEID_IN_DE_ZORG } from '../../seeds/topics.ts';

const fixture = JSON.parse(fs.readFileSync(new URL('../fixtures/topic-titles.json', import.meta.url), 'utf8')) as {
  items: { text: string; onTopic: boolean }[];
};

t.test('labelled set', async (t) => {
  const topic = compileTopic(DATAVEILIGHEID_IN_DE_ZORG.terms, DATAVEILIGHEID_IN_DE_ZORG.excluded);
  const positives = fixture.items.filter((i) => i.onTopic).length;
  t.ok(fixture.items.length >= 150, `${fixture.items.length} items`);
  t.ok(fixture.items.length - positives >= 60, `${fixture.items.length - positives} negatives`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const item of fixture.items) {
    const m = matchText(topic, [item.text]);
    if (m.matched && item.onTopic) tp++;
    else if (m.matched) {
      fp++;
      wrong.push(`false positive: ${item.text}  [${m.terms.join(', ')}]`);
    } else if (item.onTopic) {
      fn++;
      wrong.push(`false negative: ${item.text}${m.excludedBy.length ? `  (excluded by ${m.excludedBy.join(', ')})` : ''}`);
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  t.comment(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
  for (const w of wrong) t.comment(w);
  t.ok(precision >= 0.95, `precision ${precision.toFixed(3)} ≥ 0.95`, { misclassified: wrong });
  t.ok(recall >= 0.9, `recall ${recall.toFixed(3)} ≥ 0.9`, { misclassified: wrong });
});
