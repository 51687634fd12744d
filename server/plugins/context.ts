// The application's dependencies, decorated once so routes reach them as `fastify.db` etc.
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
