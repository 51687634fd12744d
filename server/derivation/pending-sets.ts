// The derivation after a sync: the question sets that committed feed pages marked pending
// (server/sync/touched-zaken.ts) get their events, status, askers and addressees, topic matches
// and alert deliveries, in one transaction per chunk, so an event and its deliveries commit
// together (a crash can delay an alert, never lose one) and a brand-new question set is matched
// against subscriptions only once its askers and topics are known.
import { sql } from 'drizzle-orm';
import { fanOutEvents } from '../alerts/fanout.ts';
import { type Db, resultRows, type Tx, pgArray } from '../db/client.ts';
import { evaluateQuestionSetsDetail, type EvaluateResult } from '../questions/evaluate-sql.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import type { DeadlinePolicy } from '../questions/policy.ts';
import { learnAddresseeFunctions, refreshQuestionPeople } from '../questions/refresh-people.ts';
import { refreshSearchIndex } from '../search/index-sets.ts';
import { matchZaken } from '../topics/match-zaken.ts';
import type { AlertOptions } from './hourly.ts';
import { recordAskedQuestions } from './sync-events.ts';

export interface SyncDerivationResult extends EvaluateResult {
  /** Pending zaken processed (not all are question sets). */
  zaken: number;
  deliveries: number;
}

export interface SyncDerivationOptions extends AlertOptions {
  /** Zaken per transaction. */
  chunk?: number;
  policy?: DeadlinePolicy;
  /**
   * Chunks derived at once, each in its own transaction, when more than one is pending (default
   * 1). More than one only where the machine is the job's: a CLI run on PostgreSQL (jobs/cli.ts),
   * not the web server's process, whose cores serve pages meanwhile.
   */
  lanes?: number;
  /** Called after each committed chunk of a bulk derivation (a first import): its progress. */
  progress?: (p: DerivationProgress) => void;
  /** Derived zaken after which a bulk derivation first refreshes the statistics the pages plan with (default 50,000). */
  analyzeFrom?: number;
}

export interface DerivationProgress {
  derived: number;
  /** Pending when the derivation started. */
  of: number;
  perSecond: number;
}

/**
 * Processes the zaken marked pending by committed feed pages, also those left by a run that died
 * before getting here. Per chunk, in one transaction: records the sync's events (asked, delay
 * notice, answer, nader answer, withdrawal), re-evaluates the sets (also answered ones, whose
 * documents may have changed; recording deadline transitions), refreshes askers and addressees
 * (their actors may have changed) and topic matches, fans out exactly the events recorded, and
 * clears the pending marks. Safe with ids that are not question sets.
 */
export async function derivePendingZaken(db: Db, now: Date, options: SyncDerivationOptions = {}): Promise<SyncDerivationResult> {
  const chunk = options.chunk ?? 5_000;
  const total: SyncDerivationResult = { zaken: 0, evaluated: 0, eventsRecorded: 0, deliveries: 0 };
  const [pending] = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from sync_pending_zaken`));
  const of = Number(pending?.n ?? 0);
  const bulk = of >= BULK;
  const lanes = Math.max(1, options.lanes ?? 1);
  const chunkLanes = Math.min(lanes, Math.ceil(of / chunk));
  if (bulk) await analyze(db, FEED_TABLES, lanes);
  // New addressee function texts are shared by many sets: learned by one lane each, the lanes
  // would wait for each other's inserts of the same texts.
  if (chunkLanes > 1) await learnAddresseeFunctions(db);
  const started = performance.now();
  let analyzeAt = options.analyzeFrom ?? 50_000;
  // Each lane takes the next chunk nobody holds (skip locked) until none is left. The chunks
  // touch disjoint rows (events, statuses, matches and deliveries are all per set or per event).
  await inLanes(chunkLanes, async () => {
    const done = await db.transaction((tx) => deriveChunk(tx, now, chunk, options));
    if (!done) return false;
    total.zaken += done.zaken;
    total.evaluated += done.evaluated;
    total.eventsRecorded += done.eventsRecorded;
    total.deliveries += done.deliveries;
    if (bulk && options.progress) {
      const seconds = (performance.now() - started) / 1000;
      options.progress({ derived: total.zaken, of, perSecond: seconds > 0 ? Math.round(total.zaken / seconds) : 0 });
    }
    // While the derived tables grow from nothing, the pages served meanwhile are planned on
    // statistics of a table a fraction of its size: a filtered list then sorts 100,000 rows
    // instead of walking an index for 25 (test/bench/first-import.ts). Each time the derived
    // part doubles, this lane refreshes what the pages read (ANALYZE reads a bounded sample);
    // below 50,000 sets a plan that misjudges the table's size costs milliseconds, not seconds.
    if (bulk && total.zaken >= analyzeAt && total.zaken < of) {
      analyzeAt = total.zaken * 2;
      await analyze(db, PAGE_TABLES, 1);
    }
    return true;
  });
  if (total.zaken >= BULK) await analyze(db, DERIVED_TABLES, lanes);
  return total;
}

/**
 * Runs `step` in `lanes` loops at once until it returns false; on PostgreSQL each lane's
 * statements run in a server process of its own, on a core of its own. After a step fails the
 * other lanes finish the step they are in and stop (none is left running under a closing pool);
 * the first failure is thrown.
 */
async function inLanes(lanes: number, step: () => Promise<boolean>): Promise<void> {
  let failed = false;
  const lane = async (): Promise<void> => {
    try {
      while (!failed && (await step()));
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: lanes }, lane));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * From this many pending zaken on (a first import, a large backfill), the planner's statistics
 * are refreshed before and after the derivation. Right after a bulk import the tables have none
 * (autovacuum analyzes them later, in its own time), and the planner then takes a table of 60,000
 * rows for one of a few hundred: a per-zaak lookup becomes a sequential scan per zaak and the
 * derivation of 50,000 sets takes minutes instead of seconds. ANALYZE reads a bounded sample, so
 * it costs well under a second even on the full feed.
 */
const BULK = 2_000;
/** What the derivation reads from the mirror. */
const FEED_TABLES = ['zaken', 'documents', 'document_zaken', 'zaak_actors', 'personen', 'fracties', 'fractie_zetels', 'fractie_zetel_personen', 'sync_pending_zaken'];
/** What it wrote, read next by the deadlines evaluation after the sync and by the pages. */
const DERIVED_TABLES = ['question_status', 'question_events', 'question_askers', 'question_addressees', 'topic_matches', 'zaak_topic_checks', 'alert_fanout', 'question_search'];
/** Of those, what the list pages filter and count on (a set's own page reads its rows by key). */
const PAGE_TABLES = ['question_status', 'question_askers', 'question_addressees', 'topic_matches', 'question_search'];

/** The tables analyzed `lanes` at a time, each in a statement of its own. */
async function analyze(db: Db, tables: string[], lanes: number): Promise<void> {
  const queue = [...tables];
  await inLanes(lanes, async () => {
    const table = queue.shift();
    // Table names are constants of this module, never input.
    if (table) await db.execute(sql.raw(`analyze ${table}`));
    return table !== undefined;
  });
}

async function deriveChunk(tx: Tx, now: Date, chunk: number, options: SyncDerivationOptions): Promise<SyncDerivationResult | null> {
  // Locked, so a second derivation (another instance) takes other zaken or none.
  const zaakIds = resultRows<{ zaak_id: string }>(
    await tx.execute(sql`select zaak_id from sync_pending_zaken order by zaak_id limit ${chunk} for update skip locked`),
  ).map((r) => r.zaak_id);
  if (zaakIds.length === 0) return null;
  // The copies of what the list filters on (askers' parties, ministries, topics) go into a new
  // set's status row as it is written, and into known sets' rows once for the chunk, not by the
  // triggers on every delete and insert below (migrations/0018_question_status_filters.sql).
  await tx.execute(sql`set local kamerwacht.defer_filter_copies = on`);
  // The sync's events first, so a set's answer or delay notice is recorded with the document's
  // details as source 'sync'; the evaluation then finds the same dedupe keys taken.
  const syncEvents = await recordAskedQuestions(tx, zaakIds, now);
  // A zaak that is no longer a written-question set (its soort changed) leaves the list, which
  // reads question_status without joining zaken.
  await tx.execute(sql`
    delete from question_status q where q.zaak_id = any(${pgArray(zaakIds)}::uuid[])
      and not exists (select 1 from zaken z where z.id = q.zaak_id and z.soort = ${QUESTION_ZAAK_SOORT})`);
  // Askers and topic matches before the evaluation, so a new set's status row is written once,
  // with its filter copies; the copy below then rewrites only the rows of known sets whose
  // askers, addressees or topics changed.
  await refreshQuestionPeople(tx, { zaakIds });
  await matchZaken(tx, now, zaakIds);
  const evaluation = await evaluateQuestionSetsDetail(tx, now, { zaakIds, ...(options.policy ? { policy: options.policy } : {}) });
  // Only sets whose row was there before: a new row took its copies as it was inserted, and a
  // zaak that is no question set has none (on a first import that is every zaak of the chunk).
  if (evaluation.known.length > 0) await tx.execute(sql`select question_status_copy_filters(${pgArray(evaluation.known)}::uuid[])`);
  await tx.execute(sql`set local kamerwacht.defer_filter_copies = off`);
  // Before the fan-out: a keyword subscription matches on the index (a new set's title and subject).
  await refreshSearchIndex(tx, zaakIds, now);
  const fanOut = await fanOutEvents(tx, now, { cutoffDays: options.cutoffDays, eventIds: [...syncEvents, ...evaluation.eventIds] });
  await tx.execute(sql`delete from sync_pending_zaken where zaak_id = any(${pgArray(zaakIds)}::uuid[])`);
  return {
    zaken: zaakIds.length,
    evaluated: evaluation.evaluated,
    eventsRecorded: syncEvents.length + evaluation.eventsRecorded,
    deliveries: fanOut.deliveries,
  };
}
