// The ledger's pages in a real headless Chromium: axe-core finds no WCAG 2.1 A/AA violations,
// every page fits a 375 px wide phone without scrolling sideways, the htmx filters work under the
// strict CSP (and without JavaScript), and the staff queue confirms a suggestion in one click.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { requestLinks, requests } from '../../server/db/schema/index.ts';
import { axeViolations, CHROMIUM, cspErrorsOf, launchChromium } from '../helpers/browser.ts';
import { freePort } from '../helpers/ports.ts';
import { LEDGER_NOW, ledgerData, ledgerId } from '../helpers/promises.ts';
import { buildStaffApp, sessionFor } from '../staff/helpers.ts';

if (!fs.existsSync(CHROMIUM)) {
  if (process.env.CI) t.fail(`Chromium not found at ${CHROMIUM}`);
  else t.test('ledger pages in Chromium', { skip: `Chromium not found at ${CHROMIUM} (apt-get install chromium)` }, async () => {});
} else {
  t.test('ledger pages in Chromium', async (t) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const s = await buildStaffApp(t, { env: { PUBLIC_URL: base } });
    const db = s.database.db;
    await ledgerData(db);
    await db.update(requests).set({ sourceRemovedAt: LEDGER_NOW }).where(eq(requests.sourceId, ledgerId(2)));
    const rows = await db.select().from(requests);
    const bySource = (n: number) => rows.find((r) => r.sourceId === ledgerId(n))!;
    const session = (await sessionFor(s, 'griffie@example.nl')).split('=')[1]!;
    await s.app.listen({ host: '127.0.0.1', port });
    const browser = await launchChromium();
    t.teardown(() => browser.close());
    const staffCookie = { name: 'kw_staff', value: session, url: base };

    const pages = [
      '/verzoeken',
      '/verzoeken?bron=toezegging&sort=te-laat',
      `/verzoeken/${bySource(1).slug}`,
      `/verzoeken/${bySource(2).slug}`,
      `/verzoeken/${bySource(11).slug}`,
      '/verzoeken/2018-11-27-vws-reactie-hack-pratenonline',
      '/ministeries/VWS/rappel',
      '/ministeries/VWS',
      '/abonneren?toezegging=toezegging-tz202509-001',
      '/staff/suggesties',
      `/staff/verzoeken/${bySource(11).id}`,
    ];

    t.test('axe: no WCAG 2.1 A/AA violations', async (t) => {
      const context = await browser.newContext({ bypassCSP: true });
      await context.addCookies([staffCookie]);
      const page = await context.newPage();
      for (const url of pages) {
        await page.goto(base + url);
        t.same(await axeViolations(page), [], `${url}: no violations`);
      }
      await context.close();
    });

    t.test('every page fits a 375 px phone without scrolling sideways', async (t) => {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
      await context.addCookies([staffCookie]);
      const page = await context.newPage();
      for (const url of pages) {
        await page.goto(base + url);
        // The content (the site header's menu on phones is the layout's, not these pages').
        const wide = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          return [...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.table-scroll'))
            .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).replace(/ /g, '.')}` : ''} (${Math.round(e.getBoundingClientRect().right)} px)`);
        });
        t.same(wide, [], `${url}: nothing in the content wider than the screen`);
        if (process.env.KW_SCREENSHOTS) await page.screenshot({ path: `${process.env.KW_SCREENSHOTS}/375-${url.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
      }
      if (process.env.KW_SCREENSHOTS) {
        const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await wide.addCookies([staffCookie]);
        const p = await wide.newPage();
        for (const url of pages) {
          await p.goto(base + url);
          await p.screenshot({ path: `${process.env.KW_SCREENSHOTS}/1280-${url.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
        }
        await wide.close();
      }
      await context.close();
    });

    t.test('htmx filtering under the strict CSP, and the same without JavaScript', async (t) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cspErrors = cspErrorsOf(page);
      await page.goto(`${base}/verzoeken`);
      t.equal(await page.locator('#resultaten .promise').count(), 6, 'seven promises, one removed');
      await page.waitForFunction(() => 'htmx' in window);
      await page.selectOption('#v-status', 'overdue');
      await page.waitForURL(/status=overdue/);
      await page.waitForFunction(() => document.querySelectorAll('#resultaten .promise').length === 1);
      t.match(await page.locator('#resultaten').innerText(), /rol van Z-CERT/);
      t.equal(await page.locator('h1').count(), 1, 'only the results were swapped');
      t.same(cspErrors, [], 'no CSP violations');
      await context.close();

      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noJs.newPage();
      await plain.goto(`${base}/verzoeken`);
      await plain.selectOption('#v-bron', 'besluit');
      await Promise.all([plain.waitForURL(/bron=besluit/), plain.click('form.filters button[type=submit]')]);
      t.equal(await plain.locator('#resultaten .promise').count(), 1);
      await plain.click(`a[href="/verzoeken/${bySource(11).slug}"]`);
      await plain.waitForURL(new RegExp(`/verzoeken/${bySource(11).slug}$`));
      t.match(await plain.locator('body').innerText(), /voorgesteld, nog niet bevestigd/);
      await noJs.close();
    });

    t.test('staff confirm a suggestion in one click from the queue', async (t) => {
      const context = await browser.newContext();
      await context.addCookies([staffCookie]);
      const page = await context.newPage();
      const cspErrors = cspErrorsOf(page);
      await page.goto(`${base}/staff/suggesties`);
      await Promise.all([page.waitForURL(/\/staff\/suggesties\?ok=besluit/), page.getByRole('button', { name: 'Bevestigen' }).first().click()]);
      t.match(await page.locator('[role=status]').first().innerText(), /besluit/);
      const [link] = await db.select().from(requestLinks).where(eq(requestLinks.requestId, bySource(11).id));
      t.match(link, { state: 'confirmed', decidedBy: 'griffie@example.nl' });
      t.same(cspErrors, []);
      await context.close();
    });
  });
}
