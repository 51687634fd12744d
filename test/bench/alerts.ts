// Benchmark: 10,000 confirmed subscribers matching one "answered" event. Prints the time to
// enqueue the deliveries (fan-out, target ≤ 2 s) and to have all 10,000 mails accepted by a
// local smtp-server (target ≤ 60 s), against a PostgreSQL scratch database, with a baseline
// measured in the same run (one subscriber) for the ratio.
// node --import tsx test/bench/alerts.ts   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// Connections default to the production bar (2); BENCH_CONCURRENCY messages are in flight over
// them, so a connection never idles while a sent message is being marked. The send rate limit is
// lifted for the bench (production default: MAIL_RATE_PER_SECOND=10).
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { fanOutEvents } from '../../server/alerts/fanout.ts';
import { runAlerts } from '../../server/alerts/run.ts';
import { createDb } from '../../server/db/client.ts';
import { withDatabase } from '../helpers/databases.ts';
import { insertQuestionSet } from '../helpers/builders.ts';
import { createMailTransport } from '../../server/alerts/transport.ts';
import { addEvent, addSubscribers, alertConfig, at } from '../alerts/fixtures.ts';
import { startSmtp } from '../alerts/smtp.ts';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `kamerwacht_bench_alerts_${process.pid}`;
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const database = await createDb({ databaseUrl: withDatabase(server, name), dataDir: 'unused' });
const smtp = await startSmtp();
try {
  await database.migrate();
  const db = database.db;
  const base = await insertQuestionSet(db, { nummer: '2025Z00001', submitted: '2025-11-03' });
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z12345', submitted: '2025-11-03' });
  await addSubscribers(db, 1, { kind: 'question', value: base.zaakId, prefix: 'basis' });
  await addSubscribers(db, N, { kind: 'question', value: zaakId });

  // Baseline: one event, one subscriber.
  await addEvent(db, { zaakId: base.zaakId, kind: 'answered' });
  let t0 = performance.now();
  await db.transaction((tx) => fanOutEvents(tx, at(1)));
  const baselineMs = performance.now() - t0;

  await addEvent(db, { zaakId, kind: 'answered' });
  t0 = performance.now();
  const fan = await db.transaction((tx) => fanOutEvents(tx, at(1)));
  const enqueueMs = performance.now() - t0;

  const config = alertConfig(smtp.url, { MAIL_RATE_PER_SECOND: '100000', MAIL_CONNECTIONS: String(CONNECTIONS) });
  const transport = createMailTransport({ smtpUrl: smtp.url, from: config.MAIL_FROM, dataDir: 'memory://', ratePerSecond: 100_000, connections: CONNECTIONS });
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runAlerts({ db, config, transport }, { now: at(2), concurrency: CONCURRENCY, batchSize: 500, maxMessages: N + 10 });
  await smtp.waitFor(N + 1, 10_000);
  const sendMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  transport.close();
  const [row] = (await db.execute(sql`select count(*)::int as n from alert_deliveries where state = 'sent'`)) as unknown as { n: number }[];

  console.log(`subscribers: ${N}, deliveries enqueued: ${fan.deliveries}`);
  console.log(`enqueue (fan-out of one event): ${(enqueueMs / 1000).toFixed(2)} s (target ≤ 2 s); baseline 1 subscriber: ${baselineMs.toFixed(1)} ms; ratio ${(enqueueMs / baselineMs).toFixed(1)}×`);
  // CPU time of this process (sender and the in-process smtp-server) is less load-dependent than wall time.
  console.log(`send CPU: ${(cpuMs / 1000).toFixed(2)} s, ${(cpuMs / Math.max(1, result.sender.sent)).toFixed(2)} ms per mail`);
  console.log(`send: ${result.sender.sent} sent, ${smtp.received.length} accepted by smtp-server in ${(sendMs / 1000).toFixed(2)} s (target ≤ 60 s), ${(result.sender.sent / (sendMs / 1000)).toFixed(0)} msg/s, ${CONNECTIONS} connections, ${CONCURRENCY} in flight; rows marked sent: ${row?.n}`);
} finally {
  await smtp.close();
  await database.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
