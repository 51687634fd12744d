// The ledger's part of the deadlines job (and of the post-sync step): read what changed in the
// sources into promises, catch up the topic lens, suggest fulfilments, evaluate every promise as
// of `now`, and record the week's rappels. Each step commits its events together with their
// alert deliveries.
import { fanOutPromiseEvents } from '../alerts/promise-fanout.ts';
import type { Db } from '../db/client.ts';
import { suggestRequestLinks } from '../requests/suggest-links.ts';
import { type DeriveResult, derivePromises } from './derive.ts';
import { evaluatePromises } from './evaluate.ts';
import { recordRappels } from './rappel.ts';
import { suggestFulfilments } from './suggest-fulfilment.ts';
import { matchPromises } from './topics.ts';

export interface LedgerOptions {
  /** Events recorded more than this many days after they happened never mail (ALERT_CUTOFF_DAYS). */
  cutoffDays?: number;
}

export interface LedgerRunResult {
  derived: DeriveResult;
  suggested: number;
  evaluated: number;
  candidates: number;
  events: number;
  deliveries: number;
  /** The promise evaluation alone (what the bench measures). */
  evaluationMs: number;
}

export async function runPromiseLedger(db: Db, now: Date, options: LedgerOptions = {}): Promise<LedgerRunResult> {
  const { cutoffDays } = options;
  const derived = await derivePromises(db, now, { cutoffDays });
  await db.transaction((tx) => matchPromises(tx, now));
  const suggested = (await suggestFulfilments(db, now)).length + (await suggestRequestLinks(db, now)).suggested.length;
  const started = performance.now();
  const evaluation = await db.transaction(async (tx) => {
    const e = await evaluatePromises(tx, now);
    const ms = performance.now() - started;
    const fanOut = await fanOutPromiseEvents(tx, now, { eventIds: e.eventIds, cutoffDays });
    return { ...e, ms, deliveries: fanOut.deliveries };
  });
  const rappel = await db.transaction(async (tx) => {
    const ids = await recordRappels(tx, now);
    return { events: ids.length, deliveries: (await fanOutPromiseEvents(tx, now, { eventIds: ids, cutoffDays })).deliveries };
  });
  return {
    derived,
    suggested,
    evaluated: evaluation.evaluated,
    candidates: evaluation.candidates,
    events: evaluation.eventIds.length + rappel.events,
    deliveries: derived.deliveries + evaluation.deliveries + rappel.deliveries,
    evaluationMs: Math.round(evaluation.ms),
  };
}
