// The seeded topic lens on labelled sets: question subjects, and question sets with their texts
// (hard negatives included); precision ≥ 0.95 and recall ≥ 0.9 on each, printed.
import fs from 'node:fs';
import t from 'tap';
import { compileTopic, matchSet, matchText, type TextUnit } from '../../server/topics/matcher.ts';
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

const withTexts = JSON.parse(fs.readFileSync(new URL('../fixtures/topic-texts.json', import.meta.url), 'utf8')) as {
  items: { title: string; questions: string[]; answers: (string | null)[]; onTopic: boolean }[];
};

t.test('labelled set with question and answer texts', async (t) => {
  const topic = compileTopic(DATAVEILIGHEID_IN_DE_ZORG.terms, DATAVEILIGHEID_IN_DE_ZORG.excluded);
  const positives = withTexts.items.filter((i) => i.onTopic).length;
  t.ok(positives >= 20 && withTexts.items.length - positives >= 20, `${positives} on topic, ${withTexts.items.length - positives} hard negatives`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let byTextOnly = 0;
  const wrong: string[] = [];
  for (const item of withTexts.items) {
    const units: TextUnit[] = [
      ...item.questions.map((text, i) => ({ text, questionNumber: String(i + 1), source: 'question' as const })),
      ...item.answers.flatMap((text, i) => (text ? [{ text, questionNumber: String(i + 1), source: 'answer' as const }] : [])),
    ];
    const m = matchSet(topic, [item.title], units);
    if (m.matched && item.onTopic) {
      tp++;
      if (!matchText(topic, [item.title]).matched) {
        byTextOnly++;
        t.ok(m.passage, `a set found by its texts quotes the passage: ${item.title}`);
        if (m.passage) t.ok(units.some((u) => u.text.includes(m.passage!.text.replace(/ …$/, ''))), 'the passage is a sentence of the texts');
      }
    } else if (m.matched) {
      fp++;
      wrong.push(`false positive: ${item.title}  [${m.terms.join(', ')}] «${m.passage?.text ?? ''}»`);
    } else if (item.onTopic) {
      fn++;
      wrong.push(`false negative: ${item.title}${m.excludedBy.length ? `  (excluded by ${m.excludedBy.join(', ')})` : ''}`);
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  t.comment(`with texts: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn}; ${byTextOnly} found only by their texts)`);
  for (const w of wrong) t.comment(w);
  t.ok(byTextOnly >= 5, `${byTextOnly} sets are found only through their texts`);
  t.ok(precision >= 0.95, `precision ${precision.toFixed(3)} ≥ 0.95`, { misclassified: wrong });
  t.ok(recall >= 0.9, `recall ${recall.toFixed(3)} ≥ 0.9`, { misclassified: wrong });
});
