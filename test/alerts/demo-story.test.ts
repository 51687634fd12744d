// The demo's story, as a newcomer clicks through it (npm run demo, /demo): follow a question set,
// confirm by the mail, move the demo on, read the overdue and the answered alert, and leave with
// one click. On the bundled demo feed and its later moments, with the demo's mail files.
import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { demoManifest, demoTimeline, serveDemoFeed } from '../../jobs/demo.ts';
import { runLocked } from '../../jobs/job.ts';
import { syncJob } from '../../jobs/sync.ts';
import { settableClock } from '../../server/clock.ts';
import { alertSubscriptions } from '../../server/db/schema/index.ts';
import { buildApp } from '../helpers/app.ts';
import { cookieHeader, csrfToken } from './smtp.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as never;

t.test('a newcomer follows 2025Z18977 on the demo, gets its overdue and answered alerts, and leaves with one click', async (t) => {
  const manifest = demoManifest();
  const clock = settableClock(new Date(manifest.now));
  const feed = await serveDemoFeed(undefined, clock);
  t.teardown(() => feed.close());
  const dataDir = t.testdir();
  const timeline = demoTimeline(clock, manifest.moments.map((m) => new Date(m.at)));
  const { app, database, config } = await buildApp(t, {
    clock,
    demo: true,
    demoTimeline: timeline,
    env: { DATA_DIR: dataDir, TK_FEED_URL: feed.url, PUBLIC_URL: 'http://127.0.0.1:3000', NOW: manifest.now },
  });
  await runLocked(syncJob, { config, database, log: silent }, { clock, interactive: false });

  const mails = async () => {
    const page = (await app.inject({ url: '/demo' })).body;
    return [...page.matchAll(/<a href="\/demo\/mail\/([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ file: decodeURIComponent(m[1]!), subject: m[2]! }));
  };
  const mailText = async (file: string) => (await app.inject({ url: `/demo/mail/${encodeURIComponent(file)}` })).body;
  const linkIn = (text: string, pattern: RegExp) => new URL(pattern.exec(text)![0]).pathname;

  // Follow the set from its page's link: the form comes prefilled.
  const form = await app.inject({ url: '/abonneren?vraag=2025Z18977' });
  const cookie = cookieHeader(form.headers['set-cookie']);
  const subscribed = await app.inject({
    method: 'POST',
    url: '/abonneren',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', csrfToken(form.body)], ['email', 'lezer@example.nl'], ['kind', 'question'], ['question', '2025Z18977'], ['events', 'overdue'], ['events', 'answered'], ['frequency', 'immediate']]).toString(),
  });
  t.equal(subscribed.statusCode, 200);
  await app.mailer.idle(); // the confirmation goes out in the background
  const [confirmMail] = await mails();
  t.match(confirmMail?.subject, /Bevestig uw aanmelding/);
  const confirmPath = linkIn(await mailText(confirmMail!.file), /http:\/\/127\.0\.0\.1:3000\/abonneren\/bevestigen\/[\w-]+/);
  const confirmPage = await app.inject({ url: confirmPath });
  const confirmed = await app.inject({
    method: 'POST',
    url: confirmPath,
    headers: { cookie: cookieHeader(confirmPage.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${encodeURIComponent(csrfToken(confirmPage.body))}`,
  });
  t.equal(confirmed.statusCode, 200, 'confirmed');

  // Move the demo on: 3 December (the delayed due date, 1 December, has passed), then 8 December.
  const demoPage = await app.inject({ url: '/demo' });
  t.match(demoPage.body, /De demo staat op <strong>1 december 2025<\/strong>/);
  t.match(demoPage.body, /Verder naar 3 december 2025/);
  const moveOn = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/demo/verder',
      headers: { cookie: cookieHeader(demoPage.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrfToken(demoPage.body))}`,
    });
    t.equal(res.statusCode, 303);
  };
  await moveOn();
  t.match((await app.inject({ url: '/vragen/2025Z21890' })).body, /datalek bij een ziekenhuis/, 'the new question set of 2 December arrived');
  const overdue = (await mails()).find((m) => m.subject.startsWith('Te laat:'));
  t.match(overdue?.subject, /\(2025Z18977\)/, 'the overdue alert');
  const overdueText = await mailText(overdue!.file);
  t.match(overdueText, /de termijn verliep op 1 december 2025; nu 2 dagen over de termijn/);
  // The feed names the minister by office ('Minister van VWS') and by function: one addressee.
  t.match(overdueText, /Gericht aan: minister van Volksgezondheid, Welzijn en Sport\s*\n/, 'the addressee once, by function');
  t.notMatch(overdueText, /Minister van VWS/);
  await moveOn();
  const answered = (await mails()).find((m) => m.subject.startsWith('Beantwoord:'));
  const answeredText = await mailText(answered!.file);
  t.match(answeredText, /Beantwoord op 5 december 2025, na 46 dagen: 4 dagen te laat/, 'the answered alert');
  t.equal((await mails()).length, 3, 'confirmation, overdue, answered: nothing else, nothing twice');
  t.match((await app.inject({ url: '/demo' })).body, /einde van het demoverhaal/);

  // The answered mail's file carries the RFC 8058 headers; one click unsubscribes at once.
  const raw = fs.readFileSync(path.join(dataDir, 'mail', answered!.file), 'utf8').replace(/\r?\n\s+/g, ' ');
  t.match(raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  const oneClick = new URL(/List-Unsubscribe: <([^>]+)>/.exec(raw)![1]!).pathname;
  const left = await app.inject({ method: 'POST', url: oneClick, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
  t.equal(left.statusCode, 200);
  t.same((await database.db.select({ state: alertSubscriptions.state }).from(alertSubscriptions)).map((s) => s.state), ['unsubscribed']);
  t.match(answeredText, `Direct afmelden: <a href="http://127.0.0.1:3000${oneClick}">`, 'the same link is in the text, clickable');
});

t.test('/demo exists only in the demo, and reads nothing but the mail files', async (t) => {
  const plain = await buildApp(t);
  t.equal((await plain.app.inject({ url: '/demo' })).statusCode, 404, 'no /demo on a real site');
  const clock = settableClock(new Date(demoManifest().now));
  const { app } = await buildApp(t, { clock, demo: true, demoTimeline: demoTimeline(clock, []), env: { DATA_DIR: t.testdir({ mail: {}, 'secret.txt': 'x' }) } });
  for (const file of ['..%2Fsecret.txt', 'secret.txt', 'nope.eml']) t.equal((await app.inject({ url: `/demo/mail/${file}` })).statusCode, 404, file);
  t.match((await app.inject({ url: '/demo' })).body, /Nog geen e-mails/);
});
