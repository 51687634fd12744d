// One database per test file (server/README.md, "Tests"): on PostgreSQL a fresh database cloned from a migrated
// template; without DATABASE_URL an in-memory PGlite loaded from a migrated data-dir dump. Both
// templates are made once per run by test/setup/before.ts.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { createDb, type Database } from '../../server/db/client.ts';

// Per test run: tap starts test/setup/before.ts and every test file from the same runner process,
// so its pid names this run's templates and concurrent runs never rebuild each other's.
export const TEMPLATE_DB = `kamerwacht_tmpl_${process.ppid}`;
export const PGLITE_TEMPLATE = fileURLToPath(new URL(`../../.tap/pglite-template-${process.ppid}.tar`, import.meta.url));

/** The process id in a test database's name (the first all-digit part), or null without one. */
export function testDatabasePid(name: string): number | null {
  const part = name.split('_').find((p) => /^\d+$/.test(p));
  return part ? Number(part) : null;
}

/** The server URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A migrated, empty database of its own for this test; dropped at teardown. */
export async function testDatabase(t: Teardown): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `kamerwacht_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const [template] = await admin`select 1 from pg_database where datname = ${TEMPLATE_DB}`;
    // Without this run's template (a file run on its own), start empty and migrate.
    await admin.unsafe(template ? `create database "${name}" template "${TEMPLATE_DB}"` : `create database "${name}"`);
    const database = await createDb({ databaseUrl: withDatabase(url, name), dataDir: 'unused' });
    if (!template) await database.migrate();
    t.teardown(async () => {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    });
    return database;
  }
  return pgliteFromTemplate(t);
}

async function pgliteFromTemplate(t: Teardown): Promise<Database> {
  if (!fs.existsSync(PGLITE_TEMPLATE)) {
    // Running a single file without tap's `before`: migrate from scratch (slower).
    const database = await createDb({ dataDir: 'memory://' });
    await database.migrate();
    t.teardown(() => database.close());
    return database;
  }
  const client = new PGlite({ loadDataDir: new Blob([fs.readFileSync(PGLITE_TEMPLATE)]) });
  await client.waitReady;
  const database = await createDb({ dataDir: 'memory://', pglite: client });
  t.teardown(() => database.close());
  return database;
}
