// Builds the app on its own test database, seeded, with a fixed clock. Never listens.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { demoTimeline } from '../../jobs/demo.ts';
import app from '../../server/app.ts';
import { HTTP_OPTIONS } from '../../server/http-options.ts';
import { type Clock, fixedClock, settableClock } from '../../server/clock.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import type { DemoTimeline } from '../../server/plugins/context.ts';
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
  demoTimeline?: DemoTimeline;
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
  const fastify = Fastify({ ...HTTP_OPTIONS, logger: false });
  await fastify.register(app, { config, clock, database, demo: options.demo ?? false, demoTimeline: options.demoTimeline });
  await fastify.ready();
  t.teardown(() => fastify.close());
  return { app: fastify, database, clock, config };
}

/** The demo's pages on a test app: the banner, and /demo with one mail in `dataDir` and one moment ahead. */
export function demoPages(dataDir: string, now = TEST_NOW): Required<Pick<BuildOptions, 'demo' | 'demoTimeline'>> & { env: { DATA_DIR: string }; mail: string } {
  const mail = '2025-11-24T09-00-00-000Z-demo@kamerwacht.test.eml';
  fs.mkdirSync(path.join(dataDir, 'mail'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'mail', mail),
    'From: Kamerwacht <alerts@kamerwacht.test>\r\nTo: lezer@example.nl\r\nSubject: Bevestig uw aanmelding bij Kamerwacht\r\nDate: Mon, 24 Nov 2025 09:00:00 +0000\r\n\r\nBevestigen kan hier: http://127.0.0.1:3000/abonneren/bevestigen/abc & <meer>\r\n',
  );
  const clock = settableClock(now);
  return { demo: true, demoTimeline: demoTimeline(clock, [new Date(now.getTime() + 2 * 86_400_000)]), env: { DATA_DIR: dataDir }, mail };
}
