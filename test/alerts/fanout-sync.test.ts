// Events to deliveries in the transaction that records them (issue #6): the sync's derivation and
// the deadlines job record events, derive what subscriptions filter on (askers' party, topic
// matches) and make the deliveries in one commit, without the alerts job. A brand-new question set
// reaches party and topic subscribers; a crash between the page commits and the derivation loses
// nothing; a re-emission records and delivers nothing; events past the cut-off never mail.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { syncJob } from '../../jobs/sync.ts';
import { fixedClock } from '../../server/clock.ts';
import { fanOutEvents } from '../../server/alerts/fanout.ts';
import type { Db } from '../../server/db/client.ts';
import { topics } from '../../server/db/schema/index.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { derivePendingZaken } from '../../server/derivation/pending-sets.ts';
import { insertFractie, insertPersoon, insertSeat } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startFakeFeed } from '../sync/helpers/feed-server.ts';
import { count, memoryLog, syncOnce } from '../sync/helpers/run.ts';
import { document, guid, zaak, zaakActor } from '../sync/helpers/sample.ts';
import { addSubscribers, alertConfig, T0 } from './fixtures.ts';

const QUESTIONS = 'Schriftelijke vragen';
const ANSWER = 'Antwoord schriftelijke vragen';
const DAY = 86_400_000;

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A member of the SP (seated since 2023) and a topic on data leaks, known before the sync. */
async function setup(db: Db): Promise<{ topicId: number }> {
  await insertPersoon(db, { id: guid(11), achternaam: 'Jansen' });
  await insertFractie(db, { id: guid(1), afkorting: 'SP', actief: '2023-12-06' });
  await insertSeat(db, { fractieId: guid(1), persoonId: guid(11), van: '2023-12-06' });
  const [topic] = await db
    .insert(topics)
    .values({ slug: 'datalekken', name: 'Datalekken', terms: ['datalek'], excluded: [], createdAt: T0, updatedAt: T0 })
    .returning({ id: topics.id });
  return { topicId: topic!.id };
}

/** Deliveries per filter kind and event kind, e.g. "party:asked". */
async function deliveries(db: Db): Promise<string[]> {
  const r = await db.execute(sql`select s.filter_kind || ':' || e.kind as k from alert_deliveries d
    join alert_subscriptions s on s.id = d.subscription_id join question_events e on e.id = d.event_id order by 1`);
  return rows<{ k: string }>(r).map((x) => x.k);
}

/** Events without their fan-out marker: the alerts job's catch-up would have to make their deliveries. */
async function unfanned(db: Db): Promise<number> {
  return Number(
    rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from question_events e where not exists (select 1 from alert_fanout f where f.event_id = e.id)`))[0]!.n,
  );
}

/** A written-questions zaak asked three days before T0, by the SP member, about a data leak. */
function pushNewSet(feed: Awaited<ReturnType<typeof startFakeFeed>>, n: number) {
  feed.push('Zaak', zaak(n, { onderwerp: `Vragen over een datalek bij ziekenhuis ${n}`, gestartOp: '2025-11-21T00:00:00+01:00' }, '2025-11-21T09:00:00Z'));
  feed.push('ZaakActor', zaakActor(n + 1, guid(n), 'Indiener', guid(11), guid(1), '2025-11-21T09:00:00Z'));
  feed.push('Document', document(n + 2, [guid(n)], QUESTIONS, '2025-11-21T00:00:00+01:00', {}, '2025-11-21T09:00:00Z'));
}

t.test('a brand-new set from a sync: its events and deliveries commit together, matched on party and topic', async (t) => {
  const { db } = await testDatabase(t);
  const { topicId } = await setup(db);
  await addSubscribers(db, 2, { kind: 'party', value: 'SP', events: ['asked', 'answered'], prefix: 'partij' });
  await addSubscribers(db, 1, { kind: 'topic', value: String(topicId), events: ['asked', 'answered'], prefix: 'onderwerp' });
  await addSubscribers(db, 1, { kind: 'party', value: 'VVD', events: ['asked'], prefix: 'anders' });
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  pushNewSet(feed, 500);

  const run = await syncOnce(db, feed.url, { now: T0 });
  t.error(run.error);
  t.same(await deliveries(db), ['party:asked', 'party:asked', 'topic:asked'], 'the party and topic subscribers, not the VVD one, without the alerts job');
  t.equal(await unfanned(db), 0, 'every event recorded has its fan-out marker');
  t.equal(await count(db, 'sync_pending_zaken'), 0);
  t.same(await db.transaction((tx) => fanOutEvents(tx, T0)), { events: 0, deliveries: 0, stale: 0 }, 'the catch-up finds nothing');

  // The answer arrives in a later sync: delivered in that sync's derivation.
  const later = new Date(T0.getTime() + 2 * DAY);
  feed.push('Document', document(503, [guid(500)], ANSWER, '2025-11-25T00:00:00+01:00', {}, '2025-11-25T09:00:00Z'));
  t.error((await syncOnce(db, feed.url, { now: later })).error);
  t.same(await deliveries(db), ['party:answered', 'party:answered', 'party:asked', 'party:asked', 'topic:answered', 'topic:asked']);
  t.equal(await unfanned(db), 0);

  // A mass re-emission of everything: no pending marks, no events, no deliveries.
  const before = { events: await count(db, 'question_events'), fanout: await count(db, 'alert_fanout'), deliveries: await count(db, 'alert_deliveries') };
  for (const [category, log] of [...feed.logs]) feed.push(category, ...log.map((e) => ({ ...e })));
  const reemitted = await syncOnce(db, feed.url, { now: new Date(T0.getTime() + 3 * DAY), derive: false });
  t.error(reemitted.error);
  t.equal(await count(db, 'sync_pending_zaken'), 0, 'unchanged entries mark nothing pending');
  const derived = await derivePendingZaken(db, new Date(T0.getTime() + 3 * DAY));
  t.same(derived, { zaken: 0, evaluated: 0, eventsRecorded: 0, deliveries: 0 });
  t.same(
    { events: await count(db, 'question_events'), fanout: await count(db, 'alert_fanout'), deliveries: await count(db, 'alert_deliveries') },
    before,
    'nothing recorded, nothing delivered',
  );
});

t.test('a crash after the pages committed, before the derivation: the next run still records and delivers', async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  await setup(db);
  await addSubscribers(db, 1, { kind: 'party', value: 'SP', events: ['asked'] });
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());
  pushNewSet(feed, 600);

  // The process dies right after the last page: the derivation never ran.
  t.error((await syncOnce(db, feed.url, { now: T0, derive: false })).error);
  t.equal(await count(db, 'question_events'), 0, 'no events at page time');
  t.same(rows<{ zaak_id: string }>(await db.execute(sql`select zaak_id from sync_pending_zaken`)).map((r) => r.zaak_id), [guid(600)], 'the set is pending, durably');

  // The next run of the sync job finds nothing new in the feed but derives what was left pending.
  const next = new Date(T0.getTime() + 60 * 60_000);
  const log = memoryLog();
  await syncJob.run({ config: alertConfig(undefined, { TK_FEED_URL: feed.url }), database, log: log as never }, { clock: fixedClock(next), interactive: false });
  t.match(log.lines.find((l) => l.msg === 'question sets evaluated after sync')?.obj, { derived: 1, deliveries: 1 });
  t.same(await deliveries(db), ['party:asked']);
  t.equal(await unfanned(db), 0);
  t.equal(await count(db, 'sync_pending_zaken'), 0);
});

t.test('event, derivation and deliveries roll back together', async (t) => {
  const { db } = await testDatabase(t);
  await setup(db);
  await addSubscribers(db, 1, { kind: 'party', value: 'SP', events: ['asked', 'overdue'] });
  const feed = await startFakeFeed({ pageSize: 5 });
  t.teardown(() => feed.close());
  pushNewSet(feed, 700);
  t.error((await syncOnce(db, feed.url, { now: T0, derive: false })).error);

  // The fan-out fails (a stand-in for any failure late in the transaction).
  await db.execute(sql.raw(`create function fail_fanout() returns trigger language plpgsql as $$ begin raise exception 'fan-out failed'; end $$`));
  await db.execute(sql.raw(`create trigger fail_fanout before insert on alert_fanout for each row execute function fail_fanout()`));
  await t.rejects(derivePendingZaken(db, T0));
  t.equal(await count(db, 'question_events'), 0, 'no event without its deliveries');
  t.equal(await count(db, 'question_status'), 0, 'no derived data either');
  t.equal(await count(db, 'question_askers'), 0);
  t.equal(await count(db, 'sync_pending_zaken'), 1, 'still pending');

  await db.execute(sql.raw(`drop trigger fail_fanout on alert_fanout`));
  await derivePendingZaken(db, T0);
  t.same(await deliveries(db), ['party:asked']);

  // The deadlines job: the set goes overdue on 13 December (21 days after 21 November, + 1).
  const overdueAt = new Date('2025-12-13T10:00:00+01:00');
  await db.execute(sql.raw(`create trigger fail_fanout before insert on alert_fanout for each row execute function fail_fanout()`));
  await t.rejects(runDeadlines(db, overdueAt));
  t.equal(Number(rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from question_events where kind = 'overdue'`))[0]!.n), 0, 'rolled back');
  await db.execute(sql.raw(`drop trigger fail_fanout on alert_fanout`));
  const result = await runDeadlines(db, overdueAt);
  t.equal(result.deliveries, 1);
  t.same(await deliveries(db), ['party:asked', 'party:overdue'], 'the overdue alert, made by the deadlines job itself');
  t.equal(await unfanned(db), 0);
});

t.test('events older than the cut-off when recorded make no deliveries (first sync, backfill)', async (t) => {
  const { db } = await testDatabase(t);
  const { topicId } = await setup(db);
  await addSubscribers(db, 1, { kind: 'topic', value: String(topicId), events: ['asked', 'delay_notice', 'due_soon', 'overdue', 'answered'] });
  const feed = await startFakeFeed({ pageSize: 5 });
  t.teardown(() => feed.close());
  // Asked in September and answered in October: the first sync in November learns all of it late.
  feed.push('Zaak', zaak(800, { onderwerp: 'Vragen over een datalek', gestartOp: '2025-09-01T00:00:00+02:00' }));
  feed.push('ZaakActor', zaakActor(801, guid(800), 'Indiener', guid(11), guid(1)));
  feed.push('Document', document(802, [guid(800)], QUESTIONS, '2025-09-01T00:00:00+02:00'), document(803, [guid(800)], ANSWER, '2025-10-10T00:00:00+02:00'));
  // Asked five days ago: fresh.
  feed.push('Zaak', zaak(810, { onderwerp: 'Nog een datalek', gestartOp: '2025-11-19T00:00:00+01:00' }));
  feed.push('Document', document(812, [guid(810)], QUESTIONS, '2025-11-19T00:00:00+01:00'));

  t.error((await syncOnce(db, feed.url, { now: T0, run: { categories: ['Zaak', 'ZaakActor', 'Document'] } })).error);
  const kinds = rows<{ kind: string; nummer: string }>(
    await db.execute(sql`select e.kind, z.nummer from question_events e join zaken z on z.id = e.zaak_id order by z.nummer, e.occurred_at, e.kind`),
  ).map((r) => `${r.nummer}:${r.kind}`);
  t.ok(kinds.includes('2025Z00800:asked') && kinds.includes('2025Z00800:answered_late'), `old events recorded: ${kinds.join(', ')}`);
  t.same(await deliveries(db), ['topic:asked'], 'only the fresh set is mailed');
  const stale = rows<{ n: number }>(await db.execute(sql`select sum(skipped_as_stale)::int as n from alert_fanout`))[0]!.n;
  t.equal(Number(stale), kinds.length - 1, 'every other event is marked as past the cut-off');
  t.equal(await unfanned(db), 0);
});

t.test('a sync that fails after its Zaak pages, before its ZaakActor pages: no "asked" alert until the askers are known', async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  const { topicId } = await setup(db);
  await addSubscribers(db, 1, { kind: 'party', value: 'SP', events: ['asked'], prefix: 'partij' });
  await addSubscribers(db, 1, { kind: 'topic', value: String(topicId), events: ['asked'], prefix: 'onderwerp' });
  const feed = await startFakeFeed({ pageSize: 5 });
  t.teardown(() => feed.close());
  pushNewSet(feed, 900);
  // An API change breaks the ZaakActor category (a 4xx: one attempt, then the run fails).
  feed.fault = (r) => (r.category === 'ZaakActor' ? { status: 400 } : undefined);
  const run = (at: Date) =>
    syncJob.run({ config: alertConfig(undefined, { TK_FEED_URL: feed.url }), database, log: memoryLog() as never }, { clock: fixedClock(at), interactive: false });

  await t.rejects(run(T0), /ZaakActor/);
  t.equal(await count(db, 'zaken'), 1, 'the Zaak page committed');
  t.equal(await count(db, 'zaak_actors'), 0, 'its askers did not');
  t.equal(await count(db, 'question_events'), 0, 'no event recorded for a set whose askers are unknown');
  t.same(await deliveries(db), []);
  t.equal(await count(db, 'sync_pending_zaken'), 1, 'the set stays pending for the next run');

  // The category recovers: the next run brings the askers, and the one "asked" alert reaches both.
  feed.fault = undefined;
  await run(new Date(T0.getTime() + 10 * 60_000));
  const askers = rows<{ party: string }>(await db.execute(sql`select party from question_askers`)).map((r) => r.party);
  t.same(askers, ['SP']);
  t.same(await deliveries(db), ['party:asked', 'topic:asked'], 'the party subscriber is not skipped');
  t.equal(await unfanned(db), 0);
  t.equal(await count(db, 'sync_pending_zaken'), 0);
});
