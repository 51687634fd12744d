// Hourly (and after every sync): materializes each question set's status as of the job's clock
// and records deadline transitions once, with their alert deliveries in the same transaction;
// then does the same for the promises ledger (commitments, committee requests, deferred answers
// and recorded requests: read, suggested, evaluated, the weekly rappel); and deletes staff
// sessions and sign-in failures that no longer count. All the work is in server/derivation/,
// server/promises/ and server/staff/.
import { runDeadlines } from '../server/derivation/hourly.ts';
import { runPromiseLedger } from '../server/promises/run.ts';
import { purgeStaffRecords } from '../server/staff/housekeeping.ts';
import type { Job } from './job.ts';

export const deadlinesJob: Job = {
  name: 'deadlines',
  schedule: () => '5 * * * *',
  async run({ config, database, log }, { clock }) {
    const now = clock.now();
    const result = await runDeadlines(database.db, now, undefined, { cutoffDays: config.ALERT_CUTOFF_DAYS });
    log.info({ now: now.toISOString(), ...result }, 'deadlines evaluated');
    log.info({ now: now.toISOString(), ...(await runPromiseLedger(database.db, now, { cutoffDays: config.ALERT_CUTOFF_DAYS })) }, 'promises evaluated');
    log.info(await purgeStaffRecords(database.db, now), 'expired staff sessions and sign-in failures deleted');
  },
};
