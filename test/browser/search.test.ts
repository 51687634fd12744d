// The search results page in Chromium: a hit's snippet with its marks fits a 375 px phone without
// scrolling the page sideways (and 1280 px), the htmx search box updates the results under the
// strict CSP, and axe finds no WCAG 2.1 A/AA violations.
import fs from 'node:fs';
import t from 'tap';
import { questionTexts, questionTextSets } from '../../server/db/schema/index.ts';
import { afterTextsChanged } from '../../server/derivation/after-texts.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { axeViolations, CHROMIUM, cspErrorsOf, launchChromium } from '../helpers/browser.ts';
import { insertActor, insertQuestionSet } from '../helpers/builders.ts';
import { freePort } from '../helpers/ports.ts';

if (!fs.existsSync(CHROMIUM)) {
  if (process.env.CI) t.fail(`Chromium not found at ${CHROMIUM}`);
  else t.test('search in Chromium', { skip: `Chromium not found at ${CHROMIUM} (apt-get install chromium)` }, async () => {});
} else {
  t.test('search in Chromium', async (t) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { app, database } = await buildApp(t, { env: { PUBLIC_URL: base } });
    const db = database.db;
    const set = await insertQuestionSet(db, { nummer: '2025Z15001', submitted: '2025-08-13', onderwerp: 'Berichtgeving over een laboratorium in Rijswijk' });
    await insertActor(db, { zaakId: set.zaakId, relatie: 'Indiener', naam: 'A. Hertzberger' });
    await insertActor(db, { zaakId: set.zaakId, relatie: 'Gericht aan', naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' });
    await runDeadlines(db, TEST_NOW);
    await db.insert(questionTextSets).values({ zaakId: set.zaakId, textSource: 'koop', footnotes: [], updatedAt: TEST_NOW });
    await db.insert(questionTexts).values([
      { zaakId: set.zaakId, position: 1, number: '1', text: 'Bent u bekend met het bericht?', answerText: 'Ja.' },
      {
        zaakId: set.zaakId,
        position: 2,
        number: '2',
        text: 'Welke gegevens zijn gelekt?',
        answerText:
          'Bij het laboratorium zijn de gegevens van 485.000 deelnemers aan het bevolkingsonderzoek baarmoederhalskanker gelekt, ' +
          'zo bleek uit https://www.example.nl/een/heel/lang/adres/zonder/spaties/dat/niet/mag/uitsteken/buiten/het/scherm/van/een/telefoon ' +
          'en uit het onderzoek van de Autoriteit Persoonsgegevens naar de beveiliging van het laboratorium.',
      },
    ]);
    await afterTextsChanged(db, [set.zaakId], TEST_NOW);
    await app.listen({ host: '127.0.0.1', port });
    const browser = await launchChromium();
    t.teardown(() => browser.close());
    const url = '/vragen?onderwerp=alle&q=gelekt';

    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      await page.goto(base + url);
      t.equal(await page.locator('.snippet mark').first().textContent(), 'gelekt', `${width} px: the word is marked`);
      const wide = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > w + 0.5 && !e.closest('.table-scroll, table.stack thead')) // a stacked table's head is visually hidden
          .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} (${Math.round(e.getBoundingClientRect().right)} px)`);
      });
      t.same(wide, [], `${width} px: nothing in the content wider than the screen`);
      // The content, not the site header (its menu on phones is the layout's).
      const mainOverflow = await page.evaluate(() => document.querySelector('main')!.scrollWidth - document.documentElement.clientWidth);
      t.ok(mainOverflow <= 0, `${width} px: the content does not scroll sideways (${mainOverflow})`);
      if (process.env.KW_SCREENSHOTS) await page.screenshot({ path: `${process.env.KW_SCREENSHOTS}/search-${width}.png`, fullPage: true });
      await context.close();
    }

    // htmx: typing in the search box replaces the results, under the CSP.
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp = cspErrorsOf(page);
    await page.goto(`${base}/vragen?onderwerp=alle`);
    await page.fill('#f-q', 'lekken');
    await page.locator('.snippet mark').first().waitFor();
    t.equal(await page.locator('.snippet mark').first().textContent(), 'gelekt', "htmx: 'lekken' finds 'gelekt'");
    t.same(csp, [], 'no CSP errors');
    await context.close();

    const axeContext = await browser.newContext({ bypassCSP: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(base + url);
    t.same(await axeViolations(axePage), [], 'axe: no violations');
    await axeContext.close();
  });
}
