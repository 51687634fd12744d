// The sync process is killed with SIGKILL at random points 20 times, then runs normally; the
// database must equal that of one uninterrupted run. Kills are placed by feed request count (a
// seeded random number of page requests, plus a small random delay so some land while a page
// is being applied), which makes them independent of how fast the child starts on this machine.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { createDb, type Database } from '../../server/db/client.ts';
import { childEnv } from '../helpers/child-env.ts';
import { testDatabase, withDatabase } from '../helpers/databases.ts';
import { startFakeFeed } from './helpers/feed-server.ts';
import { snapshot, syncOnce } from './helpers/run.ts';
import { document, fractie, guid, persoon, zaak, zaakActor } from './helpers/sample.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = '2025-11-24T10:00:00+01:00';
// 20 kills against PostgreSQL. A PGlite child needs ~4 s to boot and sync on this 2-core machine,
// so without DATABASE_URL the default is 4 to keep the sync suite near 90 s (SYNC_KILLS=20 for all).
const KILLS = Number(process.env.SYNC_KILLS) || (process.env.DATABASE_URL ? 20 : 4);

/** mulberry32: a small seeded generator so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

t.test('SIGKILL at random points, then a normal run: same database as one uninterrupted run', async (t) => {
  const feed = await startFakeFeed({ pageSize: 3, delayMs: 2 });
  t.teardown(() => feed.close());
  for (let i = 0; i < 12; i++) feed.push('Fractie', fractie(1 + i, `F${i}`));
  for (let i = 0; i < 12; i++) feed.push('Persoon', persoon(100 + i, `Lid${i}`));
  for (let i = 0; i < 15; i++) feed.push('Zaak', zaak(1000 + i));
  for (let i = 0; i < 15; i++) feed.push('ZaakActor', zaakActor(2000 + i, guid(1000 + i), 'Indiener', guid(100 + (i % 12)), guid(1 + (i % 12))));
  for (let i = 0; i < 15; i++) {
    feed.push('Document', document(3000 + i, [guid(1000 + i)], i % 3 === 0 ? 'Mededeling (uitstel antwoord)' : 'Antwoord schriftelijke vragen', '2025-11-10T00:00:00+01:00'));
  }
  feed.push('Document', { id: guid(3001), bijgewerkt: '2025-10-20T10:00:00Z', verwijderd: true });

  // The golden database: one uninterrupted run in this process.
  const golden = await testDatabase(t);
  const run = await syncOnce(golden.db, feed.url, { now: new Date(NOW) });
  t.error(run.error);
  // The sync job evaluates the question sets after syncing; so does the golden run.
  await runDeadlines(golden.db, new Date(NOW));
  const expected = await snapshot(golden.db);
  const pagesPerRun = feed.requests.length;

  // The database the child processes write to.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kamerwacht-kill-'));
  t.teardown(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = childEnv({ TK_FEED_URL: feed.url, DATA_DIR: tmp, LOG_LEVEL: 'warn', JOBS: 'off' });
  let open: () => Promise<Database>;
  if (process.env.DATABASE_URL) {
    const name = `kamerwacht_test_kill_${process.pid}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    t.teardown(async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    });
    env.DATABASE_URL = withDatabase(process.env.DATABASE_URL, name);
    open = () => createDb({ databaseUrl: env.DATABASE_URL, dataDir: tmp });
  } else {
    delete env.DATABASE_URL;
    open = () => createDb({ dataDir: tmp });
  }

  const random = rng(20251124);
  const spawnSync = (): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', 'jobs/cli.ts', 'sync', '--now', NOW], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let killed = 0;
  for (let i = 0; i < KILLS; i++) {
    const start = feed.requests.length;
    // Aim inside the run: after 1 … N page requests, plus 0–15 ms. N is the number of categories
    // (the fewest requests any run makes, since each re-reads its head page), so nearly every run
    // is killed; as committed pages accumulate, the kill points move through the whole feed.
    const target = start + 1 + Math.floor(random() * Math.min(pagesPerRun, 12));
    const extraMs = Math.floor(random() * 15);
    const child = spawnSync();
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const done = exited(child);
    const timer = setInterval(() => {
      if (feed.requests.length >= target) {
        clearInterval(timer);
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    }, 1);
    const { signal, code } = await done;
    clearInterval(timer);
    if (signal === 'SIGKILL') killed++;
    else t.equal(code, 0, `run ${i} finished before its kill point: ${stderr.slice(-500)}`);
  }
  t.ok(killed >= KILLS / 2, `most runs were killed mid-sync (${killed}/${KILLS})`);

  const final = spawnSync();
  let stderr = '';
  final.stderr!.on('data', (d) => (stderr += d));
  const result = await exited(final);
  t.equal(result.code, 0, `the normal run succeeds ${stderr.slice(-2000)}`);

  const database = await open();
  t.teardown(() => database.close());
  const actual = await snapshot(database.db);
  t.same(actual, expected, 'identical to the uninterrupted run (mirror tables, question events, skiptokens)');
});
