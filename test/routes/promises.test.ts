// The ledger's pages, feeds and API on the seeded requests plus commitments and a committee
// decision from the mirror: filters (and their errors), a promise's page, the rappel (page and
// CSV), the ministry page's figures, CSV, Atom and iCal, GET /api/v1/requests with the pinned
// fields and its OpenAPI description, and the staff queue of suggestions decided in one click.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { requestLinks, requests, staffAudit } from '../../server/db/schema/index.ts';
import { buildApp } from '../helpers/app.ts';
import { LEDGER_NOW, ledgerData, ledgerId } from '../helpers/promises.ts';
import { buildStaffApp, formPage, post, sessionFor } from '../staff/helpers.ts';

const NOW = LEDGER_NOW;
const id = ledgerId;

t.test('the ledger page, its filters and their errors', async (t) => {
  const { app, database } = await buildApp(t, { now: NOW });
  await ledgerData(database.db);

  const all = await app.inject({ method: 'GET', url: '/verzoeken' });
  t.equal(all.statusCode, 200);
  t.match(all.body, /<strong>7<\/strong> toezeggingen en verzoeken gevonden/, 'four commitments, one decision, two seeded requests');
  t.match(all.body, /Kamerstuk 31765, nr\. 353/);
  t.match(all.body, /geen termijn/);
  t.match(all.body, /Kamerbrief 2025D99999: <strong>brief nog niet gevonden<\/strong>/);
  t.match(all.body, /1 juli 2026<\/time> <small>\(gelezen uit de tekst: <q>voor de zomer 2026<\/q>\)<\/small>/);
  t.match(all.body, /Over de termijn/);

  const count = async (qs: string) => Number(/<strong>(\d+)<\/strong> (?:toezegging|toezeggingen)/.exec((await app.inject({ method: 'GET', url: `/verzoeken?${qs}` })).body)?.[1]);
  t.equal(await count('bron=toezegging'), 4);
  t.equal(await count('bron=besluit'), 1);
  t.equal(await count('status=overdue'), 1);
  t.equal(await count('ministerie=JenV'), 2, 'the NSC request and the WODC commitment');
  t.equal(await count('commissie=vws'), 6, 'committee matched without regard to case (the PratenOnline request too)');
  // Z-CERT in the first commitment; Clinical Diagnostics and PratenOnline in the seeded requests.
  t.equal(await count('onderwerp=dataveiligheid-in-de-zorg'), 3, 'the topic lens reads promise texts');
  t.equal(await count('q=Z-CERT'), 1);
  t.equal(await count('bron=&status=&ministerie=&sort=termijn'), 7, 'empty fields mean any');

  for (const bad of ['status=kapot', 'bron=twitter', 'sort=random', 'pagina=0']) {
    const res = await app.inject({ method: 'GET', url: `/verzoeken?${bad}` });
    t.equal(res.statusCode, 400, bad);
    t.match(res.body, /Controleer de waarde van/, `${bad}: the field is named`);
  }
  const fragment = await app.inject({ method: 'GET', url: '/verzoeken?bron=besluit', headers: { 'hx-request': 'true' } });
  t.notMatch(fragment.body, /<html/, 'htmx gets the results only');
  t.match(fragment.body, /id="resultaten"/);
});

t.test('a promise’s page, the rappel and the ministry page', async (t) => {
  const { app, database } = await buildApp(t, { now: NOW });
  await ledgerData(database.db);
  const [one] = await database.db.select().from(requests).where(eq(requests.sourceId, id(1)));
  const page = await app.inject({ method: 'GET', url: `/verzoeken/${one!.slug}` });
  t.equal(page.statusCode, 200);
  t.match(page.body, /Register van de Tweede Kamer: <strong>Openstaand<\/strong>/);
  t.match(page.body, /Nog niet nagekomen: de termijn verliep op <time datetime="2025-11-01">1 november 2025<\/time>; 23 dagen over de termijn/);
  t.match(page.body, /href="https:\/\/gegevensmagazijn\.tweedekamer\.nl\/OData\/v4\/2\.0\/Activiteit\([0-9a-f-]+\)">Commissiedebat: Digitale ontwikkelingen in de zorg<\/a>, 2025A04001/, 'the debate links to its activity');
  t.match(page.body, /niet aan een persoon in de gegevens gekoppeld/, 'a minister not matched to a person is said so');
  t.match(page.body, /<ol class="timeline">/);
  t.match(page.body, /rel="canonical" href="http:\/\/localhost:3000\/verzoeken\/toezegging-tz202509-001"/);
  for (const url of ['/verzoeken/bestaat-niet', '/verzoeken/%3Cscript%3E']) t.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url);
  const long = (await app.inject({ method: 'GET', url: `/verzoeken/${'a'.repeat(250)}` })).statusCode;
  t.ok(long >= 400 && long < 500, 'an overlong address is refused, not a 500');

  const rappel = await app.inject({ method: 'GET', url: '/ministeries/VWS/rappel' });
  t.equal(rappel.statusCode, 200);
  t.match(rappel.body, /<strong>1<\/strong> toezegging of verzoek is niet nagekomen/);
  t.match(rappel.body, /TZ202509-001/);
  t.notMatch(rappel.body, /TZ202509-002/, 'only what is overdue');
  t.equal((await app.inject({ method: 'GET', url: '/ministeries/XYZ/rappel' })).statusCode, 404);
  const csv = await app.inject({ method: 'GET', url: '/ministeries/VWS/rappel.csv' });
  t.match(csv.headers['content-type'], /text\/csv/);
  t.match(csv.headers['content-disposition'], /kamerwacht-rappel-VWS\.csv/);
  t.equal(csv.body.split('\r\n').filter(Boolean).length, 2, 'header and one row');

  const ministry = await app.inject({ method: 'GET', url: '/ministeries/VWS' });
  t.match(ministry.body, /<h2 id="h-toezeggingen">Toezeggingen en verzoeken<\/h2>/);
  t.match(ministry.body, /Over de termijn<\/th><td><a href="\/verzoeken\?ministerie=VWS&amp;status=overdue">1<\/a>/);
});

t.test('CSV, Atom and iCal of the ledger', async (t) => {
  const { app, database } = await buildApp(t, { now: NOW });
  await ledgerData(database.db);
  const csv = await app.inject({ method: 'GET', url: '/verzoeken.csv?bron=toezegging' });
  t.ok(csv.body.startsWith('\uFEFFslug,soort,bron,nummer'), 'BOM and header');
  t.equal(csv.body.split('\r\n').filter(Boolean).length, 5);
  const atom = await app.inject({ method: 'GET', url: '/verzoeken.atom' });
  t.match(atom.headers['content-type'], /application\/atom\+xml/);
  t.equal((atom.body.match(/<entry>/g) ?? []).length, 7);
  t.match(atom.body, /<link rel="self" type="application\/atom\+xml" href="http:\/\/localhost:3000\/verzoeken\.atom"\/>/);
  const ics = await app.inject({ method: 'GET', url: '/verzoeken.ics' });
  t.match(ics.headers['content-type'], /text\/calendar/);
  t.match(ics.body, /DTSTART;VALUE=DATE:20251101/, 'the overdue commitment’s deadline');
  t.match(ics.body, /DTSTART;VALUE=DATE:20260701/, 'a deadline read from the text');
  t.notMatch(ics.body, /TZ202509-003/, 'a fulfilled promise has no deadline to show');
});

t.test('GET /api/v1/requests: the pinned fields, filters, one promise, errors, OpenAPI', async (t) => {
  const { app, database } = await buildApp(t, { now: NOW });
  await ledgerData(database.db);
  const res = await app.inject({ method: 'GET', url: '/api/v1/requests' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['x-total-count'], '7');
  const items = res.json() as Record<string, unknown>[];
  t.equal(items.length, 7);
  const pinned = ['slug', 'kind', 'source', 'number', 'subject', 'addressees', 'minister', 'madeOn', 'dueOn', 'dueText', 'status', 'statusAsOf', 'links'];
  for (const item of items) t.same(pinned.filter((k) => !(k in item)), [], `${String(item.slug)} has every pinned field`);
  const tz = items.find((i) => i.number === 'TZ202509-001')!;
  t.match(tz, { kind: 'commitment', source: 'toezegging', addressees: ['VWS'], minister: 'J. Tielen', madeOn: '2025-09-10', dueOn: '2025-11-01', dueText: null, status: 'overdue', registerStatus: 'Openstaand' });
  t.match(tz.statusAsOf, /^2025-11-24T09:00:00\.000Z$/);
  const seeded = items.find((i) => i.slug === '2018-11-27-vws-reactie-hack-pratenonline')!;
  t.match(seeded, { source: 'staff', number: null, status: 'fulfilled', links: [{ kind: 'kamerstuk', target: '31765-353', state: 'confirmed', url: 'https://zoek.officielebekendmakingen.nl/kst-31765-353.html' }] });
  const nsc = items.find((i) => i.slug === '2025-08-nsc-technische-briefing-dataveiligheid-zorg')!;
  t.match(nsc, { dueOn: null, dueText: 'in de eerste week na het zomerreces', dueFromText: false });
  t.same((await app.inject({ method: 'GET', url: '/api/v1/requests?bron=besluit' })).json().map((i: { kind: string }) => i.kind), ['briefing']);

  const one = await app.inject({ method: 'GET', url: `/api/v1/requests/${String(tz.slug)}` });
  t.equal(one.statusCode, 200);
  t.match(one.json(), { slug: tz.slug, activity: { soort: 'Commissiedebat', number: '2025A04001' }, removed: false, events: [{ kind: 'made' }, { kind: 'overdue' }] });
  t.match((await app.inject({ method: 'GET', url: '/api/v1/requests/bestaat-niet' })).json(), { statusCode: 404, error: /niet gevonden/ });
  const bad = await app.inject({ method: 'GET', url: '/api/v1/requests?status=kapot' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: /status/ });

  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: { items?: { properties: object } } }> }> } }> };
  t.ok(doc.paths['/api/v1/requests'], 'the list is described');
  t.ok(doc.paths['/api/v1/requests/{slug}'], 'one promise is described');
  const props = Object.keys(doc.paths['/api/v1/requests']!.get.responses['200']!.content['application/json']!.schema.items!.properties);
  t.same(pinned.filter((k) => !props.includes(k)), [], 'every pinned field in the schema');
});

t.test('staff decide on suggestions in one click; the suggestion and the decision are both kept', async (t) => {
  const s = await buildStaffApp(t);
  const db = s.database.db;
  await ledgerData(db);
  const [decision] = await db.select().from(requests).where(eq(requests.source, 'besluit'));
  const suggested = await db.select().from(requestLinks).where(eq(requestLinks.requestId, decision!.id));
  t.match(suggested, [{ state: 'suggested', origin: 'suggestion', reason: { why: 'committee' } }]);
  const cookie0 = await sessionFor(s, 'griffie@example.nl');
  const queue = await formPage(s.app, '/staff/suggesties', cookie0);
  t.match(queue.page.body, /Te beoordelen \(1\)/);
  t.match(queue.page.body, /Technische briefing over de beveiliging van laboratoria/);
  const res = await post(s.app, `/staff/verzoeken/${decision!.id}/koppelingen/${suggested[0]!.id}`, queue.cookie, queue.token, { besluit: 'bevestigen', terug: 'suggesties' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/staff/suggesties?ok=besluit', 'back to the queue');
  const [link] = await db.select().from(requestLinks).where(eq(requestLinks.id, suggested[0]!.id));
  t.match(link, { state: 'confirmed', origin: 'suggestion', decidedBy: 'griffie@example.nl', reason: { why: 'committee' } });
  t.equal((await db.select().from(requests).where(eq(requests.id, decision!.id)))[0]!.status, 'scheduled', 'the briefing is still to come');
  const after = await s.app.inject({ method: 'GET', url: '/staff/suggesties', headers: { cookie: queue.cookie } });
  t.match(after.body, /Te beoordelen \(0\)/);
  t.match(after.body, /Bevestigd door griffie@example\.nl/);
  t.ok((await db.select().from(staffAudit)).some((a) => a.action === 'request_link.confirm'), 'audited');
  const anonymous = await s.app.inject({ method: 'GET', url: '/staff/suggesties' });
  t.not(anonymous.statusCode, 200, 'staff only');
});
