// Hourly (and after every sync): materializes each question set's status as of the job's clock
// and records deadline transitions once, with their alert deliveries in the same transaction;
// then does the same for the promises ledger (commitments, committee requests, deferred answers
// and recorded requests: read, suggested, evaluated, the weekly rappel). All the work is in
// server/questions/ and server/promises/.
import { runPromiseLedger } from '../server/promises/run.ts';
import { runDeadlines } from '../server/questions/refresh.ts';
import type { Job } from './job.ts';

export const deadlinesJob: Job = {
  name: 'deadlines',
  schedule: () => '5 * * * *',
  async run({ config, database, log }, { clock }) {
    const now = clock.now();
    const result = await runDeadlines(database.db, now, undefined, { cutoffDays: config.ALERT_CUTOFF_DAYS });
    log.info({ now: now.toISOString(), ...result }, 'deadlines evaluated');
    log.info({ now: now.toISOString(), ...(await runPromiseLedger(database.db, now, { cutoffDays: config.ALERT_CUTOFF_DAYS })) }, 'promises evaluated');
  },
};
