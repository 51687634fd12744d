import { eq } from 'drizzle-orm';
import t from 'tap';
import { alertSubscriptions, zaken } from '../../server/db/schema/index.ts';
import { cookieHeader, csrfToken, decodeQp, startSmtp } from '../alerts/smtp.ts';
import { subscriptionLinks } from '../alerts/links.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertQuestionSet } from '../helpers/builders.ts';

async function setup(t: { teardown(fn: () => unknown): void }) {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const built = await buildApp(t, { env: { SMTP_URL: smtp.url, MAIL_FROM: 'Kamerwacht <alerts@kamerwacht.test>', PUBLIC_URL: 'https://kamerwacht.test' } });
  await insertQuestionSet(built.database.db, { nummer: '2025Z12345', submitted: '2025-11-03', onderwerp: 'Datalek bij Clinical Diagnostics' });
  return { ...built, smtp };
}

async function formSession(app: Awaited<ReturnType<typeof setup>>['app'], url = '/abonneren') {
  const page = await app.inject({ method: 'GET', url });
  return { cookie: cookieHeader(page.headers['set-cookie']), token: csrfToken(page.body), body: page.body };
}

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

t.test('double opt-in end to end through a real SMTP server', async (t) => {
  const { app, smtp, database, config } = await setup(t);
  const s = await formSession(app, '/abonneren?vraag=2025Z12345');
  t.match(s.body, /value="2025Z12345"/, 'volg-deze-vraag prefill');
  t.match(s.body, /<legend>Wat wilt u volgen\?<\/legend>/);

  const post = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: s.token, email: 'waakhond@example.nl', kind: 'question', question: '2025Z12345', events: ['answered', 'overdue'], frequency: 'immediate' }),
  });
  t.equal(post.statusCode, 200, post.body);
  t.match(post.body, /Controleer uw e-mail/);
  t.match(post.body, /afgelopen 90 dagen/);
  await app.mailer.idle();
  await smtp.waitFor(1);
  const raw = decodeQp(smtp.received[0]!.raw);
  t.same(smtp.received[0]!.to, ['waakhond@example.nl']);
  const link = /https:\/\/kamerwacht\.test(\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43})/.exec(raw);
  t.ok(link, 'confirm link in the mail');
  const path = link![1]!;

  // A GET (what a link scanner does) shows the button but does not confirm.
  const landing = await app.inject({ method: 'GET', url: path });
  t.equal(landing.statusCode, 200);
  t.match(landing.body, /Ja, stuur mij deze e-mails/);
  t.equal(landing.headers['cache-control'], 'no-store');
  let [row] = await database.db.select().from(alertSubscriptions);
  t.equal(row?.state, 'pending', 'GET alone does not confirm');
  t.not(row?.confirmTokenHash, path.split('/').pop(), 'token stored hashed');
  t.equal(row?.confirmTokenHash?.length, 64);

  // The button without a CSRF token is refused.
  const noToken = await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
  t.equal(noToken.statusCode, 403);

  const confirm = await app.inject({
    method: 'POST',
    url: path,
    headers: { cookie: cookieHeader(landing.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(landing.body) }),
  });
  t.equal(confirm.statusCode, 200, confirm.body);
  t.match(confirm.body, /Aanmelding bevestigd/);
  [row] = await database.db.select().from(alertSubscriptions);
  t.equal(row?.state, 'active');
  t.ok(row?.confirmedAt);
  t.equal(row?.consent.method, 'double opt-in');
  t.ok(row?.consent.confirmedAt);
  t.match(row?.consent.filterDescription ?? '', /2025Z12345/);
  t.equal(row?.consent.textSha256.length, 64);

  // Single use: the link used again changes nothing and says it is already confirmed, with the
  // way to manage the subscription (the GET of a link scanner and the button alike).
  const manageLink = /href="(\/abonnement\/[A-Za-z0-9_-]{43})"/.exec(confirm.body)![1]!;
  const again = await app.inject({ method: 'GET', url: path });
  t.equal(again.statusCode, 200);
  t.match(again.body, /Al bevestigd/);
  t.notMatch(again.body, /Link ongeldig|Meld u opnieuw aan/);
  t.match(again.body, `href="${manageLink}"`);
  const againPost = await app.inject({
    method: 'POST',
    url: path,
    headers: { cookie: cookieHeader(landing.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(landing.body) }),
  });
  t.match(againPost.body, /Al bevestigd/);
  const [still] = await database.db.select().from(alertSubscriptions);
  t.same(still?.confirmedAt, row?.confirmedAt, 'the second click changed nothing');

  // Manage page from the link on the confirmed page; then one-click unsubscribe without cookies.
  const manage = await app.inject({ method: 'GET', url: manageLink });
  t.equal(manage.statusCode, 200);
  t.match(manage.body, /Actief/);
  const oneClick = await app.inject({
    method: 'POST',
    url: `${manageLink}/afmelden`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  t.equal(oneClick.statusCode, 200);
  t.notOk(oneClick.headers.location, 'no redirect');
  [row] = await database.db.select().from(alertSubscriptions).where(eq(alertSubscriptions.id, row!.id));
  t.equal(row?.state, 'unsubscribed', 'effective at once');
  const multipart = await app.inject({
    method: 'POST',
    url: `${manageLink}/afmelden`,
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
  });
  t.equal(multipart.statusCode, 200, 'multipart one-click, idempotent');
  t.equal((await app.inject({ method: 'GET', url: path })).statusCode, 404, 'after unsubscribing the confirmation link is dead');
  t.equal(config.PUBLIC_URL, 'https://kamerwacht.test');
});

t.test('a topic subscription hears of new questions and nearing deadlines by default', async (t) => {
  const { app } = await setup(t);
  const page = (await app.inject({ url: '/abonneren' })).body;
  t.match(page, /<input type="radio" id="kind-topic" name="kind" value="topic" checked>/);
  const checked = [...page.matchAll(/id="events-([a-z_]+)" name="events" value="\1" checked/g)].map((m) => m[1]);
  t.same(checked, ['asked', 'delay_notice', 'due_soon', 'overdue', 'answered']);
});

t.test('no subscriber enumeration: same page for a new and a known address', async (t) => {
  const { app, smtp } = await setup(t);
  const payload = (s: { token: string }) =>
    form({ _csrf: s.token, email: 'bekend@example.nl', kind: 'question', question: '2025Z12345', events: 'answered', frequency: 'immediate' });
  const strip = (b: string) => b.replace(/name="_csrf" value="[^"]+"/g, '');
  const s1 = await formSession(app);
  const first = await app.inject({ method: 'POST', url: '/abonneren', headers: { cookie: s1.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: payload(s1) });
  await app.mailer.idle();
  await smtp.waitFor(1);
  const raw = decodeQp(smtp.received[0]!.raw);
  const path = /(\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43})/.exec(raw)![1]!;
  const landing = await app.inject({ method: 'GET', url: path });
  await app.inject({
    method: 'POST',
    url: path,
    headers: { cookie: cookieHeader(landing.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(landing.body) }),
  });
  const s2 = await formSession(app);
  const second = await app.inject({ method: 'POST', url: '/abonneren', headers: { cookie: s2.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: payload(s2) });
  t.equal(second.statusCode, first.statusCode);
  t.equal(strip(second.body), strip(first.body), 'identical answer for a subscribed address');
  await app.mailer.idle();
  await smtp.waitFor(2);
  t.match(decodeQp(smtp.received[1]!.raw), /al aangemeld/, 'the known address gets its manage link instead');
});

t.test('a bad form gets 422 with field errors and keeps the input; CSRF required', async (t) => {
  const { app } = await setup(t);
  const s = await formSession(app);
  const res = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: s.token, email: 'geen-adres', kind: 'question', question: '2025Z99999', frequency: 'immediate' }),
  });
  t.equal(res.statusCode, 422);
  t.match(res.body, /value="geen-adres"/, 'keeps the input');
  t.match(res.body, /id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/);
  t.match(res.body, /id="email-error"/);
  t.match(res.body, /Wij kennen geen vragen met nummer 2025Z99999/);
  t.match(res.body, /Kies ten minste één gebeurtenis/);
  const noCsrf = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ email: 'a@example.nl' }),
  });
  t.equal(noCsrf.statusCode, 403);
  const crossSite = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
    payload: form({ _csrf: s.token, email: 'a@example.nl' }),
  });
  t.equal(crossSite.statusCode, 403);
  const foreign = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    payload: form({ _csrf: s.token, email: 'a@example.nl' }),
  });
  t.equal(foreign.statusCode, 403, 'a foreign Origin is refused');
  // Regression: the site opened at http://127.0.0.1:3000 (README) while PUBLIC_URL is the default
  // http://localhost:3000 refused every form as cross-site.
  const ownHost = await app.inject({
    method: 'POST',
    remoteAddress: '192.0.2.10', // past this test's share of the per-IP subscribe limit
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
    payload: form({ _csrf: s.token, email: 'a@example.nl' }),
  });
  t.not(ownHost.statusCode, 403, 'the origin the request was sent to is not foreign');
  const foreignToHost = await app.inject({
    method: 'POST',
    remoteAddress: '192.0.2.10',
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', host: '127.0.0.1:3000', origin: 'http://evil.example:3000' },
    payload: form({ _csrf: s.token, email: 'a@example.nl' }),
  });
  t.equal(foreignToHost.statusCode, 403, 'another origin to that host still is');
  // Regression: Chromium sends `Origin: null` from pages with Referrer-Policy no-referrer (the
  // confirm and password pages), which locked every real browser out of those forms.
  const nullOrigin = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
    payload: form({ _csrf: s.token, email: 'a@example.nl' }),
  });
  t.not(nullOrigin.statusCode, 403, 'Origin null with a valid token passes the CSRF check');
});

t.test('rate limits: per address (no mail past 3 a day) and per IP (Dutch 429 page)', async (t) => {
  const { app, smtp } = await setup(t);
  const statuses: number[] = [];
  let last = '';
  for (let i = 0; i < 6; i++) {
    const s = await formSession(app);
    const res = await app.inject({
      method: 'POST',
      url: '/abonneren',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: s.token, email: 'doelwit@example.nl', kind: 'question', question: '2025Z12345', events: 'answered', frequency: 'digest' }),
    });
    statuses.push(res.statusCode);
    last = res.body;
  }
  t.same(statuses, [200, 200, 200, 200, 200, 429]);
  t.match(last, /Even wachten/);
  await app.mailer.idle();
  await new Promise((r) => setTimeout(r, 100));
  t.equal(smtp.received.length, 3, 'at most 3 mails per address per day');
});

t.test('htmx: a POST carrying the token only in the x-csrf-token header from data-hx-headers passes', async (t) => {
  const { app, database } = await setup(t);
  const [zaak] = await database.db.select({ id: zaken.id }).from(zaken);
  const { managePath } = await subscriptionLinks(database.db, TEST_NOW, { zaakId: zaak!.id, nummer: '2025Z12345' });
  const page = await app.inject({ method: 'GET', url: managePath });
  const attr = /<body data-hx-headers="([^"]+)">/.exec(page.body)?.[1];
  t.ok(attr, 'the page hands its token to htmx on <body>');
  const headers = JSON.parse(attr!.replace(/&quot;/g, '"')) as Record<string, string>;
  t.same(Object.keys(headers), ['x-csrf-token']);
  t.equal(headers['x-csrf-token'], csrfToken(page.body), 'the same token as the form field');
  const cookie = cookieHeader(page.headers['set-cookie']);

  const without = await app.inject({ method: 'POST', url: `${managePath}/pauzeren`, headers: { cookie, 'hx-request': 'true' } });
  t.equal(without.statusCode, 403, 'no field and no header: refused');
  const res = await app.inject({ method: 'POST', url: `${managePath}/pauzeren`, headers: { cookie, 'hx-request': 'true', ...headers } });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.body, /gepauzeerd/);
  const [row] = await database.db.select().from(alertSubscriptions).where(eq(alertSubscriptions.email, 'bevestigd@example.nl'));
  t.equal(row?.state, 'paused');
});
