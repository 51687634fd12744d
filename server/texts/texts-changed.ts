// The one place that hears which question sets got new or changed texts, at the end of a texts
// run. Whatever reads question_texts and must follow a change hooks in here: the search index,
// the topic lens and the alerts the new texts make due (server/derivation/after-texts.ts), and the
// promises ledger (an answer that defers is a promise owed, server/promises/derive.ts).
import type { Db } from '../db/client.ts';
import { afterTextsChanged } from '../derivation/after-texts.ts';
import { runPromiseLedger } from '../promises/run.ts';

export async function textsChanged(db: Db, zaakIds: readonly string[], now: Date, options: { cutoffDays?: number } = {}): Promise<void> {
  if (zaakIds.length === 0) return;
  await afterTextsChanged(db, zaakIds, now, { cutoffDays: options.cutoffDays });
  await runPromiseLedger(db, now, { cutoffDays: options.cutoffDays });
}
