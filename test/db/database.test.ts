import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import t from 'tap';
import { fixedClock } from '../../server/clock.ts';
import { createDb, resultRows } from '../../server/db/client.ts';
import { DataDirInUseError, lockDataDir } from '../../server/db/data-dir-lock.ts';
import { requestAddressees, requestLinks, requestParties, requestPersons, requests, topics } from '../../server/db/schema/index.ts';
import { runSeeds } from '../../seeds/index.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('migrations are idempotent and seeds run twice leave the same rows', async (t) => {
  const database = await testDatabase(t);
  await database.migrate();
  await database.migrate();
  t.ok(await database.ping());

  const snapshot = async () => ({
    topics: await database.db.select().from(topics),
    requests: await database.db.select().from(requests),
    persons: await database.db.select().from(requestPersons),
    parties: await database.db.select().from(requestParties),
    addressees: await database.db.select().from(requestAddressees),
    links: await database.db.select().from(requestLinks),
  });
  await runSeeds(database.db, fixedClock(new Date('2025-11-01T10:00:00Z')));
  const first = await snapshot();
  await runSeeds(database.db, fixedClock(new Date('2025-11-02T10:00:00Z')));
  t.same(await snapshot(), first);

  t.equal(first.topics.length, 1);
  t.equal(first.topics[0]?.slug, 'dataveiligheid-in-de-zorg');
  t.equal(first.requests.length, 2);
  const [supporters] = await database.db.select({ n: count() }).from(requestParties);
  t.equal(supporters?.n, 8, 'NSC as requester plus seven supporting parties');
  t.same(
    first.links.map((l) => [l.kind, l.target, l.date, l.state]),
    [['kamerstuk', '31765-353', '2018-11-30', 'confirmed']],
  );
});

t.test('job locks are exclusive', async (t) => {
  const database = await testDatabase(t);
  const release = await database.tryLock('kamerwacht:test');
  t.ok(release, 'first taker gets the lock');
  t.equal(await database.tryLock('kamerwacht:test'), null, 'second taker does not');
  t.ok(await database.tryLock('kamerwacht:other'), 'other names are independent');
  await release?.();
  const again = await database.tryLock('kamerwacht:test');
  t.ok(again, 'free again after release');
  await again?.();
});

t.test('the PGlite data dir is locked to one process', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-lock-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lock = lockDataDir(dir);
  // Another live process holds it: pretend by writing our parent's pid.
  lock.release();
  fs.writeFileSync(path.join(dir, 'kamerwacht.lock'), String(process.ppid));
  t.throws(() => lockDataDir(dir), DataDirInUseError);
  t.throws(() => lockDataDir(dir), /in use by another Kamerwacht process \(pid \d+\)/);

  // A lock left by a dead process is stale and taken over.
  fs.writeFileSync(path.join(dir, 'kamerwacht.lock'), '99999999');
  const taken = lockDataDir(dir);
  t.equal(fs.readFileSync(path.join(dir, 'kamerwacht.lock'), 'utf8'), String(process.pid));
  t.throws(() => lockDataDir(dir), DataDirInUseError, 'held by this very process');
  taken.release();
  t.notOk(fs.existsSync(path.join(dir, 'kamerwacht.lock')), 'released on close');

  // Our own pid in a lock we do not hold: left by an earlier process with the same pid
  // (containers restart the app as pid 1), so it is stale.
  fs.writeFileSync(path.join(dir, 'kamerwacht.lock'), String(process.pid));
  lockDataDir(dir).release();
});

t.test('createDb on a PGlite data dir persists and releases its lock', { skip: process.env.DATABASE_URL ? 'PostgreSQL run' : false }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-pglite-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = await createDb({ dataDir: dir });
  await first.migrate();
  await runSeeds(first.db, fixedClock(new Date('2025-11-01T10:00:00Z')));
  await t.rejects(createDb({ dataDir: dir }), DataDirInUseError, 'second open in the same process set is refused');
  await first.close();
  const reopened = await createDb({ dataDir: dir });
  const [row] = await reopened.db.select({ n: count() }).from(requests);
  t.equal(row?.n, 2, 'data survived the reopen');
  await reopened.close();
});

t.test('the web server plans without parallel workers; jobs keep them; neither compiles plans', { skip: process.env.DATABASE_URL ? false : 'PGlite has no parallel workers' }, async (t) => {
  const show = async (serialPlans: boolean, setting: string) => {
    const database = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: 'unused', maxConnections: 2, serialPlans });
    try {
      const [row] = resultRows<Record<string, string>>(await database.db.execute(sql`select current_setting(${setting}) as value`));
      return row?.value;
    } finally {
      await database.close();
    }
  };
  t.equal(await show(true, 'max_parallel_workers_per_gather'), '0');
  t.not(await show(false, 'max_parallel_workers_per_gather'), '0');
  t.equal(await show(true, 'jit'), 'off');
  t.equal(await show(false, 'jit'), 'off');
});
