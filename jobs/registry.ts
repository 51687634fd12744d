import type { Job } from './job.ts';
import { alertsJob } from './alerts.ts';
import { deadlinesJob } from './deadlines.ts';
import { syncJob } from './sync.ts';
import { textsJob } from './texts.ts';

/** Every job, by name. `npm run job -- <name>` and the scheduler read this list. */
export const JOBS: Job[] = [syncJob, textsJob, deadlinesJob, alertsJob];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
