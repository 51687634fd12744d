// Runs once after all test files: removes this run's template (before.ts), so a run leaves no
// database or dump behind. A run that was interrupted leaves its template to the next run's
// before.ts, which drops those of runs that are over.
import fs from 'node:fs';
import postgres from 'postgres';
import { PGLITE_TEMPLATE, TEMPLATE_DB } from '../helpers/databases.ts';

const url = process.env.DATABASE_URL;
if (url) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE_DB}" with (force)`);
  await admin.end();
} else {
  fs.rmSync(PGLITE_TEMPLATE, { force: true });
}
