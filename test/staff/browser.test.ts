// The staff flow in a real headless Chromium under the strict CSP: sign in, record a request,
// link it to a technical briefing found with the htmx search-as-you-type, sign out. axe-core
// checks the staff pages on the way.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { requestLinks, requests } from '../../server/db/schema/index.ts';
import { axeViolations, CHROMIUM, cspErrorsOf, launchChromium } from '../helpers/browser.ts';
import { insertActiviteit } from '../helpers/builders.ts';
import { freePort } from '../helpers/ports.ts';
import { buildStaffApp, createAccount, PASSWORD } from './helpers.ts';

if (!fs.existsSync(CHROMIUM)) {
  if (process.env.CI) t.fail(`Chromium not found at ${CHROMIUM}`);
  else t.test('staff flow in Chromium', { skip: `Chromium not found at ${CHROMIUM} (apt-get install chromium)` }, async () => {});
} else {
  t.test('staff flow in Chromium', async (t) => {
    // PUBLIC_URL is the address the browser uses, so links the app builds lead back here.
    const port = await freePort();
    const s = await buildStaffApp(t, { env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    const db = s.database.db;
    await createAccount(s, 'griffie@example.nl');
    const briefing = await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Technische briefing datalek Clinical Diagnostics', datum: '2025-09-10', voortouwafkorting: 'VWS', nummer: '2025A05555' });
    await s.app.listen({ host: '127.0.0.1', port });
    const base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    t.teardown(() => browser.close());
    // axe is injected as a script, so this context bypasses the CSP; the flow runs in a strict one.
    const axeContext = await browser.newContext({ bypassCSP: true });
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors = cspErrorsOf(page);

    await page.goto(`${base}/staff/verzoeken`);
    t.match(page.url(), /\/staff\/inloggen\?next=/, 'sent to the sign-in page');
    await page.getByLabel('E-mailadres').fill('griffie@example.nl');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/staff/verzoeken`);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'kw_staff');
    t.ok(session?.httpOnly, 'session cookie is HttpOnly');
    t.equal(session?.sameSite, 'Lax');
    t.notOk(await page.evaluate(() => document.cookie.includes('kw_staff')), 'scripts cannot read it');

    await page.getByRole('link', { name: 'Nieuw verzoek vastleggen' }).click();
    await page.getByLabel('Briefing (bijvoorbeeld een technische briefing)').check();
    await page.getByLabel('Datum van het verzoek').fill('2025-08-28');
    await page.getByLabel('Onderwerp').fill('Technische briefing over het datalek bij Clinical Diagnostics');
    await page.getByLabel('Aanvragers: één per regel, als Naam (Partij)').fill('Daniëlle Jansen (NSC)');
    await page.getByLabel('Gericht aan (ministeries)').fill('VWS');
    await page.getByRole('button', { name: 'Verzoek opslaan' }).click();
    await page.waitForURL(/\/staff\/verzoeken\/\d+\?ok=nieuw/);
    t.match(await page.locator('[role=status]').first().innerText(), /opgeslagen/);

    await page.waitForFunction(() => 'htmx' in window);
    await page.getByLabel('Zoek een activiteit of document (onderwerp, titel of nummer)').pressSequentially('datalek clin', { delay: 30 });
    await page.waitForSelector(`#zoekresultaten input[name=target][value="${briefing}"]`, { state: 'attached' });
    t.match(page.url(), /\/staff\/verzoeken\/\d+/, 'still on the request page: htmx swapped the results in');
    await page.locator('#zoekresultaten').getByRole('button', { name: 'Koppelen aan dit verzoek' }).first().click();
    await page.waitForURL(/ok=gekoppeld/);
    t.match(await page.locator('table').innerText(), /Bevestigd/);
    const [req] = await db.select().from(requests).where(eq(requests.subject, 'Technische briefing over het datalek bij Clinical Diagnostics'));
    t.equal(req?.status, 'fulfilled');
    const links = await db.select().from(requestLinks).where(eq(requestLinks.requestId, req!.id));
    t.same(links.map((l) => [l.target, l.state]), [[briefing, 'confirmed']]);

    // Accessibility of the staff pages (with the session cookie in the axe context).
    await axeContext.addCookies(await context.cookies());
    const axePage = await axeContext.newPage();
    for (const url of ['/staff/inloggen', '/staff', '/staff/verzoeken/nieuw', `/staff/verzoeken/${req!.id}`, '/staff/zoeken?q=datalek']) {
      await axePage.goto(base + url);
      t.same(await axeViolations(axePage), [], `${url}: no axe violations`);
    }

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/staff\/inloggen\?uit=1/);
    t.match(await page.locator('[role=status]').first().innerText(), /uitgelogd/);
    await page.goto(`${base}/staff`);
    t.match(page.url(), /\/staff\/inloggen/, 'signed out: the dashboard needs a new sign-in');
    t.same(cspErrors, [], 'no CSP violations');
  });
}
