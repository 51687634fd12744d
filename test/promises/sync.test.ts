// Toezeggingen, agenda items and decisions through the real sync (a loopback feed in the
// SyncFeed's own format) into the ledger: every register status, a commitment fulfilled in a
// later sync, re-emitted unchanged, deleted; a committee decision read as a request, a proposal
// that becomes a decision later, a decision that asks nothing; and the bad input the feed holds
// (no deadline, a deadline in words without a day, a fulfilling letter not yet in the feed, a
// minister who matches no person, a date that is not a date), none of which fails the sync.
import { eq } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../server/db/client.ts';
import { promiseEvents, requestLinks, requests, toezeggingen } from '../../server/db/schema/index.ts';
import { getPromise } from '../../server/promises/ledger.ts';
import { runPromiseLedger } from '../../server/promises/run.ts';
import { parseFeedPage } from '../../server/sync/parser.ts';
import { testDatabase } from '../helpers/databases.ts';
import { type EntitySpec, TK_BASE } from '../sync/helpers/feed-xml.ts';
import { startFakeFeed } from '../sync/helpers/feed-server.ts';
import { syncOnce } from '../sync/helpers/run.ts';
import { fractie, guid, persoon } from '../sync/helpers/sample.ts';

const CATEGORIES = ['Fractie', 'Persoon', 'Activiteit', 'Document', 'Agendapunt', 'Besluit', 'Toezegging'];

const MINISTER = { naam: 'J. Tielen', achternaam: 'Tielen', initialen: 'J.', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport', ministerie: 'Volksgezondheid, Welzijn en Sport' };

function toezegging(n: number, fields: Record<string, string | null>, refs: Record<string, string> = {}, bijgewerkt = '2025-03-13T10:00:00Z'): EntitySpec {
  return {
    id: guid(n),
    bijgewerkt,
    refs: { activiteit: guid(500), ...refs },
    fields: { aanmaakdatum: '2025-03-12T00:00:00+01:00', nummer: `TZ202503-${n}`, activiteitNummer: '2025A01234', ...MINISTER, status: 'Openstaand', datumNakoming: null, kamerbriefNakoming: null, tekst: null, ...fields },
  };
}

function activiteit(n: number, soort: string, onderwerp: string, datum: string): EntitySpec {
  return { id: guid(n), bijgewerkt: '2025-03-01T10:00:00Z', fields: { soort, nummer: `2025A0${n}`, onderwerp, datum, status: 'Uitgevoerd', voortouwafkorting: 'VWS', voortouwnaam: 'Volksgezondheid, Welzijn en Sport' } };
}

function letter(n: number, nummer: string, datum: string): EntitySpec {
  return { id: guid(n), bijgewerkt: '2025-07-10T10:00:00Z', refs: {}, fields: { soort: 'Brief regering', documentNummer: nummer, titel: 'Brief regering', onderwerp: `Brief ${nummer}`, datum } };
}

async function promiseOf(db: Db, toezeggingN: number) {
  const [r] = await db.select().from(requests).where(eq(requests.sourceId, guid(toezeggingN)));
  return r;
}

t.test('the parser reads a Toezegging written with an ns1: prefix as the same entity', async (t) => {
  const ns = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
  const page = (entity: string) =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><updated>2025-03-13T10:00:00Z</updated>` +
    `<content type="application/xml">${entity}</content></entry></feed>`;
  const prefixed = parseFeedPage(
    page(
      `<ns1:toezegging xmlns:ns1="${ns}" id="${guid(1)}" ns1:bijgewerkt="2025-03-13T10:00:00Z" ns1:verwijderd="false">` +
        `<ns1:activiteit ref="${guid(500)}"/><ns1:nummer>TZ202503-1</ns1:nummer><ns1:tekst>Voor de zomer een brief.</ns1:tekst>` +
        `<ns1:datumNakoming xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></ns1:toezegging>`,
    ),
  );
  const plain = parseFeedPage(
    page(
      `<toezegging xmlns="${ns}" xmlns:tk="${ns}" id="${guid(1)}" tk:bijgewerkt="2025-03-13T10:00:00Z" tk:verwijderd="false">` +
        `<activiteit ref="${guid(500)}"/><nummer>TZ202503-1</nummer><tekst>Voor de zomer een brief.</tekst>` +
        `<datumNakoming xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></toezegging>`,
    ),
  );
  const [a, b] = [prefixed.entries[0]!.entity, plain.entries[0]!.entity];
  t.equal(a.name, 'toezegging');
  t.same([...a.fields], [...b.fields]);
  t.same([...a.refs], [...b.refs]);
  t.same(a.fields.get('datumNakoming'), null, 'nil is null');
  // The same prefix bound to another namespace is not a Toezegging: the entry has no entity and is
  // marked invalid, so the sync sets it aside (server/sync/quarantine.ts).
  const foreign = parseFeedPage(page(`<ns1:toezegging xmlns:ns1="urn:iets-anders" id="${guid(1)}"/>`));
  t.equal(foreign.entries[0]!.entity.name, '');
  t.equal(foreign.entries[0]!.invalid, 'entry without entity content');
});

t.test('an ns1:-prefixed Toezegging page syncs into the ledger', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed();
  t.teardown(() => feed.close());
  const ns = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Toezegging</title><id>${TK_BASE}/Feed</id><updated>2025-03-13T10:00:00Z</updated>
<entry><title>${guid(1)}</title><id>${TK_BASE}/Entiteiten/${guid(1)}</id><author><name>Tweede Kamer der Staten-Generaal</name></author>
<updated>2025-03-13T10:00:00Z</updated><category term="toezegging"/>
<content type="application/xml"><ns1:toezegging xmlns:ns1="${ns}" id="${guid(1)}" ns1:bijgewerkt="2025-03-13T10:00:00Z" ns1:verwijderd="false">
<ns1:nummer>TZ202503-1</ns1:nummer><ns1:naam>J. Tielen</ns1:naam><ns1:functie>staatssecretaris van Volksgezondheid, Welzijn en Sport</ns1:functie>
<ns1:status>Openstaand</ns1:status><ns1:tekst>Voor de zomer 2025 stuurt de staatssecretaris een brief over Z-CERT.</ns1:tekst>
<ns1:aanmaakdatum>2025-03-12T00:00:00+01:00</ns1:aanmaakdatum></ns1:toezegging></content></entry></feed>`;
  feed.fault = (req) => (req.category === 'Toezegging' && req.skiptoken === null ? { kind: 'body', body } : undefined);
  const run = await syncOnce(db, feed.url, { run: { categories: ['Toezegging'] } });
  t.error(run.error);
  t.same(run.log.lines.filter((l) => l.level === 'warn'), [], 'nothing unknown');
  await runPromiseLedger(db, new Date('2025-03-14T10:00:00+01:00'));
  const r = await promiseOf(db, 1);
  t.match(r, { number: 'TZ202503-1', dueOn: '2025-07-01', dueText: 'Voor de zomer 2025', dueSource: 'text', status: 'open', registerStatus: 'Openstaand', kind: 'commitment' });
});

t.test('commitments and decisions from the feed, through several syncs and moments', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed({ pageSize: 4 });
  t.teardown(() => feed.close());
  const sync = async (now: string) => {
    const run = await syncOnce(db, feed.url, { now: new Date(now), run: { categories: CATEGORIES } });
    t.error(run.error, `sync at ${now}`);
    return runPromiseLedger(db, new Date(now), { cutoffDays: 7 });
  };

  feed.push('Fractie', fractie(1, 'NSC'));
  feed.push('Persoon', persoon(11, 'Hertzberger'), { ...persoon(12, 'Tielen'), fields: { ...persoon(12, 'Tielen').fields, initialen: 'J.', roepnaam: 'Judith', functie: 'staatssecretaris' } });
  feed.push(
    'Activiteit',
    activiteit(500, 'Commissiedebat', 'Digitale ontwikkelingen in de zorg', '2025-03-12T14:00:00+01:00'),
    activiteit(501, 'Procedurevergadering', 'Procedurevergadering VWS', '2025-05-14T10:00:00+02:00'),
  );
  feed.push(
    'Toezegging',
    toezegging(1, { tekst: 'De staatssecretaris stuurt de Kamer een brief over de rol van Z-CERT bij laboratoria.', datumNakoming: '2025-06-01T00:00:00+02:00' }, { toegezegdAanPersoon: guid(11), toegezegdAanFractie: guid(1) }),
    toezegging(2, { tekst: 'De staatssecretaris informeert de Kamer over de voortgang.' }),
    toezegging(3, { tekst: 'De staatssecretaris stuurt zo spoedig mogelijk een brief over de NEN 7510.' }),
    toezegging(4, { tekst: 'Voor de zomer 2025 stuurt de staatssecretaris een brief over het bevolkingsonderzoek.' }),
    toezegging(5, { tekst: 'De staatssecretaris stuurt een evaluatie.', status: 'Voldaan', kamerbriefNakoming: '2025D11111', datumNakoming: '2025-05-01T00:00:00+02:00' }),
    toezegging(6, { tekst: 'De staatssecretaris stuurt twee rapportages.', status: 'Deels Voldaan' }),
    toezegging(7, { tekst: 'De staatssecretaris onderzoekt een meldplicht.', status: 'Vervallen' }),
    toezegging(8, { tekst: 'De minister stuurt een brief.', naam: 'P. Onbekend', achternaam: 'Onbekend', initialen: 'P.', functie: 'minister van Justitie en Veiligheid', ministerie: 'Justitie en Veiligheid' }),
    toezegging(9, { tekst: 'De minister stuurt een brief.', datumNakoming: 'binnenkort', status: 'In behandeling', ministerie: null, functie: null, naam: null, achternaam: null, initialen: null }),
  );
  feed.push('Agendapunt', { id: guid(600), bijgewerkt: '2025-05-14T12:00:00Z', refs: { activiteit: guid(501) }, fields: { nummer: '3', onderwerp: 'Verzoek van het lid Hertzberger om een technische briefing over dataveiligheid in de zorg', volgorde: 3 } });
  feed.push(
    'Besluit',
    { id: guid(700), bijgewerkt: '2025-05-14T12:00:00Z', refs: { agendapunt: guid(600) }, fields: { besluitSoort: 'Ingestemd', besluitTekst: 'Ingestemd met het verzoek van het lid Hertzberger (NSC) om een technische briefing over dataveiligheid in de zorg.', status: 'Besluit' } },
    { id: guid(701), bijgewerkt: '2025-05-14T12:00:01Z', refs: { agendapunt: guid(600) }, fields: { besluitTekst: 'Voor kennisgeving aannemen.', status: 'Besluit' } },
    { id: guid(702), bijgewerkt: '2025-05-14T12:00:02Z', refs: { agendapunt: guid(600) }, fields: { besluitTekst: 'Minister VWS verzoeken om een brief over de laboratoria, uiterlijk 1 oktober.', status: 'Voorstel' } },
  );

  // First sync, 2 June: the day after T1's deadline.
  const first = await sync('2025-06-02T10:00:00+02:00');
  t.equal(first.derived.toezeggingen, 9);
  t.equal(first.derived.besluiten.requests, 1, 'one decision asks something; the proposal waits, the notice asks nothing');
  const t1 = (await promiseOf(db, 1))!;
  t.match(t1, { status: 'overdue', dueOn: '2025-06-01', dueSource: 'feed', requestedOn: '2025-03-12', committee: 'VWS', ministerPost: 'staatssecretaris', daysOverdue: 1 });
  t.ok(t1.ministerPersoonId, 'the minister resolved to the one person with that name and initials');
  const page1 = (await getPromise(db, t1.slug))!;
  t.same(page1.addressees, ['VWS']);
  t.match(page1.persons, [{ name: 'Anna Hertzberger', persoonId: guid(11) }]);
  t.same(page1.requesterParties, ['NSC']);
  t.match(page1.activity, { onderwerp: 'Digitale ontwikkelingen in de zorg', datum: '2025-03-12' });

  t.match(await promiseOf(db, 2), { status: 'open', dueOn: null, dueText: null }, 'no deadline: open, never overdue');
  t.match(await promiseOf(db, 3), { status: 'open', dueOn: null, dueText: 'zo spoedig mogelijk', dueSource: null }, 'words without a day: kept, no date');
  t.match(await promiseOf(db, 4), { status: 'open', dueOn: '2025-07-01', dueText: 'Voor de zomer 2025', dueSource: 'text' });
  const t5 = (await promiseOf(db, 5))!;
  t.match(t5, { status: 'fulfilled', registerStatus: 'Voldaan', fulfilmentNumber: '2025D11111', fulfilledOn: null });
  t.equal((await getPromise(db, t5.slug))!.fulfilmentFound, false, 'the register names a letter not (yet) in the feed');
  t.match(await promiseOf(db, 6), { status: 'partly_fulfilled', registerStatus: 'Deels Voldaan' });
  t.match(await promiseOf(db, 7), { status: 'lapsed', registerStatus: 'Vervallen' });
  const t8 = (await promiseOf(db, 8))!;
  t.match(t8, { ministerName: 'P. Onbekend', ministerPersoonId: null, status: 'open' }, 'a name that matches no person stays as written');
  t.same((await getPromise(db, t8.slug))!.addressees, ['JenV']);
  t.match(await promiseOf(db, 9), { dueOn: null, registerStatus: 'In behandeling', status: 'open', ministerName: null }, 'a datumNakoming that is no date, an unknown register status: stored, not guessed');
  t.same((await getPromise(db, (await promiseOf(db, 9))!.slug))!.addressees, []);

  const [decision] = await db.select().from(requests).where(eq(requests.source, 'besluit'));
  t.match(decision, { kind: 'briefing', sourceId: guid(700), requestedOn: '2025-05-14', committee: 'VWS', subject: /technische briefing over dataveiligheid/, status: 'open' });

  // Made events are recorded once, but these are months old: recorded, never mailed.
  const made = await db.select().from(promiseEvents).where(eq(promiseEvents.kind, 'made'));
  t.equal(made.length, 10);

  // Re-emitted unchanged (same bijgewerkt): nothing changes, nothing is recorded twice.
  const before = await db.select().from(requests).orderBy(requests.id);
  feed.push('Toezegging', toezegging(1, { tekst: 'De staatssecretaris stuurt de Kamer een brief over de rol van Z-CERT bij laboratoria.', datumNakoming: '2025-06-01T00:00:00+02:00' }, { toegezegdAanPersoon: guid(11), toegezegdAanFractie: guid(1) }));
  const again = await sync('2025-06-02T11:00:00+02:00');
  t.equal(again.derived.toezeggingen, 0, 'a re-emission derives nothing');
  t.same(await db.select().from(requests).orderBy(requests.id), before);
  t.equal((await db.select().from(promiseEvents)).length, made.length + (await db.select().from(promiseEvents).where(eq(promiseEvents.source, 'deadlines'))).length);

  // 20 June: T4 (1 July) is due soon. 2 July: overdue.
  await runPromiseLedger(db, new Date('2025-06-20T10:00:00+02:00'));
  t.equal((await promiseOf(db, 4))!.status, 'due_soon');
  await runPromiseLedger(db, new Date('2025-07-02T10:00:00+02:00'));
  t.match(await promiseOf(db, 4), { status: 'overdue', daysOverdue: 1 });

  // Later sync, 11 July: T1 fulfilled with a letter in the same sync; T5's letter arrives;
  // T2 deleted upstream; the proposal became a decision; a technical briefing appears.
  feed.push('Document', letter(800, '2025D22222', '2025-07-08T00:00:00+02:00'), letter(801, '2025D11111', '2025-04-20T00:00:00+02:00'));
  feed.push('Toezegging', toezegging(1, { tekst: 'De staatssecretaris stuurt de Kamer een brief over de rol van Z-CERT bij laboratoria.', datumNakoming: '2025-06-01T00:00:00+02:00', status: 'Voldaan', kamerbriefNakoming: '2025D22222' }, { toegezegdAanPersoon: guid(11), toegezegdAanFractie: guid(1) }, '2025-07-10T10:00:00Z'));
  feed.push('Toezegging', { id: guid(2), bijgewerkt: '2025-07-10T10:00:01Z', verwijderd: true });
  feed.push('Besluit', { id: guid(702), bijgewerkt: '2025-07-10T12:00:00Z', refs: { agendapunt: guid(600) }, fields: { besluitTekst: 'Minister VWS verzoeken om een brief over de laboratoria, uiterlijk 1 oktober.', status: 'Besluit' } });
  feed.push('Activiteit', { ...activiteit(502, 'Technische briefing', 'Technische briefing over dataveiligheid in de zorg', '2025-09-03T10:00:00+02:00'), bijgewerkt: '2025-07-10T09:00:00Z', fields: { ...activiteit(502, 'Technische briefing', 'Technische briefing over dataveiligheid in de zorg', '2025-09-03T10:00:00+02:00').fields, status: 'Gepland' } });
  const later = await sync('2025-07-11T10:00:00+02:00');
  t.equal(later.derived.toezeggingen, 1);
  const t1b = (await promiseOf(db, 1))!;
  t.match(t1b, { status: 'fulfilled', fulfilledOn: '2025-07-08', daysOverdue: 37, registerStatus: 'Voldaan' }, 'fulfilled in a later sync, 37 days after its deadline');
  const page = (await getPromise(db, t1b.slug))!;
  t.match(page.links, [{ kind: 'document', target: guid(800), state: 'confirmed', origin: 'register', title: 'Brief 2025D22222' }]);
  t.ok(page.events.some((e) => e.kind === 'fulfilled'), 'a fulfilled event');
  t.equal((await getPromise(db, t5.slug))!.fulfilmentFound, true, 'the letter named by the register is linked once it is in the feed');
  t.match(await promiseOf(db, 5), { fulfilledOn: '2025-04-20' });
  const t2 = (await promiseOf(db, 2))!;
  t.ok(t2.sourceRemovedAt, 'deleted upstream: kept, marked removed');
  t.equal((await getPromise(db, t2.slug))!.removed, true);
  t.equal((await db.select().from(toezeggingen).where(eq(toezeggingen.id, guid(2)))).length, 0, 'the mirror row is gone');
  const [asked] = await db.select().from(requests).where(eq(requests.sourceId, guid(702)));
  t.match(asked, { kind: 'letter', dueOn: '2025-10-01', dueText: 'uiterlijk 1 oktober', status: 'open' }, 'a proposal becomes a request once decided');
  t.same((await getPromise(db, asked!.slug))!.addressees, ['VWS']);
  const [briefingRequest] = await db.select().from(requests).where(eq(requests.sourceId, guid(700)));
  const suggested = await db.select().from(requestLinks).where(eq(requestLinks.requestId, briefingRequest!.id));
  t.match(suggested, [{ kind: 'activiteit', target: guid(502), state: 'suggested', origin: 'suggestion', reason: { why: 'committee' } }], 'the briefing of the same committee is suggested');
});
