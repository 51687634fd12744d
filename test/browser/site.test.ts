// The site in a real headless Chromium (Debian's, driven by playwright-core): axe-core finds no
// WCAG 2.1 A/AA violations on any page type (the alert pages behind mail links included), htmx
// filtering and an htmx POST with the CSRF header work under the strict CSP, and the same flow
// works with JavaScript disabled.
import fs from 'node:fs';
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { and, eq } from 'drizzle-orm';
import { alertSubscriptions } from '../../server/db/schema/index.ts';
import { subscriptionLinks } from '../alerts/links.ts';
import { buildApp, demoPages, TEST_NOW } from '../helpers/app.ts';
import { axeViolations, CHROMIUM, cspErrorsOf, launchChromium } from '../helpers/browser.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';
import { freePort } from '../helpers/ports.ts';

if (!fs.existsSync(CHROMIUM)) {
  // CI installs Debian's chromium; there a missing browser is a failure, not a skip.
  if (process.env.CI) t.fail(`Chromium not found at ${CHROMIUM}`);
  else t.test('pages in Chromium', { skip: `Chromium not found at ${CHROMIUM} (apt-get install chromium)` }, async () => {});
} else {
  t.test('pages in Chromium', async (t) => {
    // PUBLIC_URL is the origin the browser sees, so the links in the alert pages lead back here:
    // take a free port first, then listen on it.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const demo = demoPages(t.testdir());
    const { app, database } = await buildApp(t, { ...demo, env: { ...demo.env, PUBLIC_URL: base } });
    const db = database.db;
    const nsc = await insertFractie(db, { afkorting: 'NSC' });
    const member = await insertPersoon(db, { achternaam: 'Hertzberger', initialen: 'A.' });
    await insertSeat(db, { fractieId: nsc, persoonId: member, van: '2023-12-06' });
    const sets = [
      { nummer: '2025Z15001', submitted: '2025-08-13', onderwerp: 'Het datalek bij laboratorium Clinical Diagnostics', answer: '2025-09-02' },
      { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'De oorzaak van de hack bij een medisch laboratorium', answer: null },
      { nummer: '2025Z20003', submitted: '2025-11-10', onderwerp: 'Ransomware bij ziekenhuizen en Z-CERT', answer: null },
      // A long Dutch compound, as titles have them: it must break on a phone, not widen the page.
      { nummer: '2025Z20104', submitted: '2025-11-12', onderwerp: 'Ziekenhuisinformatiesysteembeveiligingsincidentmeldingsplicht en de https://www.rijksoverheid.nl/onderwerpen/cybersecurity/documenten', answer: '2025-11-20' },
    ];
    const zaakIds: string[] = [];
    for (const s of sets) {
      const q = await insertQuestionSet(db, s);
      zaakIds.push(q.zaakId);
      await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'A. Hertzberger', persoonId: member });
      await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' });
      if (s.answer) await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: s.answer });
    }
    await runDeadlines(db, TEST_NOW);
    // Pages behind mail links: one subscription for the page checks, one for the htmx POST.
    const links = await subscriptionLinks(db, TEST_NOW, { zaakId: zaakIds[0]!, nummer: sets[0]!.nummer });
    const htmxLinks = await subscriptionLinks(db, TEST_NOW, { zaakId: zaakIds[1]!, nummer: sets[1]!.nummer });
    await app.listen({ host: '127.0.0.1', port });

    const browser = await launchChromium();
    t.teardown(() => browser.close());

    // Every public page type, the alert pages behind mail links (confirm, manage, unsubscribe)
    // and the demo's own pages.
    const urls = ['/', '/vragen', '/vragen?onderwerp=alle', '/vragen?onderwerp=alle&status=overdue', '/vragen/2025Z19002', '/vragen/2025Z20104', '/vragen/te-laat', '/ministeries', '/fracties', '/personen', '/personen?naam=hertz', '/verzoeken', '/ministeries/VWS', '/fracties/NSC', `/personen/${member}`, '/bestaat-niet', '/abonneren'];
    urls.push(links.confirmPath, links.managePath, `${links.managePath}/afmelden`);
    urls.push('/demo', `/demo/mail/${demo.mail}`);

    t.test('every page type fits a 375 px phone and a 1280 px screen without sideways scrolling', async (t) => {
      for (const width of [375, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        for (const url of urls) {
          await page.goto(base + url);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          t.ok(scrollWidth <= width, `${url} at ${width} px: page is ${scrollWidth} px wide`);
        }
        await context.close();
      }
    });

    t.test('axe: no WCAG 2.1 A/AA violations', async (t) => {
      // axe is injected as a script, so this context alone bypasses the CSP.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const check = async (label: string) => {
        t.same(await axeViolations(page), [], `${label}: no violations`);
      };
      // At a phone's width too: the stacked tables and the folded menu are other layouts.
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 800 });
        for (const url of urls) {
          await page.goto(base + url);
          await check(`${url} at ${width} px`);
        }
      }
      // The unsubscribe result, reached the way a subscriber does: the button on the page.
      await page.goto(`${base}${links.managePath}/afmelden`);
      await Promise.all([page.waitForLoadState('load'), page.click('form button[type=submit]')]);
      await page.waitForSelector('text=U bent afgemeld');
      await check('unsubscribe result');
      await context.close();
    });

    t.test('htmx filtering under the strict CSP updates the list and the URL', async (t) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cspErrors = cspErrorsOf(page);
      await page.goto(`${base}/vragen?onderwerp=alle`);
      t.equal(await page.locator('#resultaten tbody tr').count(), 4);
      await page.waitForFunction(() => 'htmx' in window);
      await page.selectOption('#f-status', 'overdue');
      await page.waitForURL(/status=overdue/);
      await page.waitForFunction(() => document.querySelectorAll('#resultaten tbody tr').length === 1);
      t.match(await page.locator('#resultaten').innerText(), /2025Z19002/);
      t.equal(await page.locator('h1').count(), 1, 'the fragment replaced the results only');
      // Keyboard: the filter form is reachable and usable without a mouse.
      await page.focus('#f-q');
      await page.keyboard.type('ransomware');
      await page.selectOption('#f-status', '');
      await page.waitForURL(/q=ransomware/);
      await page.waitForFunction(() => document.querySelectorAll('#resultaten tbody tr').length === 1);
      t.match(await page.locator('#resultaten').innerText(), /2025Z20003/);
      t.same(cspErrors, [], 'no CSP violations');
      await context.close();
    });

    t.test('an htmx POST sends the CSRF token from data-hx-headers (strict CSP, no eval)', async (t) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cspErrors = cspErrorsOf(page);
      await page.goto(base + htmxLinks.managePath);
      await page.waitForFunction(() => 'htmx' in window);
      // No page posts through htmx yet; htmx.ajax from <body> is what any future hx-post would do.
      const status = await page.evaluate(
        (url) =>
          new Promise<number>((resolve) => {
            document.addEventListener('htmx:afterRequest', (e) => resolve((e as CustomEvent<{ xhr: XMLHttpRequest }>).detail.xhr.status), { once: true });
            (window as unknown as { htmx: { ajax(verb: string, path: string, ctx: unknown): void } }).htmx.ajax('POST', url, { source: document.body, swap: 'none' });
          }),
        `${htmxLinks.managePath}/pauzeren`,
      );
      t.equal(status, 200, 'accepted with the header token only');
      const [row] = await db.select().from(alertSubscriptions).where(and(eq(alertSubscriptions.filterValue, zaakIds[1]!), eq(alertSubscriptions.email, 'bevestigd@example.nl')));
      t.equal(row?.state, 'paused');
      t.same(cspErrors, [], 'no CSP violations');
      await context.close();
    });

    t.test('the same flow without JavaScript submits as GET', async (t) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${base}/vragen?onderwerp=alle`);
      await page.selectOption('#f-status', 'overdue');
      await Promise.all([page.waitForURL(/status=overdue/), page.click('button[type=submit]')]);
      t.equal(await page.locator('#resultaten tbody tr').count(), 1);
      t.match(await page.locator('#resultaten').innerText(), /2025Z19002/);
      await page.click('a[href="/vragen/2025Z19002"]');
      await page.waitForURL(/\/vragen\/2025Z19002$/);
      t.match(await page.locator('h1').innerText(), /oorzaak van de hack/);
      await context.close();
    });
  });
}
