// The texts job's work: read every due document (server/texts/due-documents.ts) through the
// fetcher, a batch at a time; store each batch's outcomes and re-pair the sets whose texts
// changed in one transaction; then tell the rest of the product which sets changed
// (textsChanged). A document that cannot be read is recorded with its reason and retried later;
// it never stops the others.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '../db/client.ts';
import { dueDocuments } from './due-documents.ts';
import type { TextFetcher } from './fetch-client.ts';
import { type Attempt, readDocument, type Sources } from './read-document.ts';
import { replaceSetTexts, rowFor, storeTextRows } from './store.ts';
import { textsChanged } from './texts-changed.ts';

export interface TextsRunOptions {
  fetcher: TextFetcher;
  sources: Sources;
  now: Date;
  log?: Pick<Logger, 'info' | 'warn'>;
  /** Documents per batch (one query, one transaction; 500 measured faster than 200 in test/bench/texts.ts). */
  batchSize?: number;
  /** At most this many documents per run (the scheduler waits for it before the next sync); the rest waits for the next run. */
  maxDocuments?: number;
  /** ALERT_CUTOFF_DAYS, for what textsChanged refreshes. */
  cutoffDays?: number;
  /** Aborted: finish the batch in flight, then stop. */
  stop?: AbortSignal;
}

export interface TextsRunResult {
  tried: number;
  koop: number;
  tk: number;
  missing: number;
  unreadable: number;
  /** Sets whose texts changed. */
  changedSets: number;
}

export async function runTexts(db: Db, options: TextsRunOptions): Promise<TextsRunResult> {
  const { fetcher, sources, now } = options;
  const batchSize = options.batchSize ?? 500;
  const maxDocuments = options.maxDocuments ?? 2_000;
  const result: TextsRunResult = { tried: 0, koop: 0, tk: 0, missing: 0, unreadable: 0, changedSets: 0 };
  const changed = new Set<string>();
  // Two batches overlap: the next one is read while the last one is stored.
  let storing: Promise<void> = Promise.resolve();
  let storingIds: string[] = [];
  while (result.tried < maxDocuments && !options.stop?.aborted) {
    const batch = await dueDocuments(db, now, Math.min(batchSize, maxDocuments - result.tried), storingIds);
    if (batch.length === 0) break;
    // The fetcher bounds the requests in flight; parsing happens as each file arrives.
    const attempts = await Promise.all(batch.map((doc) => readDocument(fetcher, sources, doc).catch(failed)));
    const rows = batch.map((doc, i) => rowFor(doc, attempts[i]!, now));
    const touched = [...new Set(batch.filter((_, i) => rows[i]!.changed).map((d) => d.zaakId))];
    for (const [i, a] of attempts.entries()) {
      result.tried++;
      if (a.state === 'ok') result[a.source!]++;
      else result[a.state]++;
      if (a.state !== 'ok') options.log?.warn({ document: batch[i]!.id, state: a.state, reason: a.reason }, 'document text not read');
    }
    await storing;
    storingIds = batch.map((d) => d.id);
    storing = db.transaction(async (tx) => {
      await storeTextRows(tx, rows.map((r) => r.row), now);
      await replaceSetTexts(tx, touched, now);
    });
    // Awaited before the next batch is stored (or after the loop); until then a failure must not
    // count as unhandled.
    storing.catch(() => {});
    for (const id of touched) changed.add(id);
  }
  await storing;
  result.changedSets = changed.size;
  await textsChanged(db, [...changed], now, { cutoffDays: options.cutoffDays });
  return result;
}

/** A bug in a parser must not stop the run: the document is recorded as unreadable. */
function failed(err: unknown): Attempt {
  return { state: 'unreadable', source: null, content: null, publicationId: null, reason: `fout bij het lezen: ${err instanceof Error ? err.message : String(err)}` };
}
