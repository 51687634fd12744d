// Per-subscriber daily cap (server/README.md, "Sending limits"): at most 10 immediate alert mails
// per address per Europe/Amsterdam day; the rest is held for the next morning's digest. Real
// SMTP, injected now.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { fanOutEvents } from '../../server/alerts/fanout.ts';
import { claimImmediate, DEFAULT_LEASE_MS } from '../../server/alerts/outbox.ts';
import { runAlerts } from '../../server/alerts/run.ts';
import { type Db, resultRows } from '../../server/db/client.ts';
import { insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';
import { addEvent, addSubscribers, alertConfig, at, testTransport } from './fixtures.ts';
import { decodeQp, header, startSmtp, type ReceivedMail } from './smtp.ts';

const KINDS = ['asked', 'delay_notice', 'due_soon', 'overdue'] as const;
const ALL_EVENTS = ['asked', 'delay_notice', 'due_soon', 'overdue', 'answered'] as const;

async function setup(t: { teardown(fn: () => unknown): void }) {
  const database = await testDatabase(t);
  const db = database.db;
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const a = await insertQuestionSet(db, { nummer: '2025Z10001', submitted: '2025-11-03' });
  const b = await insertQuestionSet(db, { nummer: '2025Z10002', submitted: '2025-11-03' });
  // One address with two subscriptions (the cap is per address), and another address.
  const [subA] = await addSubscribers(db, 1, { kind: 'question', value: a.zaakId, events: [...ALL_EVENTS], prefix: 'veel' });
  const [subB] = await addSubscribers(db, 1, { kind: 'question', value: b.zaakId, events: [...ALL_EVENTS], prefix: 'veel' });
  await addSubscribers(db, 1, { kind: 'question', value: a.zaakId, events: [...ALL_EVENTS], prefix: 'ander' });
  // 7 events on A and 5 on B: 12 for veel0@, 7 for ander0@.
  for (let i = 0; i < 12; i++) {
    const zaakId = i < 7 ? a.zaakId : b.zaakId;
    await addEvent(db, { zaakId, kind: KINDS[i % KINDS.length]!, occurredAt: at(-100 + i), dedupeKey: `cap-${i}` });
  }
  const config = alertConfig(smtp.url);
  const run = async (now: Date, concurrency = 1) => {
    const transport = testTransport(smtp.url, concurrency);
    try {
      return await runAlerts({ db, config, transport }, { now, concurrency, batchSize: 5 });
    } finally {
      transport.close();
    }
  };
  return { db, smtp, run, zaakA: a.zaakId, subA: subA!, subB: subB! };
}

const to = (smtp: { received: ReceivedMail[] }, address: string) => smtp.received.filter((m) => m.to.includes(address));
const isDigest = (m: ReceivedMail) => header(m.raw, 'Message-ID')[0]!.startsWith('<digest-');
const deliveryIdOf = (m: ReceivedMail) => Number(/^<alert-(\d+)@/.exec(header(m.raw, 'Message-ID')[0]!)?.[1]);

async function deliveries(db: Db) {
  return resultRows<{ id: number; state: string; digest_on: string | null; email: string }>(
    await db.execute(sql`select d.id, d.state, d.digest_on::text as digest_on, s.email
      from alert_deliveries d join alert_subscriptions s on s.id = d.subscription_id order by d.id`),
  ).map((r) => ({ ...r, id: Number(r.id) }));
}

t.test('12 events: 10 immediate mails, the rest in the next digest, nothing lost, nothing twice', async (t) => {
  const { db, smtp, run, zaakA } = await setup(t);

  const r1 = await run(at(1));
  t.equal(r1.sender.sent, 17, '10 for the capped address, 7 for the other');
  t.equal(to(smtp, 'veel0@example.nl').length, 10, 'capped at 10 immediate mails');
  t.equal(to(smtp, 'ander0@example.nl').length, 7, 'another address is not affected');
  let rows = await deliveries(db);
  const held = rows.filter((r) => r.digest_on !== null);
  t.equal(held.length, 2);
  t.ok(held.every((r) => r.email === 'veel0@example.nl' && r.state === 'pending' && r.digest_on === '2025-11-25'), 'held for tomorrow’s digest');

  // The rest of the day: nothing more, neither as alert nor as digest (the digest hour has passed).
  await run(at(2));
  await run(new Date('2025-11-24T22:30:00+01:00'));
  await run(new Date('2025-11-25T06:30:00+01:00'));
  t.equal(smtp.received.length, 17, 'nothing before the next digest');

  const r2 = await run(new Date('2025-11-25T07:01:00+01:00'));
  const digests = to(smtp, 'veel0@example.nl').filter(isDigest);
  t.equal(r2.sender.sent, 2);
  t.ok(digests.length >= 1 && digests.length <= 2, 'one digest per subscription with held items');
  const items = digests.reduce((n, m) => n + Number(/: (\d+) gebeurtenis/.exec(decodeQp(m.raw))?.[1] ?? 0), 0);
  t.equal(items, 2, 'the two held events are in the digest');

  rows = await deliveries(db);
  t.same(new Set(rows.map((r) => r.state)), new Set(['sent']), 'nothing lost: every delivery sent');
  const immediateIds = smtp.received.filter((m) => !isDigest(m)).map(deliveryIdOf);
  t.equal(new Set(immediateIds).size, immediateIds.length, 'no immediate alert twice');
  t.notOk(
    held.some((h) => immediateIds.includes(h.id)),
    'a held delivery was not also mailed immediately',
  );

  // A new day, a fresh cap: the digest items do not count against it.
  await addEvent(db, { zaakId: zaakA, kind: 'answered', occurredAt: new Date('2025-11-25T08:00:00+01:00'), recordedAt: new Date('2025-11-25T08:00:00+01:00') });
  await run(new Date('2025-11-25T08:01:00+01:00'));
  const last = to(smtp, 'veel0@example.nl').at(-1)!;
  t.notOk(isDigest(last), 'the next day’s first alert is mailed immediately');
  t.equal(to(smtp, 'veel0@example.nl').length, 10 + digests.length + 1);
});

t.test('two senders at once still mail at most 10 per address', async (t) => {
  const { db, smtp, run } = await setup(t);
  await Promise.all([run(at(1), 2), run(at(1), 2)]);
  t.equal(to(smtp, 'veel0@example.nl').length, 10);
  t.equal(to(smtp, 'ander0@example.nl').length, 7);
  const rows = await deliveries(db);
  t.equal(rows.filter((r) => r.state === 'sent').length, 17);
  t.equal(rows.filter((r) => r.state === 'pending' && r.digest_on === '2025-11-25').length, 2);
});

// The test above passes even without the claim lock (its claims rarely overlap). Without the
// lock, two claims that each count an address's mails before either commits both see room under
// the cap. This one forces exactly that interleaving. A trigger makes every claiming UPDATE wait on a lock the test holds (the barrier);
// the test lets go only once both claim transactions are waiting on a lock, as PostgreSQL's own
// isolation tester does. With the claim lock, the second claim waits for the first to commit and
// then counts its mails; without it, both pass the count and the address gets twice its cap.
t.test('two concurrent claims, forced to interleave, claim no more than the cap', { skip: !process.env.DATABASE_URL && 'needs two connections: PostgreSQL only (PGlite is one connection, claims cannot interleave)' }, async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  const set = await insertQuestionSet(db, { nummer: '2025Z10003', submitted: '2025-11-03' });
  await addSubscribers(db, 1, { kind: 'question', value: set.zaakId, events: [...ALL_EVENTS], prefix: 'veel' });
  for (const [i, kind] of KINDS.entries()) await addEvent(db, { zaakId: set.zaakId, kind, occurredAt: at(-100 + i) });
  await db.transaction((tx) => fanOutEvents(tx, at(0)));
  t.equal((await deliveries(db)).length, 4);

  const BARRIER = 'test:claim-barrier';
  await db.execute(sql.raw(`create function claim_barrier() returns trigger language plpgsql as $$
    begin
      if new.state = 'sending' and old.state <> 'sending' then perform pg_advisory_xact_lock_shared(hashtext('${BARRIER}')); end if;
      return new;
    end $$`));
  await db.execute(sql.raw(`create trigger claim_barrier before update on alert_deliveries for each row execute function claim_barrier()`));
  const releaseBarrier = await database.tryLock(BARRIER);
  t.ok(releaseBarrier, 'the test holds the barrier');

  // A cap of 2 and 2 rows per claim: each claim finds 2 of the 4 deliveries (SKIP LOCKED).
  const claims = [claimImmediate(db, at(1), 2, DEFAULT_LEASE_MS, 2), claimImmediate(db, at(1), 2, DEFAULT_LEASE_MS, 2)];
  for (;;) {
    const [row] = resultRows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`),
    );
    if (Number(row?.n) >= 2) break;
  }
  await releaseBarrier!();
  const claimed = (await Promise.all(claims)).flat();

  t.equal(claimed.length, 2, 'two claimed in all: the cap');
  const rows = await deliveries(db);
  t.equal(rows.filter((r) => r.state === 'sending').length, 2);
  t.equal(rows.filter((r) => r.state === 'pending' && r.digest_on === '2025-11-25').length, 2, 'the rest held for the digest');
});
