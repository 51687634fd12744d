// Builds the app on its own test database, seeded, with a fixed clock. Never listens.
import Fastify, { type FastifyInstance } from 'fastify';
import app from '../../server/app.ts';
import { type Clock, fixedClock } from '../../server/clock.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { runSeeds } from '../../seeds/index.ts';
import { testDatabase } from './databases.ts';

export const TEST_NOW = new Date('2025-11-24T10:00:00+01:00');

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: Clock;
  config: Config;
}

export interface BuildOptions {
  env?: Record<string, string>;
  now?: Date;
  /** A clock of the test's own (one it moves on); otherwise fixed at `now`. */
  clock?: Clock;
  demo?: boolean;
  database?: Database;
  seed?: boolean;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function buildApp(t: Teardown, options: BuildOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await testDatabase(t));
  const clock = options.clock ?? fixedClock(options.now ?? TEST_NOW);
  // The page cache is off unless a test turns it on: tests change data between requests.
  const config = loadConfig({ DATA_DIR: 'memory://', JOBS: 'off', PAGE_CACHE_SECONDS: '0', ...options.env });
  if (options.seed !== false) await runSeeds(database.db, clock);
  const fastify = Fastify({ logger: false });
  await fastify.register(app, { config, clock, database, demo: options.demo ?? false });
  await fastify.ready();
  t.teardown(() => fastify.close());
  return { app: fastify, database, clock, config };
}
