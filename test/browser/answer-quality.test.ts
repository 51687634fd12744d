// The ministry page with answer-quality figures in a real headless Chromium: no WCAG 2.1 A/AA
// violations (axe-core), and the section fits a 375 px and a 1280 px screen (its table scrolls
// inside its own region when it must).
import fs from 'node:fs';
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { questionTexts } from '../../server/db/schema/texts.ts';
import type { QuestionTextFlag } from '../../server/db/schema/texts.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { axeViolations, CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';
import { freePort } from '../helpers/ports.ts';

if (!fs.existsSync(CHROMIUM)) {
  if (process.env.CI) t.fail(`Chromium not found at ${CHROMIUM}`);
  else t.test('answer quality in Chromium', { skip: `Chromium not found at ${CHROMIUM}` }, async () => {});
} else {
  t.test('answer quality in Chromium', async (t) => {
    const port = await freePort();
    const { app, database } = await buildApp(t, { env: { PAGE_CACHE_SECONDS: '0' } });
    const db = database.db;
    const sets: [string, string, string, QuestionTextFlag[][]][] = [
      ['2024Z01001', '2024-03-01', '2024-03-20', [[], ['grouped'], ['grouped'], ['referred']]],
      ['2025Z02001', '2025-02-03', '2025-03-01', [['deferred'], ['unanswered'], [], ['grouped', 'deferred'], ['grouped', 'deferred']]],
    ];
    for (const [nummer, submitted, answered, flags] of sets) {
      const { zaakId } = await insertQuestionSet(db, { nummer, submitted });
      await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'M. Minister', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
      const answerId = await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: answered });
      await db.insert(questionTexts).values(flags.map((f, i) => ({ zaakId, position: i + 1, number: String(i + 1), text: 'Vraag?', answerText: 'Antwoord.', answerDocumentId: answerId, flags: f })));
    }
    await runDeadlines(db, TEST_NOW);
    await app.listen({ host: '127.0.0.1', port });
    const base = `http://127.0.0.1:${port}`;
    const browser = await launchChromium();
    t.teardown(() => browser.close());

    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/ministeries/VWS`);
    t.match(await page.textContent('main'), /Hoe werd geantwoord/);
    t.same(await axeViolations(page), [], 'axe: no violations');

    for (const width of [375, 1280]) {
      const sized = await browser.newContext({ viewport: { width, height: 900 } });
      const p = await sized.newPage();
      await p.goto(`${base}/ministeries/VWS`);
      // This section: its region fits the screen (the table scrolls inside it when it must).
      const overflow = await p.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const region = document.querySelector('[aria-label="Hoe werd geantwoord"]');
        const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent === 'Hoe werd geantwoord');
        const intro = heading?.nextElementSibling;
        return [region, heading, intro].map((e) => (e ? Math.round(e.getBoundingClientRect().right - w) : null));
      });
      t.ok(overflow.every((o) => o !== null && o <= 0), `${width} px: the section fits the screen (${overflow.join(', ')} px past its edge)`);
      if (process.env.KW_SCREENSHOTS) await p.screenshot({ path: `${process.env.KW_SCREENSHOTS}/${width}-ministerie-kwaliteit.png`, fullPage: true });
      await sized.close();
    }
  });
}
