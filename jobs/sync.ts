// The `sync` job: every mirrored SyncFeed category to its head, then exit. Progress goes to the
// terminal when there is one, otherwise to the log every 100 pages.
import { derivePendingZaken, runDeadlines } from '../server/questions/refresh.ts';
import { FeedClient } from '../server/sync/client.ts';
import { logProgress, terminalProgress } from '../server/sync/progress.ts';
import { runSync } from '../server/sync/run-sync.ts';
import { feedMarks, markZakenPending, zakenTouchedSince } from '../server/sync/touched-zaken.ts';
import type { Job } from './job.ts';

export const syncJob: Job = {
  name: 'sync',
  schedule: (config) => config.SYNC_SCHEDULE,
  stoppable: true,
  async run({ config, database, log }, { clock, interactive, stop }) {
    const client = new FeedClient({
      feedUrl: config.TK_FEED_URL,
      publicUrl: config.PUBLIC_URL,
      onRetry: ({ category, skiptoken, attempt, delayMs, error }) =>
        log.warn({ category, skiptoken, attempt, delayMs, kind: error.kind, reason: error.message }, 'feed page failed; retrying'),
    });
    const marks = await feedMarks(database.db);
    try {
      const results = await runSync({
        db: database.db,
        client,
        now: () => clock.now(),
        log,
        progress: interactive ? terminalProgress() : logProgress(log),
        stop,
      });
      log.info({ entries: results.reduce((n, r) => n + r.entries, 0), categories: results.length }, 'sync done');
    } finally {
      await client.close();
      // Whatever was committed, even by a run that failed half-way (or one that was killed
      // earlier: the pages' pending marks survive it), gets its events, status, askers' parties,
      // topic matches and alert deliveries now, not at the next hourly deadlines run (DESIGN.md:
      // the deadlines evaluation runs after every sync). Sets whose actors or documents changed
      // are re-derived even when already answered; they are marked pending first.
      const cutoffDays = config.ALERT_CUTOFF_DAYS;
      const touched = await zakenTouchedSince(database.db, marks);
      await markZakenPending(database.db, touched, clock.now());
      const derived = await derivePendingZaken(database.db, clock.now(), { cutoffDays });
      const deadlines = await runDeadlines(database.db, clock.now(), undefined, { cutoffDays });
      log.info(
        {
          touched: touched.length,
          derived: derived.zaken,
          evaluated: derived.evaluated + deadlines.evaluated,
          events: derived.eventsRecorded + deadlines.eventsRecorded,
          deliveries: derived.deliveries + deadlines.deliveries,
        },
        'question sets evaluated after sync',
      );
    }
  },
};
