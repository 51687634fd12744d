// The status and deadline rule of one question set, in plain TypeScript. The deadlines job runs
// the same rule set-based in SQL (evaluate-sql.ts); this version serves single-item views and
// the unit tests, and a test checks that both agree.
//
// Knowledge is by calendar day: a document counts from its Amsterdam date onwards. That makes an
// evaluation at an earlier `now` see a subset of what a later one sees, so the transitions it
// finds are a subset too (the job never records something new when run at an earlier now).
import type { QuestionEventKind, QuestionStatus } from '../db/schema/index.ts';
import { addDays, amsterdamDate, daysBetween, startOfDay } from '../calendar.ts';
import { DOC_ANSWER, DOC_DELAY_NOTICE, DOC_QUESTIONS, isWithdrawalNotice } from './documents.ts';
import { DEFAULT_POLICY, type DeadlinePolicy } from './policy.ts';

export interface FactDocument {
  id: string;
  soort: string | null;
  /** The document's moment: Datum, else DatumOntvangst, else DatumRegistratie. */
  at: Date | null;
  onderwerp?: string | null;
  titel?: string | null;
}

export interface QuestionFacts {
  zaakId: string;
  nummer: string | null;
  gestartOp: Date | null;
  documents: FactDocument[];
  /** Staff marked the set as answered by a government letter. */
  letterAnswer?: { at: Date; documentId: string | null } | null;
}

export interface QuestionEvaluation {
  zaakId: string;
  nummer: string | null;
  submittedOn: string | null;
  dueOn: string | null;
  extendedDueOn: string | null;
  questionDocumentId: string | null;
  delayNoticeAt: Date | null;
  delayNoticeDocumentId: string | null;
  answeredAt: Date | null;
  answeredOn: string | null;
  answerDocumentId: string | null;
  answeredLate: boolean | null;
  answeredByLetter: boolean;
  withdrawnAt: Date | null;
  withdrawalDocumentId: string | null;
  status: QuestionStatus;
  statusAsOf: Date;
  daysOpen: number | null;
  daysOverdue: number;
}

interface Dated {
  id: string | null;
  at: Date;
  on: string;
}

function first(docs: FactDocument[], pick: (d: FactDocument) => boolean, today: string | null): Dated | null {
  let best: Dated | null = null;
  for (const d of docs) {
    if (!d.at || !pick(d)) continue;
    const on = amsterdamDate(d.at);
    if (today !== null && on > today) continue;
    if (!best || d.at < best.at || (d.at.getTime() === best.at.getTime() && d.id < (best.id ?? ''))) best = { id: d.id, at: d.at, on };
  }
  return best;
}

/** The due date that applies on `day`: extended once a delay notice has come. */
function dueOnDay(day: string, d1: string, d2: string, notice: string | null): string {
  return notice !== null && notice <= day ? d2 : d1;
}

export function evaluateQuestion(facts: QuestionFacts, now: Date, policy: DeadlinePolicy = DEFAULT_POLICY): QuestionEvaluation {
  const today = amsterdamDate(now);
  const question = first(facts.documents, (d) => d.soort === DOC_QUESTIONS, null);
  const submittedOn = facts.gestartOp ? amsterdamDate(facts.gestartOp) : (question?.on ?? null);
  const notice = first(facts.documents, (d) => d.soort === DOC_DELAY_NOTICE, today);
  const answerDoc = first(facts.documents, (d) => d.soort === DOC_ANSWER, today);
  const letter = facts.letterAnswer && amsterdamDate(facts.letterAnswer.at) <= today ? facts.letterAnswer : null;
  const byLetter = letter !== null && (answerDoc === null || letter.at < answerDoc.at);
  const answer: Dated | null = byLetter && letter ? { id: letter.documentId, at: letter.at, on: amsterdamDate(letter.at) } : answerDoc;
  const withdrawal = first(facts.documents, (d) => isWithdrawalNotice(d.soort, d.onderwerp ?? null, d.titel ?? null), today);

  const base = {
    zaakId: facts.zaakId,
    nummer: facts.nummer,
    submittedOn,
    questionDocumentId: question?.id ?? null,
    delayNoticeAt: notice?.at ?? null,
    delayNoticeDocumentId: notice?.id ?? null,
    answeredAt: answer?.at ?? null,
    answeredOn: answer?.on ?? null,
    answerDocumentId: answer?.id ?? null,
    answeredByLetter: answer !== null && byLetter,
    withdrawnAt: withdrawal?.at ?? null,
    withdrawalDocumentId: withdrawal?.id ?? null,
    statusAsOf: now,
  };
  if (submittedOn === null) {
    // Without a submission date there is no clock to run: open, with no dates.
    const status: QuestionStatus = answer ? 'answered' : withdrawal ? 'withdrawn' : 'open';
    return { ...base, dueOn: null, extendedDueOn: null, answeredLate: answer ? false : null, status, daysOpen: null, daysOverdue: 0 };
  }
  const d1 = addDays(submittedOn, policy.answerTermDays);
  const d2 = addDays(submittedOn, policy.extendedTermDays);
  const n = notice?.on ?? null;
  const dates = { dueOn: d1, extendedDueOn: d2 };
  if (answer) {
    const due = dueOnDay(answer.on, d1, d2, n);
    const late = answer.on > due;
    return {
      ...dates,
      ...base,
      answeredLate: late,
      status: late ? 'answered_late' : 'answered',
      daysOpen: daysBetween(submittedOn, answer.on),
      daysOverdue: late ? daysBetween(due, answer.on) : 0,
    };
  }
  if (withdrawal) {
    return { ...dates, ...base, answeredLate: null, status: 'withdrawn', daysOpen: daysBetween(submittedOn, withdrawal.on), daysOverdue: 0 };
  }
  const due = dueOnDay(today, d1, d2, n);
  const left = daysBetween(today, due);
  const status: QuestionStatus = left < 0 ? 'overdue' : left <= policy.dueSoonDays ? 'due_soon' : n !== null ? 'delayed' : 'open';
  return {
    ...dates,
    ...base,
    answeredLate: null,
    status,
    daysOpen: Math.max(0, daysBetween(submittedOn, today)),
    daysOverdue: Math.max(0, -left),
  };
}

export interface TransitionEvent {
  zaakId: string;
  kind: QuestionEventKind;
  occurredAt: Date;
  documentId: string | null;
  dedupeKey: string;
  details: Record<string, unknown>;
}

/**
 * Every transition that had happened by `now`, each with the moment it happened. The dedupe keys
 * for delay notice, answer and withdrawal are the sync's own, so whichever writer comes first
 * records it once. Deadline events carry the due date they refer to: a set can pass its first
 * term, get a delay notice, and later pass the extended one.
 */
export function questionTransitions(ev: QuestionEvaluation, now: Date, policy: DeadlinePolicy = DEFAULT_POLICY): TransitionEvent[] {
  const today = amsterdamDate(now);
  const z = ev.zaakId;
  const out: TransitionEvent[] = [];
  const push = (kind: QuestionEventKind, occurredAt: Date, documentId: string | null, suffix: string, details: Record<string, unknown> = {}) =>
    out.push({ zaakId: z, kind, occurredAt, documentId, dedupeKey: `${z}:${kind}${suffix}`, details });

  const n = ev.delayNoticeAt ? amsterdamDate(ev.delayNoticeAt) : null;
  const withdrawnOn = ev.withdrawnAt ? amsterdamDate(ev.withdrawnAt) : null;
  const withdrawnFirst = withdrawnOn !== null && (ev.answeredOn === null || withdrawnOn < ev.answeredOn);
  const closedOn = ev.answeredOn ?? withdrawnOn;
  const closedOnOrBefore = (day: string) => closedOn !== null && closedOn <= day;
  const noticeBy = (day: string) => n !== null && n <= day;

  if (ev.delayNoticeAt) push('delay_notice', ev.delayNoticeAt, ev.delayNoticeDocumentId, '');
  if (ev.answeredAt) {
    push(ev.answeredByLetter ? 'answered_by_letter' : 'answered', ev.answeredAt, ev.answerDocumentId, '');
    if (ev.answeredLate) push('answered_late', ev.answeredAt, ev.answerDocumentId, '', { daysOverdue: ev.daysOverdue });
  }
  if (ev.withdrawnAt && withdrawnFirst) push('withdrawn', ev.withdrawnAt, ev.withdrawalDocumentId, '');
  if (ev.submittedOn === null || ev.dueOn === null || ev.extendedDueOn === null) return out;

  const deadline = (kind: 'due_soon' | 'overdue', day: string, dueOn: string, documentId: string | null) => {
    if (day <= today && !closedOnOrBefore(day)) push(kind, startOfDay(day), documentId, `:${dueOn}`, { dueOn });
  };
  const d1 = ev.dueOn;
  const d2 = ev.extendedDueOn;
  const soon1 = maxDate(addDays(d1, -policy.dueSoonDays), ev.submittedOn);
  if (!noticeBy(soon1)) deadline('due_soon', soon1, d1, ev.questionDocumentId);
  const over1 = addDays(d1, 1);
  if (!noticeBy(over1)) deadline('overdue', over1, d1, ev.questionDocumentId);
  if (n !== null && n <= d2) {
    deadline('due_soon', maxDate(addDays(d2, -policy.dueSoonDays), n), d2, ev.delayNoticeDocumentId);
    deadline('overdue', addDays(d2, 1), d2, ev.delayNoticeDocumentId);
  }
  return out;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
