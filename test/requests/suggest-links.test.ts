// Suggestions for briefing and letter requests: the right activity or letter is suggested once,
// unrelated or earlier ones are not, a rejection sticks, and confirming sets the status.
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { deadlinesJob } from '../../jobs/deadlines.ts';
import { runSeeds } from '../../seeds/index.ts';
import { NSC_BRIEFING_2025 } from '../../seeds/requests.ts';
import { fixedClock } from '../../server/clock.ts';
import type { Database, Db } from '../../server/db/client.ts';
import { activiteiten, requestAddressees, requestLinks, requests } from '../../server/db/schema/index.ts';
import { evaluatePromises } from '../../server/promises/evaluate.ts';
import { EMPTY_LEDGER_FILTERS, getPromise } from '../../server/promises/ledger.ts';
import { confirmRequestLink, refreshRequestStatus, rejectRequestLink, setRequestStatus } from '../../server/requests/request-status.ts';
import { distinctiveTerms, suggestRequestLinks } from '../../server/requests/suggest-links.ts';
import { ledgerResults } from '../../views/pages/requests.ts';
import { insertActiviteit, insertDocument, insertDocumentActor } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

const NOW = new Date('2025-09-01T12:00:00+02:00');

async function seeded(t: { teardown(fn: () => unknown): void }): Promise<{ database: Database; db: Db; nscId: number }> {
  const database = await testDatabase(t);
  await runSeeds(database.db, fixedClock(NOW));
  const [nsc] = await database.db.select().from(requests).where(eq(requests.slug, NSC_BRIEFING_2025.slug));
  return { database, db: database.db, nscId: nsc!.id };
}

async function linksOf(db: Db, requestId: number) {
  return db.select().from(requestLinks).where(eq(requestLinks.requestId, requestId));
}

/** The promise as the ledger shows it, and its card on /verzoeken. */
async function viewOf(db: Db, requestId: number) {
  const [r] = await db.select({ slug: requests.slug }).from(requests).where(eq(requests.id, requestId));
  const view = (await getPromise(db, r!.slug))!;
  return { view, html: ledgerResults({ rows: [view], total: 1, page: 1, pages: 1 }, EMPTY_LEDGER_FILTERS).value };
}

/** The deadlines job's evaluation as of `now`: the status changes it made. */
async function evaluate(db: Db, now: Date, ids: number[]) {
  const before = await Promise.all(ids.map((id) => statusOf(db, id)));
  await evaluatePromises(db, now);
  const after = await Promise.all(ids.map((id) => statusOf(db, id)));
  return ids.flatMap((id, i) => (before[i] !== after[i] ? [{ requestId: id, before: before[i], after: after[i] }] : []));
}

async function statusOf(db: Db, requestId: number) {
  const [r] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId));
  return r?.status;
}

t.test('distinctive terms of a request subject leave out what was asked for', async (t) => {
  t.same(distinctiveTerms('Technische briefing over dataveiligheid in de zorg').length, 2);
  t.same(distinctiveTerms('Reactie op de hack en afpersing van PratenOnline').length, 3);
});

t.test('a VWS technical briefing on data security in healthcare is suggested for the NSC request', async (t) => {
  const { db, nscId } = await seeded(t);
  const briefing = await insertActiviteit(db, {
    soort: 'Technische briefing',
    onderwerp: 'Dataveiligheid in de zorg',
    datum: '2025-09-10',
    voortouwafkorting: 'VWS',
    nummer: '2025A05001',
  });
  // Not suggested: another subject, before the request, another committee, not a briefing.
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Stikstof en natuurherstel', datum: '2025-09-11', voortouwafkorting: 'VWS' });
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-07-02', voortouwafkorting: 'VWS' });
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-09-12', voortouwafkorting: 'Fin' });
  await insertActiviteit(db, { soort: 'Procedurevergadering', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-09-12', voortouwafkorting: 'VWS' });

  const first = await suggestRequestLinks(db, NOW);
  t.equal(first.openRequests, 1, 'only the NSC request is open (PratenOnline is fulfilled)');
  t.same(
    first.suggested.map((s) => ({ requestId: s.requestId, kind: s.kind, target: s.target, date: s.date })),
    [{ requestId: nscId, kind: 'activiteit', target: briefing, date: '2025-09-10' }],
  );
  t.same(first.suggested[0]?.reason.sharedTerms.length, 2, 'shares dataveiligheid and zorg with the subject');
  const links = await linksOf(db, nscId);
  t.equal(links.length, 1);
  t.equal(links[0]?.state, 'suggested');
  t.equal(links[0]?.title, 'Technische briefing: Dataveiligheid in de zorg');

  const again = await suggestRequestLinks(db, NOW);
  t.same(again.suggested, [], 're-running adds nothing');
  t.equal((await linksOf(db, nscId)).length, 1);
  t.equal(await statusOf(db, nscId), 'open', 'a suggestion alone changes no status');

  // Listed publicly as a suggestion, with the mirrored title and date and the activity number.
  await db.update(activiteiten).set({ onderwerp: 'Dataveiligheid in de zorg (gewijzigd)' }).where(eq(activiteiten.id, briefing));
  const { view, html } = await viewOf(db, nscId);
  t.match(view.links, [{ kind: 'activiteit', title: 'Technische briefing: Dataveiligheid in de zorg (gewijzigd)', date: '2025-09-10', state: 'suggested', nummer: '2025A05001', origin: 'suggestion' }]);
  t.match(html, 'Technische briefing: Dataveiligheid in de zorg (gewijzigd)');
  t.match(html, 'activiteit 2025A05001');
  t.match(html, '— voorgesteld, nog niet bevestigd');
});

t.test('a rejected suggestion is never suggested again', async (t) => {
  const { db, nscId } = await seeded(t);
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-09-10', voortouwafkorting: 'VWS' });
  const [s] = (await suggestRequestLinks(db, NOW)).suggested;
  const decision = await rejectRequestLink(db, s!.id, NOW);
  t.same(decision, { linkId: s!.id, requestId: nscId, kind: 'activiteit', target: s!.target, before: 'suggested', after: 'rejected', status: { requestId: nscId, before: 'open', after: 'open' } });
  t.same((await suggestRequestLinks(db, new Date('2025-09-02T12:00:00+02:00'))).suggested, []);
  const links = await linksOf(db, nscId);
  t.same(links.map((l) => l.state), ['rejected']);
  t.notMatch((await viewOf(db, nscId)).html, 'Technische briefing:', 'a rejected link is not shown');
});

t.test('confirming a future briefing schedules the request; once it has taken place it is fulfilled', async (t) => {
  const { db, nscId } = await seeded(t);
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-09-10', voortouwafkorting: 'VWS' });
  const [s] = (await suggestRequestLinks(db, NOW)).suggested;
  const decision = await confirmRequestLink(db, s!.id, NOW);
  t.same(decision.status, { requestId: nscId, before: 'open', after: 'scheduled' });
  t.equal(decision.before, 'suggested');
  t.equal(decision.after, 'confirmed');
  t.equal(await statusOf(db, nscId), 'scheduled');

  t.same(await evaluate(db, new Date('2025-09-10T12:00:00+02:00'), [nscId]), [], 'on the day itself (no start time) still scheduled');
  t.same(await evaluate(db, new Date('2025-09-11T09:00:00+02:00'), [nscId]), [{ requestId: nscId, before: 'scheduled', after: 'fulfilled' }]);
  t.equal(await statusOf(db, nscId), 'fulfilled');
  // A fulfilled request is no longer open: nothing more is suggested for it.
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg, deel 2', datum: '2025-10-10', voortouwafkorting: 'VWS' });
  t.same((await suggestRequestLinks(db, NOW)).suggested, []);

  // Withdrawing the confirmation opens the request again.
  const back = await rejectRequestLink(db, s!.id, new Date('2025-09-12T09:00:00+02:00'));
  t.same(back.status, { requestId: nscId, before: 'fulfilled', after: 'open' });
});

t.test('confirming a briefing in the past fulfils the request; declined and lapsed stay', async (t) => {
  const { db, nscId } = await seeded(t);
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-09-03', voortouwafkorting: 'VWS' });
  const later = new Date('2025-09-20T12:00:00+02:00');
  const [s] = (await suggestRequestLinks(db, later)).suggested;
  t.ok(s, 'suggested also after the briefing took place');
  t.same((await confirmRequestLink(db, s!.id, later)).status, { requestId: nscId, before: 'open', after: 'fulfilled' });

  t.same(await setRequestStatus(db, nscId, 'declined', later), { requestId: nscId, before: 'fulfilled', after: 'declined' });
  t.same(await refreshRequestStatus(db, nscId, later), { requestId: nscId, before: 'declined', after: 'declined' }, 'links never override declined');
  await t.rejects(setRequestStatus(db, nscId, 'bogus' as never, later), RangeError);
  await t.rejects(confirmRequestLink(db, 999_999, later), /not found/);
});

t.test('letters: a government letter from the addressed ministry is suggested and fulfils the request', async (t) => {
  const { db } = await seeded(t);
  const [req] = await db
    .insert(requests)
    .values({
      slug: 'test-brief-clinical-diagnostics',
      kind: 'letter',
      requestedOn: '2025-07-20',
      committee: 'VWS',
      subject: 'Brief over het datalek bij Clinical Diagnostics',
      description: 'De commissie vraagt om een reactie op het datalek bij het laboratorium Clinical Diagnostics.',
      status: 'open',
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning();
  await db.insert(requestAddressees).values({ requestId: req!.id, ministry: 'VWS' });
  const letter = await insertDocument(db, { soort: 'Brief regering', datum: '2025-08-15', onderwerp: 'Datalek bij Clinical Diagnostics', nummer: '2025D40001' });
  await insertDocumentActor(db, letter, 'E. Agema', 'minister van Volksgezondheid, Welzijn en Sport');
  const other = await insertDocument(db, { soort: 'Brief regering', datum: '2025-08-16', onderwerp: 'Datalek bij Clinical Diagnostics' });
  await insertDocumentActor(db, other, 'E. Heinen', 'minister van Financiën');
  await insertDocument(db, { soort: 'Brief regering', datum: '2025-08-17', onderwerp: 'Stikstofbeleid' });
  await insertDocument(db, { soort: 'Brief regering', datum: '2025-07-01', onderwerp: 'Datalek bij Clinical Diagnostics' });

  const { suggested } = await suggestRequestLinks(db, NOW);
  t.same(suggested.map((s) => ({ requestId: s.requestId, kind: s.kind, target: s.target })), [{ requestId: req!.id, kind: 'document', target: letter }]);
  t.ok(suggested[0]?.reason.topicTerms.includes('Clinical Diagnostics'), 'on topic by the topic lens');
  t.same((await suggestRequestLinks(db, NOW)).suggested, [], 're-running adds nothing');

  t.match((await viewOf(db, req!.id)).html, `https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Document(${letter})/resource`);

  const decision = await confirmRequestLink(db, suggested[0]!.id, NOW);
  t.same(decision.status, { requestId: req!.id, before: 'open', after: 'fulfilled' });
  const [link] = await db.select().from(requestLinks).where(and(eq(requestLinks.requestId, req!.id), eq(requestLinks.target, letter)));
  t.equal(link?.state, 'confirmed');
});

t.test('the deadlines job suggests links after the deadlines run', async (t) => {
  const { database, db, nscId } = await seeded(t);
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid in de zorg', datum: '2025-09-10', voortouwafkorting: 'VWS' });
  const logged: unknown[] = [];
  const log = { info: (o: unknown, msg: string) => logged.push([msg, o]) } as never;
  await deadlinesJob.run({ database, log, config: {} as never }, { clock: fixedClock(NOW), interactive: false });
  t.same((await linksOf(db, nscId)).map((l) => l.state), ['suggested']);
  t.ok(logged.some((l) => (l as [string, { suggested: number }])[0] === 'promises evaluated' && (l as [string, { suggested: number }])[1].suggested === 1));
  await deadlinesJob.run({ database, log, config: {} as never }, { clock: fixedClock(NOW), interactive: false });
  t.equal((await linksOf(db, nscId)).length, 1);
});
