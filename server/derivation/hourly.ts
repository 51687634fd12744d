// The hourly derivation (the `deadlines` job, and after every sync): time moves question sets on
// (due soon, overdue) without anything arriving from the feed. Records those events, derives what
// alert filters match on for sets seen for the first time, and fans the events out to subscribers
// in ONE transaction, so an event and its deliveries commit together.
import { fanOutEvents } from '../alerts/fanout.ts';
import type { Db } from '../db/client.ts';
import { evaluateQuestionSetsDetail, type EvaluateResult } from '../questions/evaluate-sql.ts';
import type { DeadlinePolicy } from '../questions/policy.ts';
import { refreshQuestionPeople } from '../questions/refresh-people.ts';
import { indexMissingSets } from '../search/index-sets.ts';
import { matchZaken } from '../topics/match-zaken.ts';

export interface AlertOptions {
  /** Events recorded more than this many days after they happened never mail (config ALERT_CUTOFF_DAYS). */
  cutoffDays?: number;
}

export interface DeadlinesRunResult extends EvaluateResult {
  /** Question sets looked at (open, new, or closed with news from the sync). */
  candidates: number;
  /** Sets whose askers/addressees were refreshed (new ones, or their submission date moved). */
  peopleRefreshed: number;
  /** Alert deliveries made for the recorded events. */
  deliveries: number;
  /** The status evaluation and transitions alone. */
  ms: number;
  /** Including the askers/addressees refresh, the topic lens and the fan-out. */
  totalMs: number;
}

/**
 * The deadlines job: evaluates every open (or new) question set as of `now`, writing only what
 * changed; refreshes askers and addressees of the sets that are new or whose submission date moved
 * (the party at the time depends on it); matches new or changed zaken against the topics; fans the
 * recorded events out. One transaction: the events commit with their deliveries or not at all.
 */
export async function runDeadlines(db: Db, now: Date, policy?: DeadlinePolicy, options: AlertOptions = {}): Promise<DeadlinesRunResult> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    const result = await evaluateQuestionSetsDetail(tx, now, policy ? { policy } : {});
    const evaluationMs = Math.round(performance.now() - started);
    if (result.peopleStale.length > 0) await refreshQuestionPeople(tx, { zaakIds: result.peopleStale });
    // Question sets the topic lens has not seen yet (or changed since).
    await matchZaken(tx, now);
    // Sets without a search index row (from before the index existed): a batch each run.
    await indexMissingSets(tx, now);
    const fanOut = await fanOutEvents(tx, now, { cutoffDays: options.cutoffDays, eventIds: result.eventIds });
    return {
      evaluated: result.evaluated,
      eventsRecorded: result.eventsRecorded,
      candidates: result.candidates,
      peopleRefreshed: result.peopleStale.length,
      deliveries: fanOut.deliveries,
      ms: evaluationMs,
      totalMs: Math.round(performance.now() - started),
    };
  });
}
