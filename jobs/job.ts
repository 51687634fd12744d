// What a job is: a name, a schedule and a run function that calls domain modules. Jobs hold
// no SQL and no HTML. Every run is guarded by a lock named after the job, so two instances
// (or the cron and a manual run) never do the same work at once.
import os from 'node:os';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Clock } from '../server/clock.ts';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';

export interface JobDeps {
  config: Config;
  database: Database;
  log: Logger;
}

export interface JobContext {
  /** The job's clock: `--now` for a CLI run, the server's clock (NOW or real time) under cron. */
  clock: Clock;
  /** True when attached to a terminal (the CLI may draw progress). */
  interactive: boolean;
  /**
   * Transactions a job may run at once for bulk work (the sync's derivation after a large run):
   * for a CLI run on PostgreSQL, derivationLanes(); 1 under the web server's scheduler, whose
   * cores serve pages meanwhile, and on PGlite (one connection). Unset: 1.
   */
  lanes?: number;
  /** Aborted to ask the job to stop early (SIGTERM to the CLI); see Job.stoppable. */
  stop?: AbortSignal;
}

export interface Job {
  name: string;
  /** Cron expression in Europe/Amsterdam time; a job without one runs only `after` another. */
  schedule?(config: Config): string;
  /** The scheduler runs this job after every run of the named job, whether that run failed or not. */
  after?: string;
  run(deps: JobDeps, ctx: JobContext): Promise<void>;
  /**
   * The job honours ctx.stop: it finishes (commits) the unit of work in flight and returns
   * normally. Other jobs are simply ended by SIGTERM.
   */
  stoppable?: boolean;
}

/**
 * A lane per core and one more: each PostgreSQL connection runs on a core of its own, and a lane
 * spends part of each chunk in the topic lens on this process's main thread, meanwhile the extra
 * one keeps the server busy. Measured on 2 cores with 43,750 sets (test/bench/sync-job.ts): 13.4 s
 * with one lane, 10.1–10.7 with two, 8.8 with three, 9.8 with four.
 */
export function derivationLanes(): number {
  return Math.min(8, os.availableParallelism() + 1);
}

export class JobBusyError extends Error {
  constructor(readonly job: string) {
    super(`Job ${job} is already running elsewhere; skipped.`);
    this.name = 'JobBusyError';
  }
}

/** Runs a job once under its lock. Throws JobBusyError when another run holds the lock. */
export async function runLocked(job: Job, deps: JobDeps, ctx: JobContext): Promise<void> {
  const release = await deps.database.tryLock(`kamerwacht:job:${job.name}`);
  if (!release) throw new JobBusyError(job.name);
  try {
    await job.run(deps, ctx);
  } finally {
    await release();
  }
}
