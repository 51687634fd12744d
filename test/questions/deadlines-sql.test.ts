// The SQL evaluation and the TS rule agree, and the deadlines job records each transition once.
import { asc, eq } from 'drizzle-orm';
import t from 'tap';
import { fixedClock } from '../../server/clock.ts';
import type { Db } from '../../server/db/client.ts';
import { questionEvents, questionLetterAnswers, questionSearch, questionStatus, zaakTopicChecks } from '../../server/db/schema/index.ts';
import { evaluateQuestionSets } from '../../server/questions/evaluate-sql.ts';
import { markAnsweredByLetter } from '../../server/derivation/letter-answer.ts';
import { loadQuestionFacts } from '../../server/questions/load-facts.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { derivePendingZaken } from '../../server/derivation/pending-sets.ts';
import { markZakenPending } from '../../server/sync/touched-zaken.ts';
import { evaluateQuestion, questionTransitions } from '../../server/questions/status-rule.ts';
import { deadlinesJob } from '../../jobs/deadlines.ts';
import { runSeeds } from '../../seeds/index.ts';
import { insertDocument, insertQuestionSet, insertZaak, localMidnight } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

interface Case {
  nummer: string;
  submitted: string | null;
  docs: { soort: string; date: string; onderwerp?: string }[];
  letter?: string;
}

const CASES: Case[] = [
  { nummer: '2025Z10001', submitted: '2025-10-10', docs: [] },
  { nummer: '2025Z10002', submitted: '2025-10-10', docs: [{ soort: 'Mededeling (uitstel antwoord)', date: '2025-10-29' }] },
  { nummer: '2025Z10003', submitted: '2025-10-10', docs: [{ soort: 'Antwoord schriftelijke vragen', date: '2025-10-30' }] },
  { nummer: '2025Z10004', submitted: '2025-10-10', docs: [{ soort: 'Antwoord schriftelijke vragen', date: '2025-11-04' }] },
  {
    nummer: '2025Z10005',
    submitted: '2025-10-10',
    docs: [
      { soort: 'Mededeling (uitstel antwoord)', date: '2025-11-05' },
      { soort: 'Antwoord schriftelijke vragen', date: '2025-11-24' },
      { soort: 'Antwoord schriftelijke vragen (nader)', date: '2025-12-10' },
    ],
  },
  { nummer: '2025Z10006', submitted: '2025-10-10', docs: [{ soort: 'Mededeling', date: '2025-10-20', onderwerp: 'De vragen zijn ingetrokken' }] },
  { nummer: '2025Z10007', submitted: '2025-12-20', docs: [] },
  { nummer: '2025Z10008', submitted: '2025-12-20', docs: [{ soort: 'Antwoord schriftelijke vragen (nader)', date: '2026-01-05' }] },
  { nummer: '2025Z10009', submitted: '2025-11-01', docs: [], letter: '2025-11-30' },
  { nummer: '2025Z10010', submitted: null, docs: [{ soort: 'Antwoord schriftelijke vragen', date: '2025-11-01' }] },
  { nummer: '2025Z10011', submitted: '2025-09-01', docs: [{ soort: 'Mededeling (uitstel antwoord)', date: '2025-11-01' }] },
  { nummer: '2025Z10012', submitted: '2025-03-20', docs: [{ soort: 'Antwoord schriftelijke vragen', date: '2025-04-10' }] },
];

async function seedCases(db: Db): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const c of CASES) {
    let zaakId: string;
    if (c.submitted) zaakId = (await insertQuestionSet(db, { nummer: c.nummer, submitted: c.submitted })).zaakId;
    else zaakId = await insertZaak(db, { nummer: c.nummer, gestartOp: null });
    for (const d of c.docs) await insertDocument(db, { zaakId, soort: d.soort, datum: d.date, onderwerp: d.onderwerp ?? null });
    if (c.letter) {
      await db.insert(questionLetterAnswers).values({ zaakId, answeredAt: localMidnight(c.letter), markedBy: 'test', markedAt: new Date() });
    }
    ids.set(c.nummer, zaakId);
  }
  // Not a question set: never evaluated.
  await insertZaak(db, { nummer: '2025Z19999', soort: 'Motie', gestartOp: '2025-10-10' });
  return ids;
}

const NOWS = ['2025-10-20T10:00:00+02:00', '2025-10-27T09:00:00+01:00', '2025-11-03T12:00:00+01:00', '2025-11-25T12:00:00+01:00', '2026-01-05T08:00:00+01:00', '2026-02-15T12:00:00+01:00'];

t.test('SQL evaluation agrees with the TS rule', async (t) => {
  const { db } = await testDatabase(t);
  const ids = await seedCases(db);
  for (const iso of NOWS) {
    const now = new Date(iso);
    await db.delete(questionEvents);
    const result = await evaluateQuestionSets(db, now, { all: true });
    t.equal(result.evaluated, CASES.length, `${iso}: every question set, not the motie`);
    for (const [nummer, zaakId] of ids) {
      const facts = await loadQuestionFacts(db, zaakId);
      const expected = evaluateQuestion(facts!, now);
      const [found] = await db.select().from(questionStatus).where(eq(questionStatus.zaakId, zaakId));
      // The list's filter copies are not the rule's (test/db/question-status-filters.test.ts).
      const { topicIds: _topics, parties: _parties, askerIds: _askers, ministries: _ministries, ...row } = found ?? ({} as NonNullable<typeof found>);
      t.same(
        { ...row, answeredLate: row.answeredLate ?? null },
        expected,
        `${nummer} at ${iso}: ${expected.status}`,
      );
      const events = await db.select().from(questionEvents).where(eq(questionEvents.zaakId, zaakId)).orderBy(asc(questionEvents.dedupeKey));
      const want = questionTransitions(expected, now).sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
      t.same(
        events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString(), documentId: e.documentId, dedupeKey: e.dedupeKey, details: e.details })),
        want.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString(), documentId: e.documentId, dedupeKey: e.dedupeKey, details: e.details })),
        `${nummer} at ${iso}: events`,
      );
    }
  }
});

t.test('the deadlines job is idempotent, also at an earlier now', async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  await seedCases(db);
  const log = { info: () => {} } as never;
  const run = (iso: string) =>
    deadlinesJob.run({ database, log, config: {} as never }, { clock: fixedClock(new Date(iso)), interactive: false });
  await run('2026-01-05T08:00:00+01:00');
  const first = await db.select().from(questionEvents);
  t.ok(first.length > 10, `recorded ${first.length} events`);
  t.ok(first.every((e) => e.source === 'deadlines' && e.recordedAt.toISOString() === '2026-01-05T07:00:00.000Z'));
  await run('2026-01-05T08:00:00+01:00');
  t.equal((await db.select().from(questionEvents)).length, first.length, 'second run: nothing new');
  await run('2025-11-03T12:00:00+01:00');
  t.equal((await db.select().from(questionEvents)).length, first.length, 'earlier now: nothing new');
  const [back] = await db.select().from(questionStatus).where(eq(questionStatus.nummer, '2025Z10005'));
  t.equal(back?.status, 'overdue', 'a backfill stores what was true then (answered later, notice not yet)');
  t.equal(back?.statusAsOf.toISOString(), '2025-11-03T11:00:00.000Z');

  // Only open sets are evaluated on a normal run.
  const again = await runDeadlines(db, new Date('2026-01-05T09:00:00+01:00'));
  const open = await db.select().from(questionStatus).where(eq(questionStatus.statusAsOf, new Date('2026-01-05T08:00:00Z')));
  t.equal(again.evaluated, open.length);
  t.ok(again.evaluated < CASES.length);
});

t.test('marking a set answered by a government letter', async (t) => {
  const { db } = await testDatabase(t);
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z20001', submitted: '2025-10-01' });
  const clock = fixedClock(new Date('2025-11-10T12:00:00+01:00'));
  await runDeadlines(db, clock.now());
  const letterId = await insertDocument(db, { soort: 'Brief regering', datum: '2025-11-05', onderwerp: 'Kamerbrief over datalekken' });
  await db.transaction((tx) => markAnsweredByLetter(tx, clock.now(), { zaakId, answeredAt: localMidnight('2025-11-05'), documentId: letterId, markedBy: 'griffie' }));
  const [row] = await db.select().from(questionStatus).where(eq(questionStatus.zaakId, zaakId));
  t.equal(row?.status, 'answered_late');
  t.equal(row?.answeredByLetter, true);
  t.equal(row?.answerDocumentId, letterId);
  const kinds = (await db.select().from(questionEvents).where(eq(questionEvents.zaakId, zaakId))).map((e) => e.kind).sort();
  t.same(kinds, ['answered_by_letter', 'answered_late', 'due_soon', 'overdue']);
});

t.test('the deadlines run leaves sets a sync left pending to the derivation after the next complete sync', async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  const now = new Date('2025-11-20T08:00:00+01:00');
  await runSeeds(db, fixedClock(now)); // the topic
  const pending = await insertQuestionSet(db, { nummer: '2025Z11001', submitted: '2025-11-03' });
  await insertDocument(db, { zaakId: pending.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-18' });
  const settled = await insertQuestionSet(db, { nummer: '2025Z11002', submitted: '2025-11-03' });
  // A sync that stopped between its categories: the first set's actors may still be missing.
  await markZakenPending(db, [pending.zaakId], now);

  await runDeadlines(db, now);
  const evaluated = async () => (await db.select({ id: questionStatus.zaakId }).from(questionStatus)).map((r) => r.id);
  t.same(await evaluated(), [settled.zaakId], 'the pending set is not evaluated yet');
  t.same(await db.select().from(questionEvents).where(eq(questionEvents.zaakId, pending.zaakId)), [], 'and has no events (no answered alert before its askers)');
  // Nor matched on the topics or indexed for search: the derivation does that once, complete.
  const checked = async () => (await db.select({ id: zaakTopicChecks.zaakId }).from(zaakTopicChecks)).map((r) => r.id);
  const indexed = async () => (await db.select({ id: questionSearch.zaakId }).from(questionSearch)).map((r) => r.id);
  t.same(await checked(), [settled.zaakId], 'the topic lens leaves the pending set to the derivation');
  t.same(await indexed(), [settled.zaakId], 'and so does the search index');

  await derivePendingZaken(db, now);
  t.same((await evaluated()).sort(), [pending.zaakId, settled.zaakId].sort(), 'the derivation evaluates it');
  t.ok((await db.select().from(questionEvents).where(eq(questionEvents.zaakId, pending.zaakId))).some((e) => e.kind === 'answered'), 'with its events');
  t.same((await checked()).sort(), [pending.zaakId, settled.zaakId].sort(), 'matches it on the topics');
  t.same((await indexed()).sort(), [pending.zaakId, settled.zaakId].sort(), 'and indexes it');
});
