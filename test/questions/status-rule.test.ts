import t from 'tap';
import { addDays, amsterdamDate, daysBetween, startOfDay } from '../../server/calendar.ts';
import { DEFAULT_POLICY, policyText } from '../../server/questions/policy.ts';
import { evaluateQuestion, type FactDocument, questionTransitions } from '../../server/questions/status-rule.ts';
import { localMidnight } from '../helpers/builders.ts';

const Z = '00000000-0000-4000-8000-000000000001';
const doc = (id: string, soort: string, date: string, onderwerp?: string): FactDocument => ({ id, soort, at: localMidnight(date), onderwerp: onderwerp ?? null });
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00${localMidnight(date).toISOString().endsWith('22:00:00.000Z') ? '+02:00' : '+01:00'}`);

function evalAt(now: string, submitted: string | null, docs: FactDocument[], letter?: { at: Date; documentId: string | null }) {
  return evaluateQuestion({ zaakId: Z, nummer: '2025Z00001', gestartOp: submitted ? localMidnight(submitted) : null, documents: docs, letterAnswer: letter ?? null }, at(now));
}

t.test('calendar arithmetic is on Amsterdam calendar dates', async (t) => {
  t.equal(addDays('2025-10-10', 21), '2025-10-31', 'across the end of summer time');
  t.equal(addDays('2025-12-20', 21), '2026-01-10', 'across the year boundary');
  t.equal(addDays('2025-03-20', 21), '2025-04-10', 'across the start of summer time');
  t.equal(daysBetween('2025-10-25', '2025-10-27'), 2);
  t.equal(amsterdamDate(new Date('2025-10-25T22:30:00Z')), '2025-10-26', '00:30 CEST is the next day');
  t.equal(amsterdamDate(new Date('2025-12-31T23:30:00Z')), '2026-01-01');
  t.equal(startOfDay('2025-10-26').toISOString(), '2025-10-25T22:00:00.000Z', 'DST change day starts at 00:00 CEST');
  t.equal(startOfDay('2025-10-27').toISOString(), '2025-10-26T23:00:00.000Z');
  t.equal(startOfDay('2025-03-30').toISOString(), '2025-03-29T23:00:00.000Z');
});

t.test('due dates across DST and the year boundary', async (t) => {
  const a = evalAt('2025-10-12', '2025-10-10', [doc('q', 'Schriftelijke vragen', '2025-10-10')]);
  t.equal(a.submittedOn, '2025-10-10');
  t.equal(a.dueOn, '2025-10-31');
  t.equal(a.extendedDueOn, '2025-11-21');
  const b = evalAt('2025-12-22', '2025-12-20', []);
  t.equal(b.dueOn, '2026-01-10');
  t.equal(b.extendedDueOn, '2026-01-31');
  // A submission stamped 00:00+01:00 must not slip to the previous day in UTC.
  const c = evaluateQuestion({ zaakId: Z, nummer: null, gestartOp: new Date('2025-11-19T00:00:00+01:00'), documents: [] }, at('2025-11-20'));
  t.equal(c.submittedOn, '2025-11-19');
  t.equal(c.dueOn, '2025-12-10');
});

t.test('submission falls back to the questions document', async (t) => {
  const e = evalAt('2025-10-12', null, [doc('q', 'Schriftelijke vragen', '2025-10-09')]);
  t.equal(e.submittedOn, '2025-10-09');
  t.equal(e.questionDocumentId, 'q');
  const none = evalAt('2025-10-12', null, []);
  t.equal(none.status, 'open');
  t.equal(none.dueOn, null);
});

t.test('every status path', async (t) => {
  const q = doc('q', 'Schriftelijke vragen', '2025-10-10');
  t.equal(evalAt('2025-10-20', '2025-10-10', [q]).status, 'open');
  t.equal(evalAt('2025-10-25', '2025-10-10', [q]).status, 'open', '6 days before due');
  t.equal(evalAt('2025-10-26', '2025-10-10', [q]).status, 'due_soon', '5 days before due');
  t.equal(evalAt('2025-10-31', '2025-10-10', [q]).status, 'due_soon', 'on the due date');
  const over = evalAt('2025-11-03', '2025-10-10', [q]);
  t.equal(over.status, 'overdue');
  t.equal(over.daysOverdue, 3);
  t.equal(over.daysOpen, 24);

  const notice = doc('n', 'Mededeling (uitstel antwoord)', '2025-10-29');
  const delayed = evalAt('2025-11-03', '2025-10-10', [q, notice]);
  t.equal(delayed.status, 'delayed');
  t.equal(delayed.delayNoticeDocumentId, 'n');
  t.equal(delayed.daysOverdue, 0);
  t.equal(evalAt('2025-11-16', '2025-10-10', [q, notice]).status, 'due_soon', 'extended due 2025-11-21');
  t.equal(evalAt('2025-11-22', '2025-10-10', [q, notice]).status, 'overdue');
  t.equal(evalAt('2025-10-28', '2025-10-10', [q, notice]).status, 'due_soon', 'notice not known before its date');

  const answer = doc('a', 'Antwoord schriftelijke vragen', '2025-10-30');
  const answered = evalAt('2025-11-03', '2025-10-10', [q, answer]);
  t.equal(answered.status, 'answered');
  t.equal(answered.answeredLate, false);
  t.equal(answered.daysOpen, 20);
  t.equal(evalAt('2025-10-31', '2025-10-10', [q, answer]).status, 'answered');
  t.equal(evalAt('2025-10-31', '2025-10-10', [q, doc('a', 'Antwoord schriftelijke vragen', '2025-10-31')]).status, 'answered', 'on the due date is on time');

  const late = evalAt('2025-11-30', '2025-10-10', [q, doc('a', 'Antwoord schriftelijke vragen', '2025-11-04')]);
  t.equal(late.status, 'answered_late');
  t.equal(late.daysOverdue, 4);
  const lateAfterNotice = evalAt('2025-12-30', '2025-10-10', [q, notice, doc('a', 'Antwoord schriftelijke vragen', '2025-11-24')]);
  t.equal(lateAfterNotice.status, 'answered_late');
  t.equal(lateAfterNotice.daysOverdue, 3);
  t.equal(evalAt('2025-12-30', '2025-10-10', [q, notice, doc('a', 'Antwoord schriftelijke vragen', '2025-11-20')]).status, 'answered', 'within 6 weeks after a notice');
  // A notice after the answer does not excuse it.
  t.equal(evalAt('2025-12-30', '2025-10-10', [q, doc('a', 'Antwoord schriftelijke vragen', '2025-11-04'), doc('n', 'Mededeling (uitstel antwoord)', '2025-11-05')]).status, 'answered_late');

  const nader = doc('an', 'Antwoord schriftelijke vragen (nader)', '2025-10-20');
  const naderOnly = evalAt('2025-11-03', '2025-10-10', [q, nader]);
  t.equal(naderOnly.status, 'overdue', 'a nader answer is not the first answer');
  const both = evalAt('2025-12-01', '2025-10-10', [q, nader, doc('a', 'Antwoord schriftelijke vragen', '2025-11-10'), doc('a0', 'Antwoord schriftelijke vragen', '2025-11-12')]);
  t.equal(both.answerDocumentId, 'a', 'the first answer counts');
  t.equal(both.status, 'answered_late');

  const withdrawn = evalAt('2025-11-03', '2025-10-10', [q, doc('w', 'Mededeling', '2025-10-20', 'Mededeling over het intrekken van de vragen')]);
  t.equal(withdrawn.status, 'withdrawn');
  t.equal(withdrawn.daysOpen, 10);
  t.equal(evalAt('2025-11-03', '2025-10-10', [q, doc('m', 'Mededeling', '2025-10-20', 'Mededeling over de beantwoording')]).status, 'overdue', 'other notices do not withdraw');

  const letter = evalAt('2025-11-03', '2025-10-10', [q], { at: localMidnight('2025-10-28'), documentId: 'letter' });
  t.equal(letter.status, 'answered');
  t.equal(letter.answeredByLetter, true);
  t.equal(letter.answerDocumentId, 'letter');
  const docFirst = evalAt('2025-11-03', '2025-10-10', [q, answer], { at: localMidnight('2025-11-01'), documentId: 'letter' });
  t.equal(docFirst.answeredByLetter, false, 'an earlier answer document wins');
});

t.test('transitions with their moments; a later now sees a superset', async (t) => {
  const q = doc('q', 'Schriftelijke vragen', '2025-10-10');
  const notice = doc('n', 'Mededeling (uitstel antwoord)', '2025-11-05');
  const answer = doc('a', 'Antwoord schriftelijke vragen', '2025-11-24');
  const ev = evalAt('2025-12-01', '2025-10-10', [q, notice, answer]);
  const events = questionTransitions(ev, at('2025-12-01'));
  const keys = events.map((e) => e.dedupeKey.replace(`${Z}:`, '')).sort();
  t.same(keys, ['answered', 'answered_late', 'delay_notice', 'due_soon:2025-10-31', 'due_soon:2025-11-21', 'overdue:2025-10-31', 'overdue:2025-11-21']);
  const overdue = events.find((e) => e.dedupeKey.endsWith('overdue:2025-10-31'));
  t.equal(overdue?.occurredAt.toISOString(), '2025-10-31T23:00:00.000Z', 'midnight CET on 1 November');
  t.equal(overdue?.documentId, 'q');

  let previous = new Set<string>();
  for (let d = '2025-10-10'; d <= '2025-12-05'; d = addDays(d, 1)) {
    const now = at(d);
    const keysNow = new Set(questionTransitions(evalAt(d, '2025-10-10', [q, notice, answer]), now).map((e) => e.dedupeKey));
    for (const k of previous) t.ok(keysNow.has(k), `${k} still there on ${d}`);
    previous = keysNow;
  }
  t.equal(policyText(DEFAULT_POLICY), "Antwoordtermijn 3 weken na indiening (Reglement van Orde); na een uitstelbericht 6 weken. Termijnen in kalenderdagen (Nederlandse tijd); 'bijna verlopen' vanaf 5 dagen voor de termijn.");
});

t.test('policy is configurable', async (t) => {
  const e = evaluateQuestion(
    { zaakId: Z, nummer: null, gestartOp: localMidnight('2025-10-10'), documents: [] },
    at('2025-10-20'),
    { answerTermDays: 14, extendedTermDays: 28, dueSoonDays: 4 },
  );
  t.equal(e.dueOn, '2025-10-24');
  t.equal(e.status, 'due_soon');
});
