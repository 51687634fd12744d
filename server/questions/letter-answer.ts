// Staff can mark a question set as answered by a government letter (Brief regering) instead of
// an answer document; the status rule then uses the letter's date. The staff form comes later.
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { questionLetterAnswers } from '../db/schema/index.ts';
import { evaluateQuestionSets } from './evaluate-sql.ts';

export interface LetterAnswerInput {
  zaakId: string;
  answeredAt: Date;
  documentId?: string | null;
  note?: string;
  markedBy: string;
}

/** Marks (or re-marks) the set and re-evaluates it at once, so pages show it straight away. */
export async function markAnsweredByLetter(db: Db, clock: Clock, input: LetterAnswerInput): Promise<void> {
  const now = clock.now();
  const row = {
    zaakId: input.zaakId,
    answeredAt: input.answeredAt,
    documentId: input.documentId ?? null,
    note: input.note ?? '',
    markedBy: input.markedBy,
    markedAt: now,
  };
  await db.insert(questionLetterAnswers).values(row).onConflictDoUpdate({ target: questionLetterAnswers.zaakId, set: row });
  await evaluateQuestionSets(db, now, { zaakIds: [input.zaakId] });
}

export async function unmarkAnsweredByLetter(db: Db, clock: Clock, zaakId: string): Promise<void> {
  await db.delete(questionLetterAnswers).where(eq(questionLetterAnswers.zaakId, zaakId));
  await evaluateQuestionSets(db, clock.now(), { zaakIds: [zaakId] });
}
