// In-process cron (JOBS=on). node-cron's noOverlap skips a tick while the previous run is
// busy; the job lock keeps other instances out. Failures are logged, never thrown.
import cron, { type ScheduledTask } from 'node-cron';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { TIME_ZONE } from '../server/calendar.ts';
import type { Clock } from '../server/clock.ts';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { type Job, JobBusyError, runLocked } from './job.ts';
import { JOBS } from './registry.ts';

export interface SchedulerDeps {
  config: Config;
  clock: Clock;
  database: Database;
  log: Logger;
}

/** Runs `job`, then the jobs that follow it (`after`), each on its own: one failing never fails another. */
export async function runWithFollowers(job: Job, deps: SchedulerDeps): Promise<void> {
  const log = deps.log.child({ job: job.name });
  try {
    await runLocked(job, { config: deps.config, database: deps.database, log }, { clock: deps.clock, interactive: false });
  } catch (err) {
    if (err instanceof JobBusyError) {
      log.info(err.message);
      return;
    }
    log.error({ err }, 'scheduled job failed');
  }
  for (const follower of JOBS.filter((j) => j.after === job.name)) await runWithFollowers(follower, deps);
}

export function startScheduler(deps: SchedulerDeps) {
  const tasks: ScheduledTask[] = [];
  for (const job of JOBS) {
    if (!job.schedule) continue;
    const task = cron.schedule(
      job.schedule(deps.config),
      () => runWithFollowers(job, deps),
      { name: job.name, timezone: TIME_ZONE, noOverlap: true },
    );
    tasks.push(task);
  }
  deps.log.info({ jobs: JOBS.map((j) => j.name) }, 'scheduler started');
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
    },
  };
}
