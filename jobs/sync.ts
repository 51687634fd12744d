// The `sync` job: every mirrored SyncFeed category to its head, then the derivation of what the
// run touched (server/derivation/after-sync.ts) and the promises ledger, then exit. Progress goes
// to the terminal when there is one, otherwise to the log every 100 pages.
import { deriveAfterSync } from '../server/derivation/after-sync.ts';
import { runPromiseLedger } from '../server/promises/run.ts';
import { FeedClient } from '../server/sync/client.ts';
import { logProgress, terminalProgress } from '../server/sync/progress.ts';
import { reachedEveryHead, runSync } from '../server/sync/run-sync.ts';
import { feedMarks } from '../server/sync/touched-zaken.ts';
import type { Job } from './job.ts';

export const syncJob: Job = {
  name: 'sync',
  schedule: (config) => config.SYNC_SCHEDULE,
  stoppable: true,
  async run({ config, database, log }, { clock, interactive, lanes, stop }) {
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
      // Also after a failed or stopped run: what its committed pages touched is marked pending.
      const derived = await deriveAfterSync(database.db, { marks, complete, clock, log, lanes, cutoffDays: config.ALERT_CUTOFF_DAYS });
      log.info(derived, 'question sets evaluated after sync');
      // The promises ledger reads the commitments, decisions and deferred answers the run brought.
      if (complete) log.info(await runPromiseLedger(database.db, clock.now(), { cutoffDays: config.ALERT_CUTOFF_DAYS }), 'promises evaluated after sync');
    }
  },
};
