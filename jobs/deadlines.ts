// Hourly (and after every sync): materializes each question set's status as of the job's clock
// and records deadline transitions once, with their alert deliveries in the same transaction; then suggests activities and letters that may fulfil
// open briefing and letter requests, and moves scheduled requests whose briefing has taken place
// to fulfilled; and deletes staff sessions and sign-in failures that no longer count. All the
// work is in server/derivation/, server/requests/ and server/staff/.
import { runDeadlines } from '../server/derivation/hourly.ts';
import { refreshRequestStatuses } from '../server/requests/request-status.ts';
import { suggestRequestLinks } from '../server/requests/suggest-links.ts';
import { purgeStaffRecords } from '../server/staff/housekeeping.ts';
import type { Job } from './job.ts';

export const deadlinesJob: Job = {
  name: 'deadlines',
  schedule: () => '5 * * * *',
  async run({ config, database, log }, { clock }) {
    const now = clock.now();
    const result = await runDeadlines(database.db, now, undefined, { cutoffDays: config.ALERT_CUTOFF_DAYS });
    log.info({ now: now.toISOString(), ...result }, 'deadlines evaluated');
    const suggestions = await suggestRequestLinks(database.db, now);
    for (const s of suggestions.suggested) {
      log.info({ requestId: s.requestId, linkId: s.id, kind: s.kind, target: s.target, title: s.title, date: s.date, reason: s.reason }, 'request link suggested');
    }
    const statuses = await refreshRequestStatuses(database.db, now);
    for (const c of statuses) log.info({ ...c }, 'request status changed');
    log.info(
      { openRequests: suggestions.openRequests, candidates: suggestions.candidates, suggested: suggestions.suggested.length, statusChanges: statuses.length },
      'request links checked',
    );
    log.info(await purgeStaffRecords(database.db, now), 'expired staff sessions and sign-in failures deleted');
  },
};
