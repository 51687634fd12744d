// Scratch: a full sync into PostgreSQL only, for --cpu-prof (node --cpu-prof --import tsx test/bench/profile-categories.ts <url>).
import postgres from 'postgres';
import { createDb } from '../../server/db/client.ts';
import { FeedClient } from '../../server/sync/client.ts';
import { runSync } from '../../server/sync/run-sync.ts';

const url = process.argv[2]!;
const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
const name = `kamerwacht_prof_${process.pid}`;
await admin.unsafe(`create database "${name}"`);
if (process.env.PROF_LOG) await admin.unsafe(`alter database "${name}" set log_min_duration_statement = 0`);
const db = await createDb({ databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}`, dataDir: 'x' });
await db.migrate();
const client = new FeedClient({ feedUrl: url, publicUrl: 'http://x' });
const t0 = performance.now();
const results = await runSync({ db: db.db, client, now: () => new Date(), log: { info() {}, warn() {}, error() {} } });
const n = results.reduce((a, r) => a + r.entries, 0);
console.log(n, 'entries', Math.round(n / ((performance.now() - t0) / 1000)), 'entries/s');
await client.close(); await db.close();
await admin.unsafe(`drop database "${name}" with (force)`); await admin.end();
