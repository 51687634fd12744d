// What every process does before work: read the config, open and migrate the database, load
// the seeds. Shared by the server, the job CLI and the demo.
import { type Clock, fixedClock, systemClock } from './clock.ts';
import { type Config, loadConfig } from './config.ts';
import { createDb, type Database } from './db/client.ts';
import { runSeeds } from '../seeds/index.ts';

export interface Booted {
  config: Config;
  clock: Clock;
  database: Database;
}

/** `web`: the server, whose connections plan without parallel workers (DbOptions.serialPlans). */
export async function boot(env: Record<string, string | undefined> = process.env, clock?: Clock, web = false): Promise<Booted> {
  const config = loadConfig(env);
  const database = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, serialPlans: web });
  try {
    await database.migrate();
    const effectiveClock = clock ?? (config.NOW ? fixedClock(config.NOW) : systemClock);
    await runSeeds(database.db, effectiveClock);
    return { config, clock: effectiveClock, database };
  } catch (err) {
    await database.close();
    throw err;
  }
}
