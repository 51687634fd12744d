// The first start: the scheduler syncs at once when the mirror is empty or older than the sync
// schedule's interval, and not when it is fresh; an unreachable upstream is logged as one line
// with its reason, without a stack trace.
import { Writable } from 'node:stream';
import pino from 'pino';
import t from 'tap';
import { serveDemoFeed } from '../../jobs/demo.ts';
import { startScheduler, syncDueAtStart } from '../../jobs/scheduler.ts';
import { syncJob } from '../../jobs/sync.ts';
import { settableClock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { syncState } from '../../server/db/schema/index.ts';
import { testDatabase } from '../helpers/databases.ts';
import { freePort } from '../helpers/ports.ts';
import { syncOnce } from './helpers/run.ts';

function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

t.test('syncDueAtStart: empty, or older than the time between two runs', async (t) => {
  const now = new Date('2025-12-01T09:00:00Z');
  const runs = [new Date('2025-12-01T09:10:00Z'), new Date('2025-12-01T09:20:00Z')];
  t.equal(syncDueAtStart(null, now, runs), true);
  t.equal(syncDueAtStart(new Date('2025-12-01T08:45:00Z'), now, runs), true, '15 minutes old, every 10 minutes');
  t.equal(syncDueAtStart(new Date('2025-12-01T08:55:00Z'), now, runs), false, '5 minutes old');
});

t.test('the scheduler syncs at start-up on an empty mirror, and not on a fresh one', async (t) => {
  const database = await testDatabase(t);
  const clock = settableClock(new Date('2025-12-01T09:00:00+01:00'));
  const feed = await serveDemoFeed(undefined, clock);
  t.teardown(() => feed.close());
  const config = loadConfig({ DATA_DIR: 'memory://', TK_FEED_URL: feed.url, SYNC_SCHEDULE: '*/10 * * * *' });

  const first = capturedLog();
  const scheduler = startScheduler({ config, clock, database, log: first.log, jobs: [syncJob] });
  await scheduler.startup;
  await scheduler.stop();
  t.ok(first.lines.some((l) => l.msg === 'sync at start-up: the mirror is older than the schedule'));
  const states = await database.db.select().from(syncState);
  t.ok(states.length > 0 && states.every((s) => s.lastSuccessAt !== null), 'every category reached its head');

  clock.set(new Date('2025-12-01T09:05:00+01:00'));
  const second = capturedLog();
  const again = startScheduler({ config, clock, database, log: second.log, jobs: [syncJob] });
  await again.startup;
  await again.stop();
  t.notOk(second.lines.some((l) => String(l.msg).startsWith('sync at start-up')), 'five minutes old: the next tick will do');
});

t.test('an unreachable upstream: one line with the reason, no stack trace', async (t) => {
  const { db } = await testDatabase(t);
  const port = await freePort();
  const run = await syncOnce(db, `http://127.0.0.1:${port}/SyncFeed/2.0`, { client: { retry: { attempts: 2 } }, run: { categories: ['Fractie'] }, derive: false });
  const failed = run.log.lines.filter((l) => l.msg === 'category sync failed');
  t.equal(failed.length, 1);
  t.match(failed[0]!.obj, { category: 'Fractie', kind: 'network', reason: /\S/ });
  t.notOk('err' in failed[0]!.obj, 'no error object, so no stack trace');
  const [state] = await db.select().from(syncState);
  t.match(state?.lastError, /^network: /, 'the pages show this reason');
});
