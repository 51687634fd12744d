// SIGTERM to `npm run job -- sync` mid-run: the page being applied commits, the process exits 0,
// and the next run resumes from there to the same database as one uninterrupted run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import t from 'tap';
import { createDb, type Database } from '../../server/db/client.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { syncTotals } from '../../server/sync/run-sync.ts';
import { childEnv } from '../helpers/child-env.ts';
import { testDatabase, withDatabase } from '../helpers/databases.ts';
import { type FakeFeed, startFakeFeed, tokenAt } from './helpers/feed-server.ts';
import { count, snapshot, syncOnce } from './helpers/run.ts';
import { fractie, persoon } from './helpers/sample.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = '2025-11-24T10:00:00+01:00';

interface Child {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout and stderr so far (pino logs JSON lines on stdout). */
  output(): string;
  /** Resolves once the output contains `text`. */
  waitFor(text: string): Promise<void>;
}

function spawnSync(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/cli.ts', 'sync', '--now', NOW], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of waiters) if (out.includes(w.text)) w.resolve();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    output: () => out,
    waitFor: (text) => (out.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
  };
}

async function setup(t: { teardown(fn: () => unknown): void }, feed: FakeFeed) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kamerwacht-sigterm-'));
  t.teardown(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = childEnv({ TK_FEED_URL: feed.url, DATA_DIR: tmp, LOG_LEVEL: 'info', JOBS: 'off' });
  let open: () => Promise<Database>;
  let admin: postgres.Sql | undefined;
  if (process.env.DATABASE_URL) {
    const name = `kamerwacht_test_sigterm_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    t.teardown(async () => {
      await admin!.unsafe(`drop database if exists "${name}" with (force)`);
      await admin!.end();
    });
    env.DATABASE_URL = withDatabase(process.env.DATABASE_URL, name);
    open = () => createDb({ databaseUrl: env.DATABASE_URL, dataDir: tmp });
  } else {
    delete env.DATABASE_URL;
    open = () => createDb({ dataDir: tmp });
  }
  return { env, open };
}

function fill(feed: FakeFeed) {
  for (let i = 0; i < 9; i++) feed.push('Fractie', fractie(1 + i, `F${i}`));
  for (let i = 0; i < 9; i++) feed.push('Persoon', persoon(100 + i, `Lid${i}`));
}

t.test('SIGTERM mid-sync: the page in flight commits, exit 0, the next run completes the job', async (t) => {
  const feed = await startFakeFeed({ pageSize: 3 });
  t.teardown(() => feed.close());
  fill(feed);
  const golden = await testDatabase(t);
  t.error((await syncOnce(golden.db, feed.url, { now: new Date(NOW) })).error);
  await runDeadlines(golden.db, new Date(NOW));
  const expected = await snapshot(golden.db);

  const { env, open } = await setup(t, feed);
  feed.requests.length = 0;
  const run = spawnSync(env);
  // Stopped (once: a second SIGTERM ends it at once) when it asks for the second Persoon page.
  let sent = false;
  feed.fault = (r) => {
    if (!sent && r.category === 'Persoon' && r.skiptoken !== null) sent = run.child.kill('SIGTERM');
    return undefined;
  };
  const { code } = await run.exited;
  t.equal(code, 0, 'exits 0 after SIGTERM', { output: run.output().slice(-1500) });
  t.match(run.output(), /sync stopped on request/);
  t.notOk(feed.requests.some((r) => !['Fractie', 'Persoon'].includes(r.category)), 'no category started after the stop');

  const database = await open();
  const persoonState = (await syncTotals(database.db)).find((s) => s.category === 'Persoon');
  const rows = await count(database.db, 'personen');
  // The second page is requested by the read-ahead, which may run before the first page was
  // handed to applyPage: then the stop drops the first page too (it was read, not being applied).
  // Either way only whole pages commit, each with its skiptoken.
  t.ok(rows % 3 === 0 || rows === 9, 'whole pages only');
  // At the head the stored position is the last `next` given, the one before the newest entry.
  t.equal(persoonState?.skiptoken ?? null, rows === 0 ? null : tokenAt(rows === 9 ? 8 : rows), 'the skiptoken of the last committed page');
  await database.close();

  feed.fault = undefined;
  const again = spawnSync(env);
  t.equal((await again.exited).code, 0, 'the next run succeeds', { output: again.output().slice(-1500) });
  const after = await open();
  t.teardown(() => after.close());
  t.same(await snapshot(after.db), expected, 'then a normal run gives the uninterrupted database');
});

t.test('SIGTERM while a page waits on the database: that page still commits', { skip: process.env.DATABASE_URL ? false : 'needs PostgreSQL to hold a lock from outside the child' }, async (t) => {
  const feed = await startFakeFeed({ pageSize: 3 });
  t.teardown(() => feed.close());
  fill(feed);
  const { env, open } = await setup(t, feed);
  const database = await open();
  t.teardown(() => database.close());
  await database.migrate();

  // Hold personen locked so the child's first Persoon page blocks inside its transaction.
  // Two connections: one holds the lock in its transaction, the other watches the child.
  const locker = postgres(env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  t.teardown(() => locker.end());
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = locker.begin(async (sql) => {
    await sql`lock table personen in access exclusive mode`;
    locked();
    await released;
  });
  await isLocked;

  const run = spawnSync(env);
  // Wait until the child's Persoon upsert is waiting for the lock (a condition, not a delay):
  // that statement itself, not any wait in the database.
  for (;;) {
    const [row] = await locker`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query ilike '%insert into "personen"%' and pid <> pg_backend_pid()`;
    if (row!.n > 0) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  run.child.kill('SIGTERM');
  await run.waitFor('finishing the work in flight');
  release();
  await holding;

  const { code } = await run.exited;
  t.equal(code, 0, 'exits 0 after SIGTERM', { output: run.output().slice(-1500) });
  t.equal(await count(database.db, 'personen'), 3, 'the page that was waiting committed, and no page after it');
  t.equal((await syncTotals(database.db)).find((s) => s.category === 'Persoon')?.skiptoken, tokenAt(3));
  t.equal(await count(database.db, 'fracties'), 9, 'the categories before it are complete');
});
