// What runs after every sync run, whether it completed or not: the policy that decides when the
// sets a run touched are derived. `feedMarks` (server/sync/touched-zaken.ts) is taken before the
// run; `deriveAfterSync` runs after it.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { type FeedMarks, markTouchedSince } from '../sync/touched-zaken.ts';
import { type AlertOptions, runDeadlines } from './hourly.ts';
import { derivePendingZaken } from './pending-sets.ts';

export interface AfterSyncResult {
  /** Zaken the run touched besides the pages' own marks (actors, other documents). */
  touched: number;
  /** Pending zaken derived (0 after an incomplete run). */
  derived: number;
  evaluated: number;
  events: number;
  deliveries: number;
}

export interface AfterSyncOptions extends AlertOptions {
  /** The entry stamps taken before the run. */
  marks: FeedMarks;
  /** Whether the run reached the head of every category (runSync's reachedEveryHead). */
  complete: boolean;
  clock: Clock;
  /** Chunks derived at once in a bulk derivation (see SyncDerivationOptions.lanes). */
  lanes?: number;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
}

export async function deriveAfterSync(db: Db, options: AfterSyncOptions): Promise<AfterSyncResult> {
  const { clock, cutoffDays } = options;
  // Sets whose actors or documents changed are re-derived even when already answered; they are
  // marked pending first, also after a run that failed (the pages' own marks survive a killed
  // run too).
  const touched = await markTouchedSince(db, options.marks, clock.now());
  // The categories are separate streams: a run that stopped part-way may have a set's Zaak
  // without its ZaakActors (askers) or documents. Deriving it then would record its "asked" event
  // and fan it out to nobody who follows the askers' party or member, for good (the event is
  // recorded once). So pending sets get their events, status, askers' parties, topic matches and
  // deliveries only after a run that reached the head of every category; until then they stay
  // pending (an outage delays alerts, it does not lose them).
  const derived = options.complete
    ? await derivePendingZaken(db, clock.now(), { cutoffDays, lanes: options.lanes, progress: (p) => options.log.info(p, 'derivation progress') })
    : { zaken: 0, evaluated: 0, eventsRecorded: 0, deliveries: 0 };
  if (!options.complete) options.log.warn({ touched }, 'sync incomplete: pending question sets are derived after the next complete run');
  // The deadlines evaluation runs after every sync, so statuses are as of the run's end.
  const deadlines = await runDeadlines(db, clock.now(), undefined, { cutoffDays });
  return {
    touched,
    derived: derived.zaken,
    evaluated: derived.evaluated + deadlines.evaluated,
    events: derived.eventsRecorded + deadlines.eventsRecorded,
    deliveries: derived.deliveries + deadlines.deliveries,
  };
}
