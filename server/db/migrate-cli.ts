// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded PGlite.
import { ConfigError, loadConfig } from '../config.ts';
import { createDb } from './client.ts';

try {
  const config = loadConfig();
  const database = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await database.migrate();
    console.log(`Migrations applied (${database.kind}).`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
