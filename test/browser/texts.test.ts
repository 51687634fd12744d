// The question page with its texts in a real headless Chromium: no WCAG 2.1 A/AA violations
// (axe-core), nothing wider than a 375 px phone or a 1280 px screen, and an anchor (#vraag-3)
// that brings its question into view.
import fs from 'node:fs';
import t from 'tap';
import { buildApp } from '../helpers/app.ts';
import { axeViolations, CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { freePort } from '../helpers/ports.ts';
import { startTextSources } from '../texts/helpers/koop-server.ts';
import { insertPageData } from '../texts/helpers/page-data.ts';

const PAGES = ['/vragen/2025Z10001', '/vragen/2025Z10002'];

if (!fs.existsSync(CHROMIUM)) {
  if (process.env.CI) t.fail(`Chromium not found at ${CHROMIUM}`);
  else t.test('question texts in Chromium', { skip: `Chromium not found at ${CHROMIUM} (apt-get install chromium)` }, async () => {});
} else {
  t.test('question texts in Chromium', async (t) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { app, database } = await buildApp(t, { env: { PUBLIC_URL: base } });
    const sources = await startTextSources();
    t.teardown(() => sources.close());
    await insertPageData(database.db, sources);
    await app.listen({ host: '127.0.0.1', port });
    const browser = await launchChromium();
    t.teardown(() => browser.close());

    t.test('axe: no WCAG 2.1 A/AA violations', async (t) => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      for (const url of PAGES) {
        await page.goto(base + url);
        t.same(await axeViolations(page), [], `${url}: no violations`);
      }
      await context.close();
    });

    for (const width of [375, 1280]) {
      t.test(`fits ${width} px without scrolling sideways`, async (t) => {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        for (const url of PAGES) {
          await page.goto(base + url);
          const { scroll, wide } = await page.evaluate(() => {
            const w = document.documentElement.clientWidth;
            return {
              scroll: document.documentElement.scrollWidth - w,
              wide: [...document.querySelectorAll('main *')]
                .filter((e) => e.getBoundingClientRect().right > w + 0.5)
                .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} (${Math.round(e.getBoundingClientRect().right)} px)`),
            };
          });
          t.equal(scroll, 0, `${url}: the page does not scroll sideways`);
          t.same(wide, [], `${url}: nothing in the content wider than the screen`);
          if (process.env.KW_SCREENSHOTS) await page.screenshot({ path: `${process.env.KW_SCREENSHOTS}/texts-${width}-${url.replace(/\W+/g, '_')}.png`, fullPage: true });
        }
        await context.close();
      });
    }

    t.test('an anchor brings its question into view', async (t) => {
      const context = await browser.newContext({ viewport: { width: 375, height: 700 } });
      const page = await context.newPage();
      await page.goto(`${base}/vragen/2025Z10001#vraag-5`);
      const top = await page.evaluate(() => document.getElementById('vraag-5')!.getBoundingClientRect().top);
      t.ok(top >= 0 && top < 100, `#vraag-5 is at the top of the screen (${Math.round(top)} px)`);
      await context.close();
    });
  });
}
