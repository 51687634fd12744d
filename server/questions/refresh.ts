// Entry points for jobs: the hourly deadlines run and the derivation the sync runs after each run,
// and for staff actions that change what a set's status derives from (reevaluateSets). All three
// record question events, derive what alert filters match on (askers and their party,
// addressees and their ministry, topic matches) and fan the events out to subscribers in ONE
// transaction, so an event and its deliveries commit together (server/README.md, "the outbox")
// and a brand-new question set is matched against subscriptions only once its askers and topics
// are known.
import { sql } from 'drizzle-orm';
import { fanOutEvents } from '../alerts/fanout.ts';
import { type Db, resultRows, type Tx, pgArray } from '../db/client.ts';
import { recordAskedQuestions } from '../sync/question-changes.ts';
import { matchZaken } from '../topics/match-zaken.ts';
import { evaluateQuestionSetsDetail, type EvaluateResult } from './evaluate-sql.ts';
import type { DeadlinePolicy } from './policy.ts';
import { refreshQuestionPeople } from './refresh-people.ts';

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

export interface ReevaluateResult {
  eventsRecorded: number;
  deliveries: number;
}

/**
 * For a staff action (a letter marked as the answer, or unmarked): re-evaluates these sets and fans
 * out the events that records, in the caller's transaction, so the action, its events and their
 * deliveries commit together rather than waiting for the alerts job's catch-up. A set evaluated
 * here for the first time gets its askers, addressees and topic matches first, as in the sync's
 * derivation, so the fan-out finds every subscriber it should.
 */
export async function reevaluateSets(tx: Tx, now: Date, zaakIds: string[], options: AlertOptions = {}): Promise<ReevaluateResult> {
  const result = await evaluateQuestionSetsDetail(tx, now, { zaakIds });
  if (result.peopleStale.length > 0) {
    await refreshQuestionPeople(tx, { zaakIds: result.peopleStale });
    await matchZaken(tx, now, result.peopleStale);
  }
  const fanOut = await fanOutEvents(tx, now, { cutoffDays: options.cutoffDays, eventIds: result.eventIds });
  return { eventsRecorded: result.eventsRecorded, deliveries: fanOut.deliveries };
}

export interface SyncDerivationResult extends EvaluateResult {
  /** Pending zaken processed (not all are question sets). */
  zaken: number;
  deliveries: number;
}

export interface SyncDerivationOptions extends AlertOptions {
  /** Zaken per transaction. */
  chunk?: number;
  policy?: DeadlinePolicy;
}

/**
 * For the sync: processes the zaken marked pending by committed feed pages (touched-zaken.ts),
 * also those left by a run that died before getting here. Per chunk, in one transaction: records
 * the sync's events (asked, delay notice, answer, nader answer, withdrawal), re-evaluates the sets
 * (also answered ones, whose documents may have changed; recording deadline transitions), refreshes
 * askers and addressees (their actors may have changed) and topic matches, fans out exactly the
 * events recorded, and clears the pending marks. Safe with ids that are not question sets.
 */
export async function derivePendingZaken(db: Db, now: Date, options: SyncDerivationOptions = {}): Promise<SyncDerivationResult> {
  const chunk = options.chunk ?? 5_000;
  const total: SyncDerivationResult = { zaken: 0, evaluated: 0, eventsRecorded: 0, deliveries: 0 };
  for (;;) {
    const done = await db.transaction((tx) => deriveChunk(tx, now, chunk, options));
    if (!done) return total;
    total.zaken += done.zaken;
    total.evaluated += done.evaluated;
    total.eventsRecorded += done.eventsRecorded;
    total.deliveries += done.deliveries;
  }
}

async function deriveChunk(tx: Tx, now: Date, chunk: number, options: SyncDerivationOptions): Promise<SyncDerivationResult | null> {
  // Locked, so a second derivation (another instance) takes other zaken or none.
  const zaakIds = resultRows<{ zaak_id: string }>(
    await tx.execute(sql`select zaak_id from sync_pending_zaken order by zaak_id limit ${chunk} for update skip locked`),
  ).map((r) => r.zaak_id);
  if (zaakIds.length === 0) return null;
  // The sync's events first, so a set's answer or delay notice is recorded with the document's
  // details as source 'sync'; the evaluation then finds the same dedupe keys taken.
  const syncEvents = await recordAskedQuestions(tx, zaakIds, now);
  const evaluation = await evaluateQuestionSetsDetail(tx, now, { zaakIds, ...(options.policy ? { policy: options.policy } : {}) });
  // After the evaluation: askers' parties are taken at the submission date it stores.
  await refreshQuestionPeople(tx, { zaakIds });
  await matchZaken(tx, now, zaakIds);
  const fanOut = await fanOutEvents(tx, now, { cutoffDays: options.cutoffDays, eventIds: [...syncEvents, ...evaluation.eventIds] });
  await tx.execute(sql`delete from sync_pending_zaken where zaak_id = any(${pgArray(zaakIds)}::uuid[])`);
  return {
    zaken: zaakIds.length,
    evaluated: evaluation.evaluated,
    eventsRecorded: syncEvents.length + evaluation.eventsRecorded,
    deliveries: fanOut.deliveries,
  };
}
