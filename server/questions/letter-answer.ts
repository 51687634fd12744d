// Staff can mark a question set as answered by a government letter (Brief regering) instead of
// an answer document; the status rule then uses the letter's date. The mark, the events it leads
// to and their alert deliveries are written in the caller's transaction (server/staff/questions.ts).
import type { Tx } from '../db/client.ts';
import { questionLetterAnswers } from '../db/schema/index.ts';
import { type AlertOptions, reevaluateSets, type ReevaluateResult } from './refresh.ts';

export interface LetterAnswerInput {
  zaakId: string;
  answeredAt: Date;
  documentId?: string | null;
  note?: string;
  markedBy: string;
}

/** Marks (or re-marks) the set and re-evaluates it at once, so pages and subscribers hear of it straight away. */
export async function markAnsweredByLetter(tx: Tx, now: Date, input: LetterAnswerInput, options: AlertOptions = {}): Promise<ReevaluateResult> {
  const row = {
    zaakId: input.zaakId,
    answeredAt: input.answeredAt,
    documentId: input.documentId ?? null,
    note: input.note ?? '',
    markedBy: input.markedBy,
    markedAt: now,
  };
  await tx.insert(questionLetterAnswers).values(row).onConflictDoUpdate({ target: questionLetterAnswers.zaakId, set: row });
  return reevaluateSets(tx, now, [input.zaakId], options);
}
