// Runs once before all test files: builds the migrated template every test database is cloned
// from (PostgreSQL with DATABASE_URL, otherwise a PGlite data-dir dump).
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createDb } from '../../server/db/client.ts';
import { isAlive } from '../../server/db/data-dir-lock.ts';
import { PGLITE_TEMPLATE, TEMPLATE_DB, testDatabasePid, withDatabase } from '../helpers/databases.ts';

const url = process.env.DATABASE_URL;
if (url) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE_DB}" with (force)`);
  await admin.unsafe(`create database "${TEMPLATE_DB}"`);
  const database = await createDb({ databaseUrl: withDatabase(url, TEMPLATE_DB), dataDir: 'unused' });
  await database.migrate();
  await database.close();
  // Leftovers of an interrupted earlier run: test databases carry their process id
  // (kamerwacht_test_<pid>_…, kamerwacht_test_kill_<pid>); only those whose process is gone are
  // dropped, never another run's live ones. A name without a pid is left alone for the same reason.
  const stale = await admin`select datname from pg_database where datname like 'kamerwacht_test_%' or (datname like 'kamerwacht_tmpl_%' and datname <> ${TEMPLATE_DB})`;
  for (const { datname } of stale) {
    const pid = testDatabasePid(datname);
    if (pid === null || isAlive(pid)) continue;
    await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  }
  await admin.end();
} else {
  const database = await createDb({ dataDir: 'memory://' });
  await database.migrate();
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  // Dumps of runs that are over.
  for (const file of fs.readdirSync(path.dirname(PGLITE_TEMPLATE))) {
    const pid = Number(/^pglite-template-(\d+)\.tar$/.exec(file)?.[1]);
    if (pid && !isAlive(pid)) fs.rmSync(path.join(path.dirname(PGLITE_TEMPLATE), file), { force: true });
  }
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}
