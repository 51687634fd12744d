// Promise alerts end to end through a real SMTP server: subscribe to a ministry's promises with
// the form and confirm by the mail; a commitment turns overdue (one mail), the week's rappel
// lists it (one mail), it is fulfilled in a later sync (one mail); one promise followed from its
// page; old events never mail; the daily cap counts promise alerts too; one-click unsubscribe
// stops them.
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { runAlerts } from '../../server/alerts/run.ts';
import { type Db, resultRows } from '../../server/db/client.ts';
import { alertSubscriptions, documents, requests, toezeggingen } from '../../server/db/schema/index.ts';
import { runPromiseLedger } from '../../server/promises/run.ts';
import { buildApp } from '../helpers/app.ts';
import { insertActiviteit } from '../helpers/builders.ts';
import { testTransport } from './fixtures.ts';
import { cookieHeader, csrfToken, decodeQp, header, startSmtp } from './smtp.ts';

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

async function commitment(db: Db, n: number, fields: Partial<typeof toezeggingen.$inferInsert> = {}) {
  await db
    .insert(toezeggingen)
    .values({
      id: id(n),
      bijgewerkt: new Date('2025-11-01T10:00:00Z'),
      feedUpdatedAt: new Date('2025-11-01T10:00:00Z'),
      nummer: `TZ202511-${n}`,
      naam: 'J. Tielen',
      functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport',
      ministerie: 'Volksgezondheid, Welzijn en Sport',
      status: 'Openstaand',
      aanmaakdatum: new Date('2025-11-10T00:00:00+01:00'),
      tekst: `De staatssecretaris stuurt een brief over Z-CERT en de laboratoria (${n}).`,
      datumNakoming: new Date('2025-11-24T00:00:00+01:00'),
      ...fields,
    })
    .onConflictDoUpdate({ target: toezeggingen.id, set: { ...fields, bijgewerkt: fields.bijgewerkt ?? new Date('2025-11-01T10:00:00Z') } });
}

t.test('subscribe to a ministry’s promises, get the overdue, rappel and fulfilled mails, unsubscribe', async (t) => {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Kamerwacht <alerts@kamerwacht.test>', PUBLIC_URL: 'https://kamerwacht.test' };
  const { app, database, config } = await buildApp(t, { env, now: new Date('2025-11-20T10:00:00+01:00') });
  const db = database.db;
  await insertActiviteit(db, { soort: 'Commissiedebat', onderwerp: 'Digitale ontwikkelingen in de zorg', datum: '2025-11-10', voortouwafkorting: 'VWS' });
  // An old commitment, overdue for a year: the first derivation records it, but it never mails.
  await commitment(db, 1, { datumNakoming: new Date('2024-10-01T00:00:00+02:00'), aanmaakdatum: new Date('2024-06-01T00:00:00+02:00') });

  const page = await app.inject({ method: 'GET', url: '/abonneren?ministerie=VWS' });
  const post = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: cookieHeader(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(page.body), email: 'waakhond@example.nl', kind: 'ministry', ministry: 'VWS', events: ['promise_overdue', 'promise_fulfilled', 'promise_rappel'], frequency: 'immediate' }),
  });
  t.equal(post.statusCode, 200, post.body);
  t.match(post.body, /Toezeggingen en verzoeken over ministerie/);
  await app.mailer.idle();
  await smtp.waitFor(1);
  const confirmPath = /https:\/\/kamerwacht\.test(\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43})/.exec(decodeQp(smtp.received[0]!.raw))![1]!;
  const landing = await app.inject({ method: 'GET', url: confirmPath });
  const confirmed = await app.inject({
    method: 'POST',
    url: confirmPath,
    headers: { cookie: cookieHeader(landing.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(landing.body) }),
  });
  t.equal(confirmed.statusCode, 200);

  const transport = testTransport(smtp.url);
  t.teardown(() => transport.close());
  const alerts = (now: Date) => runAlerts({ db, config, transport }, { now });
  const ledger = (now: Date) => runPromiseLedger(db, now, { cutoffDays: config.ALERT_CUTOFF_DAYS });
  const mails = () => smtp.received.slice(1).map((m) => decodeQp(m.raw));
  const subjects = () => smtp.received.slice(1).map((m) => header(m.raw, 'Subject')[0] ?? '');

  // 21 November: the old commitment is read; the new one is made (its deadline 24 November).
  await commitment(db, 2);
  await ledger(new Date('2025-11-21T10:00:00+01:00'));
  await alerts(new Date('2025-11-21T10:05:00+01:00'));
  t.same(subjects(), ['Rappel VWS: 1 toezegging over de termijn'], 'the old overdue commitment never alerts by itself, but this week’s rappel lists it');

  // 25 November: overdue, and the first rappel of the new week lists both overdue commitments.
  await ledger(new Date('2025-11-25T09:00:00+01:00'));
  await alerts(new Date('2025-11-25T09:05:00+01:00'));
  const after25 = subjects().slice(1);
  t.equal(after25.length, 2, 'the overdue alert and the weekly rappel');
  t.ok(after25.some((s) => /^Over de termijn: Toezegging TZ202511-2/.test(s)));
  t.ok(after25.some((s) => /^Rappel VWS: 2 toezeggingen en verzoeken over de termijn/.test(s)));
  const rappel = mails().find((m) => /Rappel VWS/.test(m))!;
  t.match(rappel, /TZ202511-1/);
  t.match(rappel, /https:\/\/kamerwacht\.test\/ministeries\/VWS\/rappel/);
  const overdue = mails().find((m) => /Over de termijn: Toezegging/.test(m))!;
  t.match(overdue, /die verliep op 24 november 2025; nu 1 dag over de termijn/);
  t.same(header(smtp.received[2]!.raw, 'List-Unsubscribe-Post'), ['List-Unsubscribe=One-Click']);

  // The same week again: nothing more. The next week: a new rappel.
  await ledger(new Date('2025-11-27T09:00:00+01:00'));
  await alerts(new Date('2025-11-27T09:05:00+01:00'));
  t.equal(subjects().length, 3, 'one rappel a week, no second overdue alert');

  // 1 December, a later sync: the register says Voldaan and names the letter, which is there too.
  await db.insert(documents).values({ id: id(900), bijgewerkt: new Date('2025-11-30T10:00:00Z'), soort: 'Brief regering', documentNummer: '2025D50001', onderwerp: 'Z-CERT en de laboratoria', datum: new Date('2025-11-28T00:00:00+01:00') });
  await commitment(db, 2, { status: 'Voldaan', kamerbriefNakoming: '2025D50001', bijgewerkt: new Date('2025-11-30T10:00:00Z') });
  await ledger(new Date('2025-12-01T08:00:00+01:00'));
  await alerts(new Date('2025-12-01T08:05:00+01:00'));
  const fulfilled = mails().find((m) => /Nagekomen: Toezegging TZ202511-2/.test(m));
  t.ok(fulfilled, 'the fulfilled alert');
  t.match(fulfilled!, /Nagekomen op 28 november 2025 met Z-CERT en de laboratoria/);
  t.ok(subjects().some((s) => /^Rappel VWS: 1 toezegging over de termijn/.test(s)), 'the next week’s rappel lists what is still overdue');
  const count = subjects().length;

  // One-click unsubscribe from the mail's header: nothing more.
  const unsub = /<(https:\/\/kamerwacht\.test[^>]+\/afmelden)>/.exec(header(smtp.received[1]!.raw, 'List-Unsubscribe')[0]!)![1]!;
  const res = await app.inject({ method: 'POST', url: new URL(unsub).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  t.equal(res.statusCode, 200);
  await ledger(new Date('2025-12-08T08:00:00+01:00'));
  await alerts(new Date('2025-12-08T08:05:00+01:00'));
  t.equal(subjects().length, count, 'no rappel after unsubscribing');
});

t.test('follow one promise from its page; the daily cap counts promise alerts too', async (t) => {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Kamerwacht <alerts@kamerwacht.test>', PUBLIC_URL: 'https://kamerwacht.test' };
  const { app, database, config } = await buildApp(t, { env, now: new Date('2025-11-20T10:00:00+01:00') });
  const db = database.db;
  for (let n = 1; n <= 12; n++) await commitment(db, n, { datumNakoming: new Date('2025-12-05T00:00:00+01:00') });
  await runPromiseLedger(db, new Date('2025-11-20T10:00:00+01:00'));
  const [one] = await db.select().from(requests).where(eq(requests.sourceId, id(1)));

  const promisePage = await app.inject({ method: 'GET', url: `/verzoeken/${one!.slug}` });
  t.match(promisePage.body, new RegExp(`href="/abonneren\\?toezegging=${one!.slug}"`));
  const page = await app.inject({ method: 'GET', url: `/abonneren?toezegging=${one!.slug}` });
  t.match(page.body, new RegExp(`value="${one!.slug}"`), 'prefilled from the promise page');
  const bad = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: cookieHeader(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(page.body), email: 'volger@example.nl', kind: 'promise', promise: one!.slug, events: ['answered'], frequency: 'immediate' }),
  });
  t.equal(bad.statusCode, 422, 'question events cannot follow a promise');
  t.match(bad.body, /id="events-error"/);
  const post = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: cookieHeader(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(page.body), email: 'volger@example.nl', kind: 'promise', promise: `https://kamerwacht.test/verzoeken/${one!.slug}`, events: ['promise_due_soon', 'promise_overdue'], frequency: 'immediate' }),
  });
  t.equal(post.statusCode, 200, post.body);
  // A ministry subscriber with the same address, for the cap: twelve overdue commitments at once.
  const p2 = await app.inject({ method: 'GET', url: '/abonneren' });
  await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie: cookieHeader(p2.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: csrfToken(p2.body), email: 'volger@example.nl', kind: 'ministry', ministry: 'VWS', events: ['promise_overdue'], frequency: 'immediate' }),
  });
  await app.mailer.idle();
  await smtp.waitFor(2);
  for (const m of smtp.received) {
    const confirmPath = /https:\/\/kamerwacht\.test(\/abonneren\/bevestigen\/[A-Za-z0-9_-]{43})/.exec(decodeQp(m.raw))![1]!;
    const landing = await app.inject({ method: 'GET', url: confirmPath });
    await app.inject({
      method: 'POST',
      url: confirmPath,
      headers: { cookie: cookieHeader(landing.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrfToken(landing.body) }),
    });
  }
  t.equal((await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.state, 'active'))).length, 2);
  const confirmMails = smtp.received.length;

  const transport = testTransport(smtp.url);
  t.teardown(() => transport.close());
  await runPromiseLedger(db, new Date('2025-11-22T10:00:00+01:00'), { cutoffDays: 7 });
  const r1 = await runAlerts({ db, config, transport }, { now: new Date('2025-11-22T10:05:00+01:00') });
  t.equal(r1.sender.sent, 1, 'the followed promise is due soon (14 days before 5 December)');
  t.match(header(smtp.received.at(-1)!.raw, 'Subject')[0], /^Termijn verloopt binnenkort: Toezegging TZ202511-1/);

  await runPromiseLedger(db, new Date('2025-12-06T10:00:00+01:00'), { cutoffDays: 7 });
  const r2 = await runAlerts({ db, config, transport }, { now: new Date('2025-12-06T10:05:00+01:00') });
  t.equal(r2.sender.sent, 10, 'twelve overdue alerts plus one for the followed promise: ten today');
  const held = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from alert_deliveries where digest_on is not null and state = 'pending'`))[0]!.n;
  t.equal(Number(held), 3, 'the rest waits for tomorrow’s digest');
  t.equal(smtp.received.length, confirmMails + 11);
});
