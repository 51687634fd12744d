// Answers that defer ("Ik informeer uw Kamer hierover voor de zomer") become promises owed by
// the minister the questions were addressed to, linked to their question, with the deadline read
// from the deferring sentence; grouped questions with one deferral make one promise; a later
// nader answer on the same set is suggested as the fulfilment; a deferral that disappears from
// the texts leaves its promise marked removed. question_texts rows are written directly here, as
// the texts job would.
import { eq } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../server/db/client.ts';
import { questionTexts, questionTextSets, requestLinks, requests } from '../../server/db/schema/index.ts';
import { getPromise } from '../../server/promises/ledger.ts';
import { runPromiseLedger } from '../../server/promises/run.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

const NOW = new Date('2025-11-24T10:00:00+01:00');

async function setWithDeferrals(db: Db) {
  const q = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'De oorzaak van de hack bij een medisch laboratorium' });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' });
  const answer = await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-19', nummer: '2025D45001' });
  await runDeadlines(db, NOW);
  const deferral = 'De oorzaak wordt nog onderzocht. Ik informeer uw Kamer hierover voor de zomer.';
  await db.insert(questionTextSets).values({ zaakId: q.zaakId, textSource: 'koop', updatedAt: new Date('2025-11-20T08:00:00Z') });
  await db.insert(questionTexts).values([
    { zaakId: q.zaakId, position: 1, number: '1', text: 'Wat was de oorzaak van de hack?', answerText: 'Zie het antwoord op vraag 2.', answerDocumentId: answer, refersTo: ['2'], flags: ['referred'] },
    { zaakId: q.zaakId, position: 2, number: '2', text: 'Wanneer is het onderzoek klaar?', answerText: deferral, answerDocumentId: answer, deferred: true, deferralText: deferral, answeredWith: ['3'], flags: ['grouped', 'deferred'] },
    { zaakId: q.zaakId, position: 3, number: '3', text: 'Deelt u de uitkomsten met de Kamer?', answerText: deferral, answerDocumentId: answer, deferred: true, deferralText: deferral, answeredWith: ['2'], flags: ['grouped', 'deferred'] },
    { zaakId: q.zaakId, position: 4, number: '4', text: 'Komt er een aparte brief over de labs?', answerText: 'Het kabinet zal in een separate brief op deze vraag ingaan.', answerDocumentId: answer, deferred: true, deferralText: 'Het kabinet zal in een separate brief op deze vraag ingaan.', flags: ['deferred'] },
  ]);
  return { ...q, answer };
}

t.test('a deferred answer becomes a promise owed by the addressed minister', async (t) => {
  const { db } = await testDatabase(t);
  const q = await setWithDeferrals(db);
  const result = await runPromiseLedger(db, NOW);
  t.equal(result.derived.deferrals, 2, 'two deferring sentences: two promises (questions 2 and 3 share one)');
  const rows = await db.select().from(requests).where(eq(requests.source, 'answer')).orderBy(requests.sourceId);
  t.match(rows, [
    {
      kind: 'deferral',
      sourceId: `${q.zaakId}:2`,
      zaakId: q.zaakId,
      requestedOn: '2025-11-19',
      ministerName: 'J. Tielen',
      ministerPost: 'staatssecretaris',
      dueOn: '2026-07-01',
      dueText: 'voor de zomer',
      dueSource: 'text',
      status: 'open',
      subject: /^Uitgesteld antwoord op vragen 2 en 3 van 2025Z19002/,
    },
    { sourceId: `${q.zaakId}:4`, dueOn: null, dueText: null, subject: /vraag 4 van 2025Z19002/, status: 'open' },
  ]);
  const page = (await getPromise(db, rows[0]!.slug))!;
  t.same(page.addressees, ['VWS']);
  t.same(page.details.questionNumbers, ['2', '3']);
  t.match(page.zaak, { nummer: '2025Z19002' });

  const again = await runPromiseLedger(db, NOW);
  t.equal(again.derived.deferrals, 0, 'unchanged texts derive nothing');

  // A nader answer on the same set, later: suggested as the fulfilment of both.
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen (nader)', datum: '2026-03-02', nummer: '2026D09001', onderwerp: 'Nader antwoord over de oorzaak van de hack' });
  const later = new Date('2026-03-03T10:00:00+01:00');
  await runPromiseLedger(db, later);
  const links = await db.select().from(requestLinks).where(eq(requestLinks.requestId, rows[0]!.id));
  t.match(links, [{ kind: 'document', state: 'suggested', origin: 'suggestion', reason: { why: 'zaak' } }]);

  // The texts are read again and question 4 no longer defers.
  await db.update(questionTexts).set({ deferred: false, deferralText: null }).where(eq(questionTexts.position, 4));
  await db.update(questionTextSets).set({ updatedAt: new Date('2026-03-03T08:00:00Z') }).where(eq(questionTextSets.zaakId, q.zaakId));
  await runPromiseLedger(db, later);
  const [four] = await db.select().from(requests).where(eq(requests.sourceId, `${q.zaakId}:4`));
  t.ok(four!.sourceRemovedAt, 'no longer deferred: kept, marked removed');
});
