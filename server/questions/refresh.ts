// Entry points for jobs: the hourly deadlines run and the hook the sync calls after each run.
import type { Db } from '../db/client.ts';
import { matchZaken } from '../topics/match-zaken.ts';
import { evaluateQuestionSetsDetail, type EvaluateResult } from './evaluate-sql.ts';
import type { DeadlinePolicy } from './policy.ts';
import { refreshQuestionPeople } from './refresh-people.ts';

export interface DeadlinesRunResult extends EvaluateResult {
  /** Question sets looked at (open, new, or closed with news from the sync). */
  candidates: number;
  /** Sets whose askers/addressees were refreshed (new ones, or their submission date moved). */
  peopleRefreshed: number;
  /** The status evaluation and transitions alone. */
  ms: number;
  /** Including the askers/addressees refresh and the topic lens. */
  totalMs: number;
}

/**
 * The deadlines job: evaluates every open (or new) question set as of `now`, writing only what
 * changed; refreshes askers and addressees of the sets that are new or whose submission date moved
 * (the party at the time depends on it); matches new or changed zaken against the topics.
 */
export async function runDeadlines(db: Db, now: Date, policy?: DeadlinePolicy): Promise<DeadlinesRunResult> {
  const started = performance.now();
  const result = await evaluateQuestionSetsDetail(db, now, policy ? { policy } : {});
  const evaluationMs = Math.round(performance.now() - started);
  if (result.peopleStale.length > 0) await refreshQuestionPeople(db, { zaakIds: result.peopleStale });
  // Question sets the topic lens has not seen yet (or changed since).
  await matchZaken(db, now);
  return {
    evaluated: result.evaluated,
    eventsRecorded: result.eventsRecorded,
    candidates: result.candidates,
    peopleRefreshed: result.peopleStale.length,
    ms: evaluationMs,
    totalMs: Math.round(performance.now() - started),
  };
}

/**
 * For the sync: re-evaluate the zaken a sync run touched (also answered ones, whose documents may
 * have changed) and refresh their askers and addressees (their actors may have changed), then
 * everything still open. Safe to call with ids that are not question sets.
 */
export async function refreshAfterSync(db: Db, now: Date, zaakIds: string[]): Promise<EvaluateResult> {
  const touched = await evaluateQuestionSetsDetail(db, now, { zaakIds });
  await refreshQuestionPeople(db, { zaakIds });
  await matchZaken(db, now, zaakIds);
  const open = await evaluateQuestionSetsDetail(db, now);
  if (open.peopleStale.length > 0) await refreshQuestionPeople(db, { zaakIds: open.peopleStale });
  return { evaluated: touched.evaluated + open.evaluated, eventsRecorded: touched.eventsRecorded + open.eventsRecorded };
}
