// The hourly deadlines run writes only what changed: nothing when nothing happened, the day
// counters of open sets on a new day, and a closed set again when the sync recorded news for it.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { questionAskers, questionEvents, questionStatus } from '../../server/db/schema/index.ts';
import { evaluateQuestionSetsDetail } from '../../server/questions/evaluate-sql.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('only new or changed status rows are written, and events only for changed deadlines', async (t) => {
  const { db } = await testDatabase(t);
  const open = await insertQuestionSet(db, { nummer: '2025Z30001', submitted: '2025-10-10' });
  const answered = await insertQuestionSet(db, { nummer: '2025Z30002', submitted: '2025-09-01' });
  await insertDocument(db, { zaakId: answered.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-15' });
  await insertActor(db, { zaakId: open.zaakId, relatie: 'Indiener', naam: 'Lid A' });

  const first = await runDeadlines(db, new Date('2025-10-20T10:00:00+02:00'));
  t.equal(first.evaluated, 2, 'first run writes every new set');
  t.equal(first.peopleRefreshed, 2, 'and materializes their askers and addressees');
  t.equal((await db.select().from(questionAskers)).length, 1);

  const hourLater = await runDeadlines(db, new Date('2025-10-20T11:00:00+02:00'));
  t.same({ candidates: hourLater.candidates, evaluated: hourLater.evaluated, events: hourLater.eventsRecorded, people: hourLater.peopleRefreshed },
    { candidates: 1, evaluated: 0, events: 0, people: 0 }, 'an hour later: the open set is looked at, nothing written');
  const [row] = await db.select().from(questionStatus).where(eq(questionStatus.zaakId, open.zaakId));
  t.equal(row?.statusAsOf.toISOString(), '2025-10-20T08:00:00.000Z', 'status_as_of is when the row last changed');

  const nextDay = await runDeadlines(db, new Date('2025-10-21T10:00:00+02:00'));
  t.equal(nextDay.evaluated, 1, 'a new day moves the open set\'s day counters');
  t.equal(nextDay.eventsRecorded, 0, 'but records nothing: its deadlines did not change');

  // The due-soon day (31 Oct − 3) passes: the status changes and the transition is recorded.
  const dueSoon = await runDeadlines(db, new Date('2025-10-28T10:00:00+01:00'));
  t.equal(dueSoon.evaluated, 1);
  t.equal(dueSoon.eventsRecorded, 1);
  t.same((await db.select().from(questionEvents).where(eq(questionEvents.zaakId, open.zaakId))).map((e) => e.kind), ['due_soon']);

  // A closed set gets news from the sync (a withdrawal notice it had missed): re-evaluated.
  const notice = await insertDocument(db, { zaakId: answered.zaakId, soort: 'Mededeling', datum: '2025-09-10', onderwerp: 'De vragen zijn ingetrokken' });
  await db.insert(questionEvents).values({
    zaakId: answered.zaakId,
    kind: 'withdrawn',
    occurredAt: new Date('2025-09-10T00:00:00+02:00'),
    recordedAt: new Date('2025-10-28T10:30:00+01:00'),
    documentId: notice,
    source: 'sync',
    dedupeKey: `${answered.zaakId}:withdrawn`,
  });
  const news = await evaluateQuestionSetsDetail(db, new Date('2025-10-28T11:00:00+01:00'));
  t.equal(news.candidates, 2, 'the open set and the closed one with news');
  t.equal(news.evaluated, 1);
  const [closed] = await db.select().from(questionStatus).where(eq(questionStatus.zaakId, answered.zaakId));
  t.equal(closed?.withdrawalDocumentId, notice);
  const again = await evaluateQuestionSetsDetail(db, new Date('2025-10-28T12:00:00+01:00'));
  t.equal(again.candidates, 1, 'once written, the news is no longer news');
});
