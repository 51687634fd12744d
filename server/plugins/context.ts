// The application's dependencies, decorated once so routes reach them as `fastify.db` etc.
import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  /** Marks every page as demo data (npm run demo). */
  demo: boolean;
  /** npm run demo's timeline: /demo moves the demo's clock on and runs the jobs (jobs/demo.ts). */
  demoTimeline?: DemoTimeline | undefined;
}

export interface DemoTimeline {
  /** The demo's date now. */
  readonly now: Date;
  /** The next moment the demo can move to; null at the end of its story. */
  readonly next: Date | null;
  /** Moves the clock to the next moment and runs the sync and alerts jobs, as the cron would. */
  advance(deps: { config: Config; database: Database; log: FastifyBaseLogger }): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    clock: Clock;
    demo: boolean;
  }
}

export default fp<AppContext>(
  async (fastify, opts) => {
    fastify.decorate('config', opts.config);
    fastify.decorate('database', opts.database);
    fastify.decorate('db', opts.database.db);
    fastify.decorate('clock', opts.clock);
    fastify.decorate('demo', opts.demo);
  },
  { name: 'context' },
);
