// The mailto: in List-Unsubscribe, end to end: a real alert mail is sent (runAlerts through a
// real SMTP server), its header is parsed, and a mail to that mailto goes with nodemailer to the
// inbound listener on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import pino from 'pino';
import t from 'tap';
import { MAX_MESSAGE_BYTES, startInboundSmtp } from '../../server/alerts/inbound-smtp.ts';
import { runAlerts } from '../../server/alerts/run.ts';
import { fixedClock } from '../../server/clock.ts';
import type { Db } from '../../server/db/client.ts';
import { alertSubscriptions } from '../../server/db/schema/index.ts';
import { insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';
import { freePort } from '../helpers/ports.ts';
import { addEvent, addSubscribers, alertConfig, at, testTransport } from './fixtures.ts';
import { header, startSmtp } from './smtp.ts';

const UNSUBSCRIBE_TO = 'afmelden@kamerwacht.test';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Two subscribers get a real alert; the listener runs; returns each subscriber's mailto and raw alert. */
async function setup(t: Teardown) {
  const database = await testDatabase(t);
  const db = database.db;
  const outbound = await startSmtp();
  t.teardown(() => outbound.close());
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z12345', submitted: '2025-11-03', onderwerp: 'Datalek bij een lab' });
  const ids = await addSubscribers(db, 2, { kind: 'question', value: zaakId });
  await addEvent(db, { zaakId, kind: 'answered', occurredAt: at(-60) });
  const config = alertConfig(outbound.url, { UNSUBSCRIBE_MAILTO: UNSUBSCRIBE_TO });
  const transport = testTransport(outbound.url);
  await runAlerts({ db, config, transport }, { now: at(1) });
  transport.close();
  const alerts = new Map(outbound.received.map((m) => [m.to[0]!, m.raw]));

  const lines: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const port = await freePort();
  const inbound = await startInboundSmtp({ host: '127.0.0.1', port, address: UNSUBSCRIBE_TO, db, clock: fixedClock(at(5)), log });
  t.teardown(() => inbound.close());
  const sender = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 2000, socketTimeout: 2000 });
  t.teardown(() => sender.close());

  const mailto = (email: string) => {
    const raw = alerts.get(email);
    if (!raw) throw new Error(`no alert for ${email}`);
    const [list] = header(raw, 'List-Unsubscribe');
    const uri = /<(mailto:[^>]+)>/.exec(list ?? '')?.[1];
    if (!uri) throw new Error('no mailto in List-Unsubscribe');
    const u = new URL(uri);
    return { to: decodeURIComponent(u.pathname), subject: u.searchParams.get('subject') ?? '', body: u.searchParams.get('body') ?? '', raw };
  };
  return { db, ids: ids as [number, number], port, inbound, sender, mailto, lines };
}

async function stateOf(db: Db, id: number) {
  const [row] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.id, id));
  return row?.state;
}

const tokenOf = (subject: string) => /^afmelden ([A-Za-z0-9_-]{43})$/.exec(subject)?.[1] ?? '';

t.test("the alert's own List-Unsubscribe mailto unsubscribes at once, like the one-click POST", async (t) => {
  const { db, ids, sender, mailto, lines } = await setup(t);
  const m = mailto('abonnee0@example.nl');
  t.equal(m.to, UNSUBSCRIBE_TO, 'the dedicated address, not MAIL_FROM');
  t.match(m.subject, /^afmelden [A-Za-z0-9_-]{43}$/);
  t.equal(m.body, m.subject, 'the same words in the body, for clients that drop the subject');

  const info = await sender.sendMail({ from: 'abonnee0@example.nl', to: m.to, subject: m.subject, text: '' });
  t.match(String(info.response), /^250 /);
  t.equal(await stateOf(db, ids[0]), 'unsubscribed', 'unsubscribed when the 250 arrives');
  const [row] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.id, ids[0]));
  t.same(row?.unsubscribedAt, at(5), 'at the clock of the listener');
  t.equal(await stateOf(db, ids[1]), 'active', 'the other subscriber is untouched');
  t.match(lines.join(''), /unsubscribed by mail/);
  t.notOk(lines.join('').includes(tokenOf(m.subject)), 'the token never reaches the log');

  // Sent twice (a client retrying): still accepted, still unsubscribed.
  await sender.sendMail({ from: 'abonnee0@example.nl', to: m.to, subject: m.subject, text: '' });
  t.equal(await stateOf(db, ids[0]), 'unsubscribed');
});

t.test('a token in the first lines of the body alone works (client dropped the subject)', async (t) => {
  const { db, ids, sender, mailto } = await setup(t);
  const m = mailto('abonnee1@example.nl');
  await sender.sendMail({ from: 'abonnee1@example.nl', to: m.to, text: `${m.body}\n\nVerzonden vanaf mijn telefoon` });
  t.equal(await stateOf(db, ids[1]), 'unsubscribed');
  t.equal(await stateOf(db, ids[0]), 'active');
});

t.test('a token deep in the body (a quoted mail, not a request) does nothing', async (t) => {
  const { db, ids, sender, mailto } = await setup(t);
  const m = mailto('abonnee1@example.nl');
  const filler = Array.from({ length: 12 }, (_, i) => `regel ${i + 1}`).join('\n');
  await sender.sendMail({ from: 'abonnee1@example.nl', to: m.to, subject: 'Vraag', text: `${filler}\n${m.body}` });
  t.equal(await stateOf(db, ids[1]), 'active');
});

t.test('an unknown or malformed token is accepted and changes nothing, and is not logged', async (t) => {
  const { db, ids, sender, lines } = await setup(t);
  const wrong = randomBytes(32).toString('base64url');
  for (const subject of [`afmelden ${wrong}`, 'afmelden graag', 'afmelden']) {
    const info = await sender.sendMail({ from: 'iemand@example.nl', to: UNSUBSCRIBE_TO, subject, text: subject });
    t.match(String(info.response), /^250 /, `"${subject.slice(0, 12)}…" accepted (no backscatter)`);
  }
  t.equal(await stateOf(db, ids[0]), 'active');
  t.equal(await stateOf(db, ids[1]), 'active');
  t.match(lines.join(''), /without a known token/);
  t.notOk(lines.join('').includes(wrong), 'the presented token is not logged');
});

t.test('mail for any other address is refused with 550', async (t) => {
  const { db, ids, sender, mailto } = await setup(t);
  const m = mailto('abonnee0@example.nl');
  const err = await sender.sendMail({ from: 'abonnee0@example.nl', to: 'alerts@kamerwacht.test', subject: m.subject, text: '' }).then(
    () => null,
    (e: unknown) => e as { responseCode?: number },
  );
  t.equal(err?.responseCode, 550);
  t.equal(await stateOf(db, ids[0]), 'active');
  // The address is matched without regard to case.
  await sender.sendMail({ from: 'abonnee0@example.nl', to: UNSUBSCRIBE_TO.toUpperCase(), subject: m.subject, text: '' });
  t.equal(await stateOf(db, ids[0]), 'unsubscribed');
});

t.test('a message over the size limit is refused with 552 and does nothing', async (t) => {
  const { db, ids, sender, mailto } = await setup(t);
  const m = mailto('abonnee0@example.nl');
  const err = await sender.sendMail({ from: 'abonnee0@example.nl', to: m.to, subject: m.subject, text: `${m.body}\n${'x'.repeat(MAX_MESSAGE_BYTES)}` }).then(
    () => null,
    (e: unknown) => e as { responseCode?: number },
  );
  t.equal(err?.responseCode, 552, 'refused by the listener after DATA');
  t.equal(await stateOf(db, ids[0]), 'active');
  // Half the limit is fine.
  await sender.sendMail({ from: 'abonnee0@example.nl', to: m.to, subject: m.subject, text: `${m.body}\n${'x'.repeat(MAX_MESSAGE_BYTES / 2)}` });
  t.equal(await stateOf(db, ids[0]), 'unsubscribed');
});

/** An ARF report (RFC 5965) or a bounce (RFC 3464) quoting the alert a subscriber received. */
function report(reportType: 'feedback-report' | 'delivery-status', original: string): string {
  const second =
    reportType === 'feedback-report'
      ? 'Content-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: ExampleFBL/1.0\r\nVersion: 1\r\n'
      : 'Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.nl\r\n\r\nFinal-Recipient: rfc822; abonnee0@example.nl\r\nAction: failed\r\nStatus: 5.1.1\r\n';
  return [
    'From: fbl@isp.example',
    `To: ${UNSUBSCRIBE_TO}`,
    'Subject: Report',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${reportType}; boundary="grens"`,
    '',
    '--grens',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'A report about a message from your domain.',
    '--grens',
    second,
    '--grens',
    'Content-Type: message/rfc822',
    '',
    original.replace(/\r?\n/g, '\r\n').replace(/\r\n\.\r\n$/, '\r\n'),
    '--grens--',
    '',
  ].join('\r\n');
}

t.test('an ARF abuse report unsubscribes the subscriber of the reported alert; a bounce does not', async (t) => {
  const { db, ids, sender, mailto } = await setup(t);
  const reported = mailto('abonnee0@example.nl').raw;
  const bounced = mailto('abonnee1@example.nl').raw;
  await sender.sendMail({ envelope: { from: '', to: [UNSUBSCRIBE_TO] }, raw: report('delivery-status', bounced) });
  t.equal(await stateOf(db, ids[1]), 'active', 'a bounce quoting the alert is not a complaint');
  await sender.sendMail({ envelope: { from: 'fbl@isp.example', to: [UNSUBSCRIBE_TO] }, raw: report('feedback-report', reported) });
  t.equal(await stateOf(db, ids[0]), 'unsubscribed');
  t.equal(await stateOf(db, ids[1]), 'active');
});

t.test('closing stops the listener; the database failing answers 451 so the sender retries', async (t) => {
  const { db, ids, port, inbound, mailto } = await setup(t);
  const m = mailto('abonnee0@example.nl');
  await db.execute(sql`alter table alert_subscriptions rename to alert_subscriptions_away`);
  const sender = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const err = await sender.sendMail({ from: 'abonnee0@example.nl', to: m.to, subject: m.subject, text: '' }).then(
    () => null,
    (e: unknown) => e as { responseCode?: number },
  );
  t.equal(err?.responseCode, 451);
  await db.execute(sql`alter table alert_subscriptions_away rename to alert_subscriptions`);
  await sender.sendMail({ from: 'abonnee0@example.nl', to: m.to, subject: m.subject, text: '' });
  t.equal(await stateOf(db, ids[0]), 'unsubscribed', 'the retry works');
  sender.close();

  await inbound.close();
  const after = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 1000 });
  const refused = await after.verify().then(
    () => null,
    (e: unknown) => e as { code?: string },
  );
  t.equal(refused?.code, 'ESOCKET', 'nothing listens after close');
  after.close();
});
