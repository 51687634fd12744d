// The sync and the deadlines evaluation both record what the feed brought; for one delay
// notice, answer or withdrawal they must write one event, never one each (a subscriber would
// get two mails). Regression: the sync keyed delay notices per document, the deadlines per set.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { questionEvents } from '../../server/db/schema/index.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { recordDocumentEvents } from '../../server/derivation/sync-events.ts';
import { insertDocument, insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('one event per delay notice, answer and withdrawal, whoever records first', async (t) => {
  const { db } = await testDatabase(t);
  const now = new Date('2025-12-01T10:00:00+01:00');
  const delayed = await insertQuestionSet(db, { nummer: '2025Z18001', submitted: '2025-10-20' });
  await insertDocument(db, { zaakId: delayed.zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-11-07' });
  const answered = await insertQuestionSet(db, { nummer: '2025Z18002', submitted: '2025-10-20' });
  await insertDocument(db, { zaakId: answered.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-07' });
  const withdrawn = await insertQuestionSet(db, { nummer: '2025Z18003', submitted: '2025-10-20' });
  await insertDocument(db, { zaakId: withdrawn.zaakId, soort: 'Mededeling', datum: '2025-10-22', onderwerp: 'De vragen zijn ingetrokken' });

  const ids = [delayed.zaakId, answered.zaakId, withdrawn.zaakId];
  await db.transaction((tx) => recordDocumentEvents(tx, ids, now));
  await runDeadlines(db, now);
  await db.transaction((tx) => recordDocumentEvents(tx, ids, now));

  const count = async (zaakId: string, kind: string) =>
    (await db.select().from(questionEvents).where(eq(questionEvents.zaakId, zaakId))).filter((e) => e.kind === kind).length;
  t.equal(await count(delayed.zaakId, 'delay_notice'), 1);
  t.equal(await count(answered.zaakId, 'answered'), 1);
  t.equal(await count(withdrawn.zaakId, 'withdrawn'), 1);
});
