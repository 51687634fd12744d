// The server process: logger, timeouts, graceful shutdown, listen. Everything else is app.ts.
import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import { startScheduler } from '../jobs/scheduler.ts';
import { type InboundSmtp, startInboundSmtp } from './alerts/inbound-smtp.ts';
import { unsubscribeAddress } from './alerts/links.ts';
import app from './app.ts';
import { boot } from './boot.ts';
import type { Clock } from './clock.ts';
import { ConfigError } from './config.ts';
import type { DemoTimeline } from './plugins/context.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { HTTP_OPTIONS } from './http-options.ts';
import { loggerOptions } from './logger.ts';

export interface StartOptions {
  demo?: boolean;
  env?: Record<string, string | undefined>;
  /** The clock instead of NOW or real time (the demo's, which /demo moves on). */
  clock?: Clock;
  demoTimeline?: DemoTimeline;
}

/** Boots and listens; returns a close function. Exits the process on a configuration error. */
export async function startServer(options: StartOptions = {}) {
  let booted;
  try {
    booted = await boot(options.env ?? process.env, options.clock, true);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirInUseError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { config, clock, database } = booted;

  const fastify = Fastify({
    logger: loggerOptions(config, process.stdout.isTTY === true),
    ...HTTP_OPTIONS,
  });
  if (config.NOW) fastify.log.warn({ now: config.NOW.toISOString() }, 'NOW is set: the clock is fixed');

  await fastify.register(app, { config, clock, database, demo: options.demo ?? false, demoTimeline: options.demoTimeline });
  const scheduler = config.JOBS ? startScheduler({ config, clock, database, log: fastify.log }) : undefined;

  let inbound: InboundSmtp | undefined;

  const close = async () => {
    await scheduler?.stop();
    // Before the database: a message being handled finishes (or is answered 421) first.
    await inbound?.close();
    await fastify.close();
    // Handlers whose clients went away still run: their queries finish before the pool closes.
    if (!(await fastify.inFlight.drained(5_000))) fastify.log.warn({ running: fastify.inFlight.size }, 'closing the database with requests still running');
    await database.close();
  };
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) fastify.log.error({ err }, 'shutting down after an error');
    else fastify.log.info({ signal }, 'shutting down');
    await close();
  });

  try {
    await fastify.listen({ host: config.HOST, port: config.PORT });
    if (config.INBOUND_SMTP_PORT) {
      inbound = await startInboundSmtp({
        host: config.INBOUND_SMTP_HOST,
        port: config.INBOUND_SMTP_PORT,
        address: unsubscribeAddress(config),
        db: database.db,
        clock,
        log: fastify.log.child({ component: 'inbound-smtp' }),
      });
    }
  } catch (err) {
    fastify.log.error({ err }, 'could not listen');
    await close();
    process.exit(1);
  }
  return { fastify, close };
}

// Run directly (npm start), not when imported by the demo.
if (import.meta.url === `file://${process.argv[1]}`) await startServer();
