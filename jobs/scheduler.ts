// In-process cron (JOBS=on). node-cron's noOverlap skips a tick while the previous run is
// busy; the job lock keeps other instances out. Failures are logged, never thrown.
import cron, { type ScheduledTask } from 'node-cron';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { TIME_ZONE } from '../server/calendar.ts';
import type { Clock } from '../server/clock.ts';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { JobBusyError, runLocked } from './job.ts';
import { JOBS } from './registry.ts';

export interface SchedulerDeps {
  config: Config;
  clock: Clock;
  database: Database;
  log: Logger;
}

export function startScheduler(deps: SchedulerDeps) {
  const tasks: ScheduledTask[] = [];
  for (const job of JOBS) {
    const log = deps.log.child({ job: job.name });
    const task = cron.schedule(
      job.schedule(deps.config),
      async () => {
        try {
          await runLocked(job, { config: deps.config, database: deps.database, log }, { clock: deps.clock, interactive: false });
        } catch (err) {
          if (err instanceof JobBusyError) log.info(err.message);
          else log.error({ err }, 'scheduled job failed');
        }
      },
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
