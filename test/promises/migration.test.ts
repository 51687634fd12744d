// The data migration of the request model (migrations/0013_promises_ledger_backfill.sql): a
// database with requests in the old statuses is migrated to the ledger, staff decisions are kept
// as decisions, and the new status check then holds. Runs the real migrations in order, up to the
// old schema first, on whichever driver the suite uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import t from 'tap';
import { MIGRATIONS_DIR, resultRows } from '../../server/db/client.ts';
import { withDatabase } from '../helpers/databases.ts';

const BEFORE = '0011_texts';

/** The migrations folder as it stood before the ledger. */
function oldMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === BEFORE);
  const entries = journal.entries.slice(0, last + 1);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

interface Target {
  exec(query: string): Promise<Record<string, unknown>[]>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

async function target(): Promise<Target> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = new PGlite();
    const db = drizzlePglite(client);
    return {
      exec: async (q) => resultRows<Record<string, unknown>>(await db.execute(sql.raw(q))),
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const name = `kamerwacht_test_${process.pid}_migr_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const client = postgres(withDatabase(url, name), { max: 1, onnotice: () => {} });
  const db = drizzlePostgres(client);
  return {
    exec: async (q) => resultRows<Record<string, unknown>>(await db.execute(sql.raw(q))),
    migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }),
    close: async () => {
      await client.end();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

t.test('old request statuses become the ledger’s; staff decisions are kept', async (t) => {
  const old = oldMigrations();
  t.teardown(() => fs.rmSync(old, { recursive: true, force: true }));
  const db = await target();
  t.teardown(() => db.close());
  await db.migrate(old);
  const stamp = "'2025-09-01T10:00:00Z'::timestamptz";
  await db.exec(`insert into requests (slug, kind, subject, status, created_at, updated_at) values
    ('gevraagd', 'briefing', 'a', 'requested', ${stamp}, ${stamp}),
    ('gepland-met-link', 'briefing', 'b', 'scheduled', ${stamp}, ${stamp}),
    ('gepland-zonder', 'briefing', 'c', 'scheduled', ${stamp}, ${stamp}),
    ('uitgevoerd-met-link', 'letter', 'd', 'fulfilled', ${stamp}, ${stamp}),
    ('uitgevoerd-zonder', 'letter', 'e', 'fulfilled', ${stamp}, ${stamp}),
    ('afgewezen', 'letter', 'f', 'declined', ${stamp}, ${stamp}),
    ('vervallen', 'letter', 'g', 'lapsed', ${stamp}, ${stamp})`);
  await db.exec(`insert into request_links (request_id, kind, target, title, state, created_at, updated_at)
    select id, case when slug like 'gepland%' then 'activiteit' else 'kamerstuk' end, slug, slug, 'confirmed', ${stamp}, ${stamp}
    from requests where slug in ('gepland-met-link', 'uitgevoerd-met-link')
    union all select id, 'document', 'x', 'x', 'suggested', ${stamp}, ${stamp} from requests where slug = 'gevraagd'`);

  await db.migrate(MIGRATIONS_DIR);
  const rows = await db.exec(`select slug, status, decided_status, source, decided_at is not null as decided from requests order by slug`);
  t.same(
    rows.map((r) => [r.slug, r.status, r.decided_status, r.source]),
    [
      ['afgewezen', 'declined', 'declined', 'staff'],
      ['gepland-met-link', 'scheduled', null, 'staff'],
      ['gepland-zonder', 'open', null, 'staff'],
      ['gevraagd', 'open', null, 'staff'],
      ['uitgevoerd-met-link', 'fulfilled', null, 'staff'],
      ['uitgevoerd-zonder', 'fulfilled', 'fulfilled', 'staff'],
      ['vervallen', 'lapsed', 'lapsed', 'staff'],
    ],
  );
  t.same((await db.exec(`select origin from request_links where state = 'suggested'`)).map((r) => r.origin), ['suggestion']);
  const refused = await db.exec(`update requests set status = 'requested' where slug = 'gevraagd'`).then(
    () => null,
    (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`,
  );
  t.match(refused, /requests_promise_status_ck/, 'the old value is no longer allowed');
});
