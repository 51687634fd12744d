// The derivation's output, pinned: the sync job (feed, derivation, deadlines evaluation) runs on
// two fixtures, and every table the derivation writes is compared with a stored snapshot taken
// before the derivation was rewritten set-based (issue #15), so a faster derivation is proven to
// record exactly the same events, statuses, askers and addressees, topic matches, fan-out markers
// and deliveries.
//   - the demo feed (test/fixtures/demo-feed) through its later moments, with a subscriber for
//     every party, member, ministry, topic and question set: first import, then news that mails;
//   - a synthetic bulk feed (test/bench/synthetic-feed.ts) of 3,000 entries, with subscribers
//     confirmed before the first import.
// Serial ids are replaced by natural keys (an event by its dedupe key, a subscription by its
// address). KAMERWACHT_UPDATE_GOLDEN=1 rewrites the snapshots (only when a change in behaviour is
// intended, and say so in the commit).
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import t, { type Test } from 'tap';
import { demoManifest, serveDemoFeed } from '../../jobs/demo.ts';
import { runLocked } from '../../jobs/job.ts';
import { syncJob } from '../../jobs/sync.ts';
import { deadlinesJob } from '../../jobs/deadlines.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { derivePendingZaken } from '../../server/derivation/pending-sets.ts';
import { type Clock, settableClock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { type Database, resultRows } from '../../server/db/client.ts';
import type { AlertEventChoice, AlertFilterKind } from '../../server/db/schema/index.ts';
import { MINISTRIES } from '../../server/questions/ministries.ts';
import { runSeeds } from '../../seeds/index.ts';
import { addSubscribers } from '../alerts/fixtures.ts';
import { serveSyntheticFeed } from '../bench/synthetic-feed.ts';
import { testDatabase } from '../helpers/databases.ts';

const GOLDEN_DIR = new URL('../fixtures/derivation-golden/', import.meta.url);
const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent } as never;
const QUESTION_EVENTS: AlertEventChoice[] = ['asked', 'delay_notice', 'due_soon', 'overdue', 'answered_late'];
const ANSWERED_EVENTS: AlertEventChoice[] = ['answered', 'overdue'];

/** Every table the derivation writes, with serial ids replaced by natural keys, as JSON text. */
const TABLES: Record<string, string> = {
  question_events: `select dedupe_key, zaak_id, kind, occurred_at, recorded_at, document_id, source, details
    from question_events order by dedupe_key`,
  // The filter copies are kept by triggers from the tables they copy: checked against them below.
  question_status: `select (to_jsonb(q) - 'topic_ids' - 'parties' - 'asker_ids' - 'ministries') as q from question_status q order by zaak_id`,
  question_askers: `select * from question_askers order by zaak_id, actor_id`,
  question_addressees: `select * from question_addressees order by zaak_id, actor_id`,
  addressee_functions: `select * from addressee_functions order by functie`,
  topic_matches: `select t.slug, m.zaak_id, m.matched_terms, m.topic_version, m.matched_at
    from topic_matches m join topics t on t.id = m.topic_id order by t.slug, m.zaak_id`,
  zaak_topic_checks: `select t.slug, c.zaak_id, c.topic_version, c.zaak_bijgewerkt, c.checked_at
    from zaak_topic_checks c join topics t on t.id = c.topic_id order by t.slug, c.zaak_id`,
  alert_fanout: `select e.dedupe_key, f.fanned_out_at, f.deliveries, f.skipped_as_stale
    from alert_fanout f join question_events e on e.id = f.event_id order by e.dedupe_key`,
  alert_deliveries: `select s.email, e.dedupe_key, d.state, d.attempts, d.next_attempt_at, d.digest_on, d.created_at
    from alert_deliveries d join alert_subscriptions s on s.id = d.subscription_id join question_events e on e.id = d.event_id
    order by s.email, e.dedupe_key`,
  sync_pending_zaken: `select * from sync_pending_zaken order by zaak_id`,
};

async function snapshot(database: Database): Promise<Record<string, unknown[]>> {
  return database.db.transaction(async (tx) => {
    // Instants as UTC text whichever driver or server time zone.
    await tx.execute(sql`set local time zone 'UTC'`);
    const out: Record<string, unknown[]> = {};
    for (const [table, query] of Object.entries(TABLES)) {
      const [row] = resultRows<{ rows: string | null }>(await tx.execute(sql.raw(`select coalesce(json_agg(x), '[]')::text as rows from (${query}) x`)));
      out[table] = (JSON.parse(row?.rows ?? '[]') as Record<string, unknown>[]).map((r) => (table === 'question_status' ? r.q : r));
    }
    return out;
  });
}

async function compareWithGolden(t: Test, name: string, database: Database): Promise<void> {
  const got = await snapshot(database);
  const file = new URL(`${name}.json`, GOLDEN_DIR);
  if (process.env.KAMERWACHT_UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    // One row a line, so a diff shows the rows that changed.
    const tables = Object.entries(got).map(([table, rows]) => `${JSON.stringify(table)}: [\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]`);
    fs.writeFileSync(file, `{\n${tables.join(',\n')}\n}\n`);
  }
  const want = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown[]>;
  for (const table of Object.keys(TABLES)) {
    t.equal(got[table]?.length, want[table]?.length, `${name}: ${table} has the same number of rows`);
    t.same(got[table], want[table], `${name}: ${table} is the same`);
  }
  const [copies] = resultRows<{ differ: number }>(
    await database.db.execute(sql`select count(*)::int as differ from question_status q
      where (q.topic_ids, q.parties, q.asker_ids, q.ministries) is distinct from (
        coalesce((select array_agg(m.topic_id order by m.topic_id) from topic_matches m where m.zaak_id = q.zaak_id), '{}'),
        coalesce((select array_agg(distinct a.party order by a.party) from question_askers a where a.zaak_id = q.zaak_id and a.party is not null), '{}'),
        coalesce((select array_agg(distinct a.persoon_id order by a.persoon_id) from question_askers a where a.zaak_id = q.zaak_id and a.persoon_id is not null), '{}'),
        coalesce((select array_agg(distinct d.ministry order by d.ministry) from question_addressees d where d.zaak_id = q.zaak_id and d.ministry is not null), '{}'))`),
  );
  t.equal(copies?.differ, 0, `${name}: every status row carries its topics, parties, askers and ministries`);
  t.ok((want.question_events?.length ?? 0) > 0 && (want.alert_deliveries?.length ?? 0) > 0, `${name}: the snapshot holds events and deliveries`);
}

/** Subscribers to every value of every filter kind the raw tables (not derived ones) know. */
async function subscribeToEverything(database: Database, confirmedAt: Date): Promise<void> {
  const db = database.db;
  const values = async (query: string) => resultRows<{ v: string }>(await db.execute(sql.raw(query))).map((r) => r.v);
  const kinds: [AlertFilterKind, string[]][] = [
    ['party', await values(`select distinct afkorting as v from fracties where afkorting is not null order by 1`)],
    ['member', await values(`select id::text as v from personen order by 1`)],
    ['ministry', [...new Set(MINISTRIES.map((m) => m.code))].sort()],
    ['topic', await values(`select id::text as v from topics order by slug`)],
    ['question', await values(`select id::text as v from zaken where soort = 'Schriftelijke vragen' order by 1`)],
  ];
  for (const [kind, list] of kinds) {
    for (const [i, value] of list.entries()) {
      // Two per value: one for every event but answers, one for answers and overdue (so that
      // answered_late only counts for the first).
      await addSubscribers(db, 1, { kind, value, events: QUESTION_EVENTS, confirmedAt, prefix: `${kind}-${i}-a-` });
      await addSubscribers(db, 1, { kind, value, events: ANSWERED_EVENTS, confirmedAt, prefix: `${kind}-${i}-b-` });
    }
  }
}

async function syncAt(database: Database, feedUrl: string, clock: Clock): Promise<void> {
  const config = loadConfig({ DATA_DIR: 'memory://', TK_FEED_URL: feedUrl, PUBLIC_URL: 'https://kamerwacht.test' });
  await runLocked(syncJob, { config, database, log: silent }, { clock, interactive: false });
}

t.test('the demo feed through its moments: the derived tables equal the snapshot', async (t) => {
  const manifest = demoManifest();
  const clock = settableClock(new Date(manifest.now));
  const feed = await serveDemoFeed(undefined, clock);
  t.teardown(() => feed.close());
  const database = await testDatabase(t);
  await runSeeds(database.db, clock);
  await syncAt(database, feed.url, clock);
  await subscribeToEverything(database, clock.now());
  for (const moment of manifest.moments) {
    // The hourly run the day before the moment, then the sync at the moment.
    clock.set(new Date(new Date(moment.at).getTime() - 86_400_000));
    await runLocked(deadlinesJob, { config: loadConfig({ DATA_DIR: 'memory://' }), database, log: silent }, { clock, interactive: false });
    clock.set(new Date(moment.at));
    await syncAt(database, feed.url, clock);
  }
  await compareWithGolden(t, 'demo', database);
});

/**
 * The synthetic feed's first import with subscribers; `rederive` derives the pending sets again
 * after subscribing, as the second sync at the head of the feed does.
 */
async function syntheticImport(t: Test, rederive: (database: Database, clock: Clock, feedUrl: string) => Promise<void>): Promise<void> {
  const feed = await serveSyntheticFeed(3_000);
  t.teardown(() => feed.close());
  const database = await testDatabase(t);
  // Late in the feed's year, so the last weeks' documents make events recent enough to mail.
  const clock = settableClock(new Date('2025-12-30T10:00:00+01:00'));
  await runSeeds(database.db, clock);
  // The synthetic parties and members are known in advance (F0…F14; the feed's own GUIDs).
  await syncAt(database, feed.url, clock);
  await subscribeToEverything(database, new Date('2025-01-01T00:00:00Z'));
  // Subscribers confirmed before anything was recorded: clear what the first run derived and
  // derive again from the same rows, as a first import with subscribers would.
  await database.db.execute(sql`delete from alert_deliveries`);
  await database.db.execute(sql`truncate question_events, alert_fanout, question_status, question_askers, question_addressees, topic_matches, zaak_topic_checks`);
  await database.db.execute(sql`insert into sync_pending_zaken (zaak_id, since) select id, ${clock.now().toISOString()}::timestamptz from zaken`);
  await rederive(database, clock, feed.url);
  clock.set(new Date('2026-01-02T10:00:00+01:00'));
  await runLocked(deadlinesJob, { config: loadConfig({ DATA_DIR: 'memory://' }), database, log: silent }, { clock, interactive: false });
  await compareWithGolden(t, 'synthetic', database);
}

t.test('a synthetic bulk feed, first import with subscribers: the derived tables equal the snapshot', (t) =>
  syntheticImport(t, (database, clock, feedUrl) => syncAt(database, feedUrl, clock)),
);

t.test('the same import derived in small chunks, three at a time: the same tables', (t) =>
  syntheticImport(t, async (database, clock) => {
    const { ALERT_CUTOFF_DAYS: cutoffDays } = loadConfig({ DATA_DIR: 'memory://' });
    const derived = await derivePendingZaken(database.db, clock.now(), { chunk: 40, lanes: 3, cutoffDays });
    t.ok(derived.zaken > 3 * 40, `${derived.zaken} sets in more chunks than lanes`);
    await runDeadlines(database.db, clock.now(), undefined, { cutoffDays });
  }),
);
