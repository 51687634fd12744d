// Document kinds (Document.Soort, exact strings from the Tweede Kamer) that drive a question
// set's status.
export const QUESTION_ZAAK_SOORT = 'Schriftelijke vragen';

export const DOC_QUESTIONS = 'Schriftelijke vragen';
export const DOC_ANSWER = 'Antwoord schriftelijke vragen';
/** A follow-up answer: never the first answer. */
export const DOC_ANSWER_NADER = 'Antwoord schriftelijke vragen (nader)';
export const DOC_DELAY_NOTICE = 'Mededeling (uitstel antwoord)';
/** A plain notice; it withdraws the questions when its subject says so. */
export const DOC_NOTICE = 'Mededeling';

/** tkconv's test for a withdrawal notice; the SQL evaluation uses the same pattern with `~*`. */
export const WITHDRAWAL_PATTERN = 'ingetrokken|intrekken';
const withdrawal = new RegExp(WITHDRAWAL_PATTERN, 'i');

export function isWithdrawalNotice(soort: string | null, onderwerp: string | null, titel: string | null): boolean {
  return soort === DOC_NOTICE && withdrawal.test(`${onderwerp ?? ''} ${titel ?? ''}`);
}

const EVENT_SOORTEN = new Set([DOC_DELAY_NOTICE, DOC_ANSWER, DOC_ANSWER_NADER, DOC_NOTICE]);

/**
 * Whether a document can make a question event, judged on the feed page itself so that the
 * derivation's join runs only for the few documents that matter (most of the feed is motions,
 * letters, reports).
 */
export function mayRecordEvent(soort: string | null | undefined): boolean {
  return soort != null && EVENT_SOORTEN.has(soort);
}
