import { eq } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../server/db/client.ts';
import { documents, documentZaken, fracties, personen, questionEvents, syncState, zaakActors, zaken } from '../../server/db/schema/index.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startFakeFeed } from './helpers/feed-server.ts';
import { count, MIRROR_TABLES, NOW, snapshot, syncOnce } from './helpers/run.ts';
import { at, document, fractie, guid, persoon, zaak, zaakActor } from './helpers/sample.ts';

const ANSWER = 'Antwoord schriftelijke vragen';
const DELAY = 'Mededeling (uitstel antwoord)';

/**
 * The events the sync recorded from the feed. syncOnce also runs the post-sync derivation, whose
 * deadline evaluation adds its own transitions (due soon, overdue) with source 'deadlines'.
 */
const syncEvents = (db: Db) => db.select().from(questionEvents).where(eq(questionEvents.source, 'sync')).orderBy(questionEvents.occurredAt);

t.test('happy path across several pages and categories, then resume and re-emission', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 2 });
  t.teardown(() => feed.close());

  feed.push('Fractie', fractie(1, 'SP'), fractie(2, 'VVD'), fractie(3, 'D66'));
  feed.push('Persoon', persoon(11, 'Jansen'), persoon(12, 'De Vries'));
  feed.push('Zaak', zaak(100), zaak(101, { soort: 'Motie', gestartOp: null }));
  feed.push('ZaakActor', zaakActor(200, guid(100), 'Indiener', guid(11), guid(1)), zaakActor(201, guid(100), 'Gericht aan', undefined, undefined));
  feed.push(
    'Document',
    document(300, [guid(100)], 'Schriftelijke vragen', '2025-10-02T00:00:00+02:00'),
    document(301, [guid(100)], DELAY, '2025-10-20T00:00:00+02:00'),
    document(302, [guid(100)], ANSWER, '2025-11-10T00:00:00+01:00'),
  );

  const first = await syncOnce(db, feed.url);
  t.error(first.error);
  t.equal(await count(db, 'fracties'), 3);
  t.equal(await count(db, 'personen'), 2);
  t.equal(await count(db, 'documents'), 3);
  const [z] = await db.select().from(zaken).where(eq(zaken.id, guid(100)));
  t.equal(z!.onderwerp, 'Vragen over datalek 100', 'strings are trimmed');
  t.equal(z!.gestartOp!.toISOString(), '2025-10-01T22:00:00.000Z', 'offset kept: local midnight');
  t.equal(z!.afgedaan, false);
  const [sp] = await db.select().from(fracties).where(eq(fracties.id, guid(1)));
  t.equal(sp!.aantalStemmen, null, 'xsi:nil is null');
  t.equal(sp!.datumActief, '2023-12-06');
  const [actor] = await db.select().from(zaakActors).where(eq(zaakActors.id, guid(200)));
  t.same([actor!.zaakId, actor!.persoonId, actor!.fractieId], [guid(100), guid(11), guid(1)]);
  const [doc] = await db.select().from(documents).where(eq(documents.id, guid(302)));
  t.equal(doc!.contentType, 'application/pdf');
  t.equal(doc!.kamer, 2);

  const events = await syncEvents(db);
  t.same(
    events.map((e) => [e.kind, e.zaakId, e.documentId, e.source]),
    [
      ['asked', guid(100), null, 'sync'],
      ['delay_notice', guid(100), guid(301), 'sync'],
      ['answered', guid(100), guid(302), 'sync'],
    ],
  );
  t.equal(events[0]!.occurredAt.toISOString(), '2025-10-01T22:00:00.000Z', 'asked at gestartOp');
  t.equal(events[2]!.recordedAt.toISOString(), NOW.toISOString(), 'recordedAt from the job clock');
  t.equal(events[2]!.dedupeKey, `${guid(100)}:answered`);

  const states = await db.select().from(syncState).orderBy(syncState.category);
  const zaakState = states.find((s) => s.category === 'Zaak')!;
  t.equal(zaakState.skiptoken, '4200017', 'skiptoken stored as the last next link gave it');
  t.equal(zaakState.entriesTotal, 2);
  t.ok(zaakState.lastSuccessAt, 'reached the head');
  t.equal(states.length, 16, 'every category has a state row');
  t.ok(feed.requests.every((r) => r.userAgent === 'Kamerwacht/0.1 (+https://kamerwacht.example)'));

  // Resume: the next run starts from the stored skiptoken, not from the beginning.
  const before = feed.requests.length;
  const nader = document(303, [guid(100)], 'Antwoord schriftelijke vragen (nader)', '2025-11-20T00:00:00+01:00');
  const secondAnswer = document(304, [guid(100)], ANSWER, '2025-11-21T00:00:00+01:00');
  feed.push('Document', nader, secondAnswer);
  const second = await syncOnce(db, feed.url);
  t.error(second.error);
  const docRequests = feed.requests.slice(before).filter((r) => r.category === 'Document');
  t.same(
    docRequests.map((r) => r.skiptoken),
    ['4200034', '4200068'],
    'Document resumes at its stored position and reads only the new pages',
  );
  const kinds = (await syncEvents(db)).map((e) => e.kind).sort();
  t.same(kinds, ['answered', 'asked', 'delay_notice', 'nader_answer'], 'a second answer is not a new "answered"');

  // A mass re-emission of unchanged entities changes nothing and records no events.
  const tables = [...MIRROR_TABLES, 'question_events'];
  const snap = await snapshot(db, tables);
  for (const [category, log] of [...feed.logs]) feed.push(category, ...log.map((e) => ({ ...e })));
  const third = await syncOnce(db, feed.url, { now: new Date('2026-01-05T09:00:00Z') });
  t.error(third.error);
  t.same(await snapshot(db, tables), snap, 'tables unchanged after re-emission (only the skiptokens moved)');
});

t.test('older versions never overwrite newer; deletions stick; references before targets', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 2, headHasNext: true });
  t.teardown(() => feed.close());

  // Documents before their zaak: the link is kept and the events appear once the zaak arrives.
  feed.push('Document', document(300, [guid(100)], ANSWER, '2025-11-10T00:00:00+01:00'));
  feed.push(
    'Document',
    document(301, [guid(100)], 'Mededeling', '2025-11-12T00:00:00+01:00', { onderwerp: 'Mededeling over het intrekken van de vragen' }),
  );
  let run = await syncOnce(db, feed.url, { run: { categories: ['Document'] } });
  t.error(run.error);
  t.equal(await count(db, 'document_zaken'), 2, 'links to a zaak that has not arrived are kept');
  t.equal(await count(db, 'question_events'), 0);

  feed.push('Zaak', zaak(100));
  feed.push('ZaakActor', zaakActor(200, guid(100), 'Indiener', guid(11), guid(1)));
  run = await syncOnce(db, feed.url);
  t.error(run.error);
  t.same((await syncEvents(db)).map((e) => e.kind).sort(), ['answered', 'asked', 'withdrawn']);
  const recorded = await count(db, 'question_events');
  const [a] = await db.select().from(zaakActors);
  t.equal(a!.persoonId, guid(11), 'actor keeps a persoon reference whose target never arrived');

  // Newer wins, in either order, also within one page.
  feed.push('Zaak', zaak(100, { onderwerp: 'Nieuw' }, at(5)), zaak(100, { onderwerp: 'Ouder' }, at(4)));
  run = await syncOnce(db, feed.url);
  t.error(run.error);
  t.equal((await db.select().from(zaken))[0]!.onderwerp, 'Nieuw');
  feed.push('Zaak', zaak(100, { onderwerp: 'Nog ouder' }, at(3)));
  await syncOnce(db, feed.url);
  t.equal((await db.select().from(zaken))[0]!.onderwerp, 'Nieuw', 'an older re-emission is ignored');

  // Deletion removes the row and its links; an older re-emission does not resurrect it.
  feed.push('Document', { id: guid(300), bijgewerkt: at(9), verwijderd: true });
  run = await syncOnce(db, feed.url);
  t.error(run.error);
  t.equal(await count(db, 'documents'), 1);
  t.same((await db.select().from(documentZaken)).map((l) => l.documentId), [guid(301)]);
  t.equal(await count(db, 'sync_tombstones'), 1);
  feed.push('Document', document(300, [guid(100)], ANSWER, '2025-11-10T00:00:00+01:00', {}, at(8)));
  await syncOnce(db, feed.url);
  t.equal(await count(db, 'documents'), 1, 'not resurrected by an older version');
  // A genuinely newer version after the deletion does come back.
  feed.push('Document', document(300, [guid(100)], ANSWER, '2025-11-10T00:00:00+01:00', {}, at(10)));
  await syncOnce(db, feed.url);
  t.equal(await count(db, 'documents'), 2);
  t.equal((await syncEvents(db)).length, 3, 'the answer event was recorded once and is not repeated');
  t.equal(await count(db, 'question_events'), recorded, 'no event at all was added by these changes');

  // A deleted Zaak leaves the question list: its status row goes (the list reads it alone).
  t.equal(await count(db, 'question_status'), 1);
  feed.push('Zaak', { id: guid(100), bijgewerkt: at(11), verwijderd: true });
  run = await syncOnce(db, feed.url);
  t.error(run.error);
  t.equal(await count(db, 'question_status'), 0, 'the status of a deleted zaak is removed');
});

t.test('unknown elements and missing optional fields', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 5 });
  t.teardown(() => feed.close());
  const p1 = persoon(11, 'Jansen');
  p1.fields = { ...p1.fields, nieuwVeld: 'x', nogEenVeld: 'y' };
  const p2 = persoon(12, 'Pietersen');
  p2.fields = { ...p2.fields, nieuwVeld: 'z' };
  feed.push('Persoon', p1, p2, { id: guid(13), bijgewerkt: '2025-10-01T12:00:00.1234567' });
  const run = await syncOnce(db, feed.url, { run: { categories: ['Persoon'] } });
  t.error(run.error);
  const unknown = run.log.lines.filter((l) => l.msg === 'unknown element in feed, ignored').map((l) => l.obj.element);
  t.same(unknown.sort(), ['nieuwVeld', 'nogEenVeld'], 'each unknown element logged once');
  const [bare] = await db.select().from(personen).where(eq(personen.id, guid(13)));
  t.equal(bare!.achternaam, null, 'a placeholder entity with only an id is kept');
  t.equal(bare!.bijgewerkt.toISOString(), '2025-10-01T10:00:00.123Z', 'bijgewerkt without offset is Amsterdam time (summer: +02:00)');
});

t.test('a next link that leaves the feed stops the category', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 1 });
  t.teardown(() => feed.close());
  feed.push('Fractie', fractie(1, 'SP'), fractie(2, 'VVD'));
  feed.fault = (r) =>
    r.category === 'Fractie' && r.skiptoken === null
      ? {
          kind: 'body',
          body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><updated>2025-10-01T00:00:00Z</updated><link rel="next" href="http://127.0.0.2:1/SyncFeed/2.0/Feed?category=Fractie&amp;skiptoken=5"/><content type="application/xml"><fractie xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:t="http://www.tweedekamer.nl/xsd/tkData/v1-0" id="${guid(1)}" t:bijgewerkt="2025-10-01T00:00:00Z" t:verwijderd="false"><afkorting>SP</afkorting></fractie></content></entry></feed>`,
        }
      : undefined;
  const run = await syncOnce(db, feed.url, { run: { categories: ['Fractie'] } });
  t.match(String(run.error), /invalid-next: next link outside the configured feed/);
  t.equal(await count(db, 'fracties'), 0, 'the page with the foreign link is not applied');
  t.equal(feed.requests.length, 1, 'no retry of a foreign link');
  const [state] = await db.select().from(syncState).where(eq(syncState.category, 'Fractie'));
  t.match(state!.lastError, /invalid-next/);
  t.equal(state!.skiptoken, null);
});
