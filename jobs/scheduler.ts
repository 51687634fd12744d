// In-process cron (JOBS=on). node-cron's noOverlap skips a tick while the previous run is
// busy; the job lock keeps other instances out. Failures are logged, never thrown.
// At start-up the sync runs at once when the mirror is older than the sync schedule's interval
// (or empty), instead of waiting for the next tick: a fresh install has data minutes sooner.
import cron, { type ScheduledTask } from 'node-cron';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { TIME_ZONE } from '../server/calendar.ts';
import type { Clock } from '../server/clock.ts';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { FeedError } from '../server/sync/client.ts';
import { syncFreshness } from '../server/sync/freshness.ts';
import { type Job, JobBusyError, runLocked } from './job.ts';
import { JOBS } from './registry.ts';

export interface SchedulerDeps {
  config: Config;
  clock: Clock;
  database: Database;
  log: Logger;
  /** The jobs to schedule; all of them unless a test narrows it. */
  jobs?: Job[];
}

/**
 * Whether the sync should run at start-up rather than at its next tick: never synced completely,
 * or the last complete sync is older than the time between two scheduled runs.
 */
export function syncDueAtStart(lastSuccessAt: Date | null, now: Date, nextRuns: Date[]): boolean {
  if (!lastSuccessAt) return true;
  const [a, b] = nextRuns;
  const interval = a && b ? b.getTime() - a.getTime() : 0;
  return now.getTime() - lastSuccessAt.getTime() > interval;
}

/**
 * Runs `job`, then the jobs that follow it (`after`), each on its own: one failing never fails
 * another. `stop` ends a start-up run early on shutdown.
 */
export async function runWithFollowers(job: Job, deps: SchedulerDeps, stop?: AbortSignal): Promise<void> {
  const log = deps.log.child({ job: job.name });
  try {
    await runLocked(job, { config: deps.config, database: deps.database, log }, { clock: deps.clock, interactive: false, ...(stop ? { stop } : {}) });
  } catch (err) {
    if (err instanceof JobBusyError) {
      log.info(err.message);
      return;
    }
    // The upstream being down is expected: one line with the reason, no stack trace.
    if (err instanceof FeedError) log.error({ kind: err.kind, reason: err.message }, 'scheduled job failed');
    else log.error({ err }, 'scheduled job failed');
  }
  if (stop?.aborted) return;
  for (const follower of (deps.jobs ?? JOBS).filter((j) => j.after === job.name)) await runWithFollowers(follower, deps, stop);
}

export function startScheduler(deps: SchedulerDeps) {
  const jobs = deps.jobs ?? JOBS;
  const tasks = new Map<string, ScheduledTask>();
  const startupStop = new AbortController();
  for (const job of jobs) {
    if (!job.schedule) continue;
    tasks.set(job.name, cron.schedule(job.schedule(deps.config), () => runWithFollowers(job, deps), { name: job.name, timezone: TIME_ZONE, noOverlap: true }));
  }
  deps.log.info({ jobs: jobs.map((j) => j.name) }, 'scheduler started');

  const sync = jobs.find((j) => j.name === 'sync');
  const syncTask = tasks.get('sync');
  const startup = (async () => {
    if (!sync || !syncTask) return;
    const now = deps.clock.now();
    const { lastSuccessAt } = await syncFreshness(deps.database.db, now, deps.config.SYNC_STALE_MINUTES);
    if (!syncDueAtStart(lastSuccessAt, now, syncTask.getNextRuns(2))) return;
    deps.log.child({ job: 'sync' }).info({ lastSuccessAt: lastSuccessAt?.toISOString() ?? null }, 'sync at start-up: the mirror is older than the schedule');
    await runWithFollowers(sync, deps, startupStop.signal);
  })().catch((err: unknown) => deps.log.error({ err }, 'start-up sync failed'));

  return {
    /** Settles when the start-up sync (if one was due) has finished. */
    startup,
    async stop() {
      startupStop.abort();
      await startup;
      await Promise.all([...tasks.values()].map((t) => t.destroy()));
    },
  };
}
