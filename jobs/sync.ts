// The `sync` job: every mirrored SyncFeed category to its head, then exit. Progress goes to the
// terminal when there is one, otherwise to the log every 100 pages.
import { runPromiseLedger } from '../server/promises/run.ts';
import { derivePendingZaken, runDeadlines } from '../server/questions/refresh.ts';
import { FeedClient } from '../server/sync/client.ts';
import { logProgress, terminalProgress } from '../server/sync/progress.ts';
import { reachedEveryHead, runSync } from '../server/sync/run-sync.ts';
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
    let complete = false;
    try {
      const results = await runSync({
        db: database.db,
        client,
        now: () => clock.now(),
        log,
        progress: interactive ? terminalProgress() : logProgress(log),
        stop,
      });
      complete = reachedEveryHead(results);
      log.info({ entries: results.reduce((n, r) => n + r.entries, 0), categories: results.length }, 'sync done');
    } finally {
      await client.close();
      // Sets whose actors or documents changed are re-derived even when already answered; they
      // are marked pending first, also after a run that failed (the pages' own marks survive a
      // killed run too).
      const cutoffDays = config.ALERT_CUTOFF_DAYS;
      const touched = await zakenTouchedSince(database.db, marks);
      await markZakenPending(database.db, touched, clock.now());
      // The categories are separate streams: a run that stopped part-way may have a set's Zaak
      // without its ZaakActors (askers) or documents. Deriving it then would record its "asked"
      // event and fan it out to nobody who follows the askers' party or member, for good (the
      // event is recorded once). So pending sets get their events, status, askers' parties, topic
      // matches and deliveries only after a run that reached the head of every category; until
      // then they stay pending (an outage delays alerts, it does not lose them).
      const derived = complete
        ? await derivePendingZaken(database.db, clock.now(), { cutoffDays })
        : { zaken: 0, evaluated: 0, eventsRecorded: 0, deliveries: 0 };
      if (!complete) log.warn({ touched: touched.length }, 'sync incomplete: pending question sets are derived after the next complete run');
      // DESIGN.md: the deadlines evaluation runs after every sync.
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
      // The promises ledger reads the commitments, decisions and deferred answers the run brought.
      if (complete) log.info(await runPromiseLedger(database.db, clock.now(), { cutoffDays }), 'promises evaluated after sync');
    }
  },
};
