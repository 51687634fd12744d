// Staff can mark a question set as answered by a government letter (Brief regering) instead of
// an answer document; the status rule then uses the letter's date. The mark, the events it leads
// to and their alert deliveries are written in the caller's transaction (server/staff/questions.ts).
import { fanOutEvents } from '../alerts/fanout.ts';
import type { Tx } from '../db/client.ts';
import { questionLetterAnswers } from '../db/schema/index.ts';
import { evaluateQuestionSetsDetail } from '../questions/evaluate-sql.ts';
import { refreshQuestionPeople } from '../questions/refresh-people.ts';
import { matchZaken } from '../topics/match-zaken.ts';
import type { AlertOptions } from './hourly.ts';

export interface LetterAnswerInput {
  zaakId: string;
  answeredAt: Date;
  documentId?: string | null;
  note?: string;
  markedBy: string;
}

export interface ReevaluateResult {
  eventsRecorded: number;
  deliveries: number;
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

/**
 * Re-evaluates these sets and fans out the events that records, in the caller's transaction, so
 * the staff action, its events and their deliveries commit together rather than waiting for the
 * alerts job's catch-up. A set evaluated here for the first time gets its askers, addressees and
 * topic matches first, as in the sync's derivation, so the fan-out finds every subscriber it should.
 */
async function reevaluateSets(tx: Tx, now: Date, zaakIds: string[], options: AlertOptions): Promise<ReevaluateResult> {
  const result = await evaluateQuestionSetsDetail(tx, now, { zaakIds });
  if (result.peopleStale.length > 0) {
    await refreshQuestionPeople(tx, { zaakIds: result.peopleStale });
    await matchZaken(tx, now, result.peopleStale);
  }
  const fanOut = await fanOutEvents(tx, now, { cutoffDays: options.cutoffDays, eventIds: result.eventIds });
  return { eventsRecorded: result.eventsRecorded, deliveries: fanOut.deliveries };
}
