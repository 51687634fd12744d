// The sender killed with SIGKILL mid-batch, 20 times: nothing is lost, and at most the one
// message in flight per kill is sent twice (MAIL_CONNECTIONS=1). Runs the real job CLI as a
// child process against a PostgreSQL scratch database (DATABASE_URL) or a PGlite data dir.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import t from 'tap';
import { createDb, type Database, resultRows } from '../../server/db/client.ts';
import { insertQuestionSet } from '../helpers/builders.ts';
import { TEMPLATE_DB, withDatabase } from '../helpers/databases.ts';
import { addEvent, addSubscribers, at } from './fixtures.ts';
import { startSmtp } from './smtp.ts';

// 20 kills on PostgreSQL; each PGlite child pays a wasm start-up of several seconds, so fewer
// there unless ALERTS_KILLS says otherwise (keeps the default suite within its time budget).
const KILLS = Number(process.env.ALERTS_KILLS ?? (process.env.DATABASE_URL ? 20 : 6));
const SUBSCRIBERS = 300;

async function scratch(t: { teardown(fn: () => unknown): void }): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    // Not kamerwacht_test_*: test/setup/before.ts of a concurrent run drops those as leftovers.
    const name = `kamerwacht_alerts_kill_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}" template "${TEMPLATE_DB}"`);
    t.teardown(async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    });
    const dbUrl = withDatabase(url, name);
    return { env: { DATABASE_URL: dbUrl }, open: () => createDb({ databaseUrl: dbUrl, dataDir: 'unused' }) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kamerwacht-kill-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    env: { DATA_DIR: dir },
    open: async () => {
      const d = await createDb({ dataDir: dir });
      await d.migrate();
      return d;
    },
  };
}

t.test(`SIGKILL mid-batch ${KILLS} times: nothing lost, at most one duplicate per kill`, async (t) => {
  const smtp = await startSmtp();
  t.teardown(() => smtp.close());
  const { env, open } = await scratch(t);
  let database = await open();
  const { zaakId } = await insertQuestionSet(database.db, { nummer: '2025Z12345', submitted: '2025-11-03' });
  await addSubscribers(database.db, SUBSCRIBERS, { kind: 'question', value: zaakId });
  await addEvent(database.db, { zaakId, kind: 'answered' });
  await database.close();

  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://kamerwacht.test',
    MAIL_RATE_PER_SECOND: '1000',
    MAIL_CONNECTIONS: '1',
    LOG_LEVEL: 'silent',
    JOBS: 'off',
  };
  if (!process.env.DATABASE_URL) delete childEnv.DATABASE_URL;
  // No V8 coverage from children: see test/helpers/child-env.ts.
  delete childEnv.NODE_V8_COVERAGE;
  const runChild = (minute: number, killAfter: number | null) =>
    new Promise<{ killed: boolean; code: number | null }>((resolve) => {
      // Each run is later than the previous one's lease (5 minutes), so a killed run's rows come back.
      const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/cli.ts', 'alerts', '--now', at(minute).toISOString()], {
        env: childEnv,
        stdio: 'ignore',
      });
      const start = smtp.received.length;
      let timer: NodeJS.Timeout | undefined;
      if (killAfter !== null) {
        timer = setInterval(() => {
          if (smtp.received.length - start >= killAfter) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 1);
      }
      child.on('exit', (code, signal) => {
        if (timer) clearInterval(timer);
        resolve({ killed: signal === 'SIGKILL', code });
      });
    });

  let kills = 0;
  for (let i = 0; i < KILLS; i++) {
    const r = await runChild(10 * (i + 1), 1 + Math.floor(Math.random() * 8));
    if (r.killed) kills++;
  }
  t.equal(kills, KILLS, 'every run was killed mid-batch');
  const final = await runChild(10 * (KILLS + 1), null);
  t.equal(final.code, 0, 'a clean run afterwards');

  const counts = new Map<string, number>();
  for (const m of smtp.received) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  t.equal(counts.size, SUBSCRIBERS, 'nothing lost: every subscriber got the alert');
  const duplicates = [...counts.values()].reduce((a, n) => a + n - 1, 0);
  t.ok(duplicates <= kills, `duplicates (${duplicates}) at most one per kill (${kills})`);
  t.comment(`kills=${kills} duplicates=${duplicates} received=${smtp.received.length}`);

  database = await open();
  t.teardown(() => database.close());
  const rows = resultRows<{ state: string; n: number }>(await database.db.execute(sql`select state, count(*)::int as n from alert_deliveries group by state`));
  t.same(Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])), { sent: SUBSCRIBERS });
});
