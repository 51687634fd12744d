import { sql } from 'drizzle-orm';
import t from 'tap';
import { runAlerts } from '../../server/alerts/run.ts';
import { alertSubscriptions } from '../../server/db/schema/index.ts';
import { type Db, resultRows } from '../../server/db/client.ts';
import { insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';
import { addEvent, addSubscribers, alertConfig, at, T0, testTransport } from './fixtures.ts';
import { decodeQp, header, startSmtp } from './smtp.ts';

async function setup(t: { teardown(fn: () => unknown): void }) {
  const database = await testDatabase(t);
  const db = database.db;
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z12345', submitted: '2025-11-03', onderwerp: 'Datalek <b>bij</b> een lab' });
  const config = alertConfig(smtp.url);
  const run = async (now: Date, connections = 1) => {
    const transport = testTransport(smtp.url, connections);
    try {
      return await runAlerts({ db, config, transport }, { now, concurrency: connections });
    } finally {
      transport.close();
    }
  };
  return { database, db, smtp, zaakId, config, run };
}

async function states(db: Db): Promise<Record<string, number>> {
  const rows = resultRows<{ state: string; n: number }>(await db.execute(sql`select state, count(*)::int as n from alert_deliveries group by state`));
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

function perRecipient(smtp: { received: { to: string[] }[] }): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of smtp.received) for (const to of r.to) m.set(to, (m.get(to) ?? 0) + 1);
  return m;
}

t.test('an answered event reaches each matching subscriber once, with list headers and escaped content', async (t) => {
  const { db, smtp, zaakId, run } = await setup(t);
  await addSubscribers(db, 5, { kind: 'question', value: zaakId });
  await addSubscribers(db, 2, { kind: 'question', value: zaakId, events: ['asked'], prefix: 'anders' });
  await addEvent(db, { zaakId, kind: 'answered', occurredAt: at(-60) });
  const r1 = await run(at(1));
  t.equal(r1.fanOut.deliveries, 5);
  t.equal(r1.sender.sent, 5);
  t.equal(smtp.received.length, 5);
  const raw = smtp.received[0]!.raw;
  const unsub = header(raw, 'List-Unsubscribe');
  t.equal(unsub.length, 1);
  t.match(unsub[0]!, /^<https:\/\/kamerwacht\.test\/abonnement\/[A-Za-z0-9_-]{43}\/afmelden>, <mailto:alerts@kamerwacht\.test\?subject=/);
  t.same(header(raw, 'List-Unsubscribe-Post'), ['List-Unsubscribe=One-Click']);
  t.same(header(raw, 'Auto-Submitted'), ['auto-generated']);
  const body = decodeQp(raw);
  t.match(body, /Datalek &lt;b&gt;bij&lt;\/b&gt; een lab/, 'title escaped in the HTML part');
  t.match(body, /https:\/\/kamerwacht\.test\/vragen\/2025Z12345/);
  t.notMatch(body, /<img/i, 'no images, no tracking pixels');
  // A second run sends nothing more; re-inserting the same event (same dedupe key) neither.
  t.equal(await addEvent(db, { zaakId, kind: 'answered' }), null);
  const r2 = await run(at(2));
  t.equal(r2.sender.sent, 0);
  t.equal(smtp.received.length, 5);
});

t.test('events older than the cut-off and events from before the confirmation never mail', async (t) => {
  const { db, smtp, zaakId, run } = await setup(t);
  await addSubscribers(db, 3, { kind: 'question', value: zaakId, events: ['answered', 'overdue', 'asked'] });
  // A first full sync records a years-old answer today.
  await addEvent(db, { zaakId, kind: 'answered', occurredAt: new Date('2023-01-01T10:00:00Z'), recordedAt: at(0) });
  // Recorded before the subscribers confirmed.
  await addEvent(db, { zaakId, kind: 'asked', occurredAt: at(-3 * 1440), recordedAt: at(-3 * 1440) });
  const r = await run(at(1));
  t.equal(r.fanOut.events, 2);
  t.equal(r.fanOut.stale, 1);
  t.equal(r.fanOut.deliveries, 0);
  t.equal(smtp.received.length, 0);
});

t.test('SMTP down for a while, then up: every alert delivered exactly once', async (t) => {
  const { db, smtp, zaakId, run } = await setup(t);
  await addSubscribers(db, 20, { kind: 'question', value: zaakId });
  await addEvent(db, { zaakId, kind: 'answered' });
  await addEvent(db, { zaakId, kind: 'overdue', dedupeKey: `${zaakId}:overdue`, details: { dueOn: '2025-11-24' } });
  await smtp.stop();
  const down1 = await run(at(1));
  t.ok(down1.sender.stoppedEarly, 'a connection failure ends the run');
  t.equal(down1.sender.retried, 1, 'one attempt, no retry storm');
  const down2 = await run(at(3));
  t.equal(down2.sender.sent, 0);
  await smtp.start();
  // Back-off: nothing is due until the next attempt time; then everything drains.
  let now = 3;
  for (let i = 0; i < 10 && smtp.received.length < 40; i++) {
    now += 60;
    await run(at(now));
  }
  t.equal(smtp.received.length, 40);
  t.ok([...perRecipient(smtp).values()].every((n) => n === 2), 'each subscriber got both alerts once');
  t.same(await states(db), { sent: 40 });
});

t.test('a 4xx then success; a 5xx fails without retry and three of them pause the subscription', async (t) => {
  const { db, smtp, zaakId, run } = await setup(t);
  const [busy] = await addSubscribers(db, 1, { kind: 'question', value: zaakId, events: ['answered', 'overdue', 'delay_notice', 'due_soon'], prefix: 'vol' });
  const [gone] = await addSubscribers(db, 1, { kind: 'question', value: zaakId, events: ['answered', 'overdue', 'delay_notice', 'due_soon'], prefix: 'weg' });
  smtp.modeFor.set('vol0@example.nl', 'temp');
  smtp.modeFor.set('weg0@example.nl', 'perm');
  await addEvent(db, { zaakId, kind: 'delay_notice' });
  const r1 = await run(at(1));
  t.equal(r1.sender.retried, 1);
  t.equal(r1.sender.failed, 1);
  smtp.modeFor.delete('vol0@example.nl');
  const r2 = await run(at(1.5));
  t.equal(r2.sender.sent, 0, 'not before the back-off (1 minute after the first attempt)');
  const r3 = await run(at(5));
  t.equal(r3.sender.sent, 1, '4xx delivered later');
  t.equal(r3.sender.failed, 0, '5xx not retried');
  await addEvent(db, { zaakId, kind: 'due_soon' });
  await run(at(10));
  await addEvent(db, { zaakId, kind: 'overdue' });
  const r5 = await run(at(20));
  t.equal(r5.sender.paused, 1, 'third permanent failure pauses');
  await addEvent(db, { zaakId, kind: 'answered' });
  await run(at(30));
  const subs = await db.select().from(alertSubscriptions);
  const g = subs.find((s) => s.id === gone)!;
  t.equal(g.state, 'paused');
  t.match(g.pauseReason ?? '', /weigerde 3 berichten/);
  t.equal(subs.find((s) => s.id === busy)!.state, 'active');
  t.equal(perRecipient(smtp).get('vol0@example.nl'), 4);
  t.notOk(perRecipient(smtp).get('weg0@example.nl'));
  const rows = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from alert_deliveries where subscription_id = ${gone}`));
  t.equal(Number(rows[0]!.n), 3, 'no deliveries made after the pause');
});

t.test('two senders at once: each delivery once', async (t) => {
  const { db, smtp, zaakId, config } = await setup(t);
  await addSubscribers(db, 300, { kind: 'question', value: zaakId });
  await addEvent(db, { zaakId, kind: 'answered' });
  const transports = [testTransport(smtp.url, 2), testTransport(smtp.url, 2)];
  t.teardown(() => transports.forEach((tr) => tr.close()));
  await Promise.all(transports.map((transport) => runAlerts({ db, config, transport }, { now: at(1), concurrency: 2, batchSize: 20 })));
  t.equal(smtp.received.length, 300);
  t.ok([...perRecipient(smtp).values()].every((n) => n === 1));
  t.same(await states(db), { sent: 300 });
});

t.test('digest: one mail per subscriber per day with all events, after 07:00', async (t) => {
  const { db, smtp, zaakId, run } = await setup(t);
  await addSubscribers(db, 2, { kind: 'question', value: zaakId, frequency: 'digest', events: ['asked', 'delay_notice', 'answered'] });
  await addEvent(db, { zaakId, kind: 'asked', occurredAt: at(-120) });
  await addEvent(db, { zaakId, kind: 'delay_notice', occurredAt: at(-60) });
  // 10:00 local: today's digest goes out.
  const r1 = await run(at(1));
  t.equal(r1.sender.digests, 2);
  t.equal(smtp.received.length, 2);
  t.match(decodeQp(smtp.received[0]!.raw), /Uitstelbericht ontvangen[\s\S]*Nieuwe schriftelijke vragen|Nieuwe schriftelijke vragen[\s\S]*Uitstelbericht/);
  // Later the same day: collected, not sent until tomorrow after 07:00.
  await addEvent(db, { zaakId, kind: 'answered', occurredAt: at(60) });
  await run(at(120));
  t.equal(smtp.received.length, 2);
  await run(new Date('2025-11-25T06:30:00+01:00'));
  t.equal(smtp.received.length, 2, 'not before 07:00');
  const r3 = await run(new Date('2025-11-25T07:01:00+01:00'));
  t.equal(r3.sender.digests, 2);
  t.equal(smtp.received.length, 4);
  t.same(T0.toISOString(), '2025-11-24T09:00:00.000Z');
});
