// The index pages: /fracties (current and former seats), /ministeries (with the ministers recently
// addressed), /personen (with a name search); abbreviations in any case redirect to the one URL;
// the menu and the sitemap lead to them.
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

t.test('index pages for parties, ministries and members', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const vvd = await insertFractie(db, { afkorting: 'VVD', naam: 'Volkspartij voor Vrijheid en Democratie' });
  const gone = await insertFractie(db, { afkorting: 'Groep Markuszower', naam: 'Groep Markuszower', inactief: '2025-06-01' });
  const tielen = await insertPersoon(db, { achternaam: 'Tielen', initialen: 'J.', roepnaam: 'Judith' });
  const paternotte = await insertPersoon(db, { achternaam: 'Paternotte', initialen: 'J.', roepnaam: 'Jan' });
  const oud = await insertPersoon(db, { achternaam: 'Markuszower', initialen: 'G.', roepnaam: 'Gidi' });
  const niemand = await insertPersoon(db, { achternaam: 'Buiten', initialen: 'Z.' });
  await insertSeat(db, { fractieId: vvd, persoonId: tielen, van: '2021-03-31' });
  await insertSeat(db, { fractieId: vvd, persoonId: paternotte, van: '2019-01-01', totEnMet: '2023-12-05' });
  await insertSeat(db, { fractieId: gone, persoonId: oud, van: '2023-12-06', totEnMet: '2025-06-01' });
  const q = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'Datalek bij een laboratorium' });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'J. Tielen', persoonId: tielen });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'J.A. Bruijn', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  const old = await insertQuestionSet(db, { nummer: '2024Z01001', submitted: '2024-01-10', onderwerp: 'Oudere vragen' });
  await insertActor(db, { zaakId: old.zaakId, relatie: 'Indiener', naam: 'G. Markuszower', persoonId: oud });
  await insertActor(db, { zaakId: old.zaakId, relatie: 'Gericht aan', naam: 'E.J. Kuipers', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await runDeadlines(db, TEST_NOW);

  const parties = await app.inject({ url: '/fracties' });
  t.equal(parties.statusCode, 200);
  const inKamer = parties.body.slice(parties.body.indexOf('<h2>In de Kamer'), parties.body.indexOf('<h2>Vroegere'));
  t.match(inKamer, /<a href="\/fracties\/VVD">VVD<\/a><\/td><td data-label="Naam">Volkspartij voor Vrijheid en Democratie<\/td><td data-label="Zetels nu">1<\/td><td data-label="Oud-leden">1<\/td><td data-label="Sets vragen">1<\/td>/);
  t.match(parties.body.slice(parties.body.indexOf('<h2>Vroegere')), /href="\/fracties\/Groep%20Markuszower">Groep Markuszower/);

  const ministries = await app.inject({ url: '/ministeries' });
  t.equal(ministries.statusCode, 200);
  t.match(ministries.body, /<a href="\/ministeries\/VWS">Volksgezondheid, Welzijn en Sport<\/a>/);
  t.match(ministries.body, /J\.A\. Bruijn/, 'the minister addressed lately');
  t.notMatch(ministries.body, /Kuipers/, 'not a minister of an earlier cabinet');
  t.match(ministries.body, /href="\/vragen\/te-laat\?ministerie=VWS">2</, 'overdue links to the overdue list');

  const people = await app.inject({ url: '/personen' });
  t.equal(people.statusCode, 200);
  t.match(people.body, new RegExp(`href="/personen/${tielen}">Judith Tielen</a></td><td data-label="Fractie nu"><a href="/fracties/VVD">VVD`));
  t.match(people.body, new RegExp(`href="/personen/${oud}">Gidi Markuszower</a></td><td data-label="Fractie nu">–`), 'a former member who asked');
  t.notMatch(people.body, new RegExp(niemand), 'neither seated nor asking: not listed');
  const found = await app.inject({ url: '/personen?naam=tiel' });
  t.match(found.body, /Judith Tielen/);
  t.notMatch(found.body, /Markuszower/);
  t.match(found.body, /<input id="f-naam" name="naam" type="search" value="tiel">/);
  t.match((await app.inject({ url: '/personen?naam=%25' })).body, /Geen Kamerleden gevonden/, 'LIKE wildcards are literal');

  const lower = await app.inject({ url: '/fracties/vvd?pagina=1' });
  t.equal(lower.statusCode, 301);
  t.equal(lower.headers.location, '/fracties/VVD?pagina=1');
  t.equal((await app.inject({ url: '/fracties/VVD' })).statusCode, 200);
  t.equal((await app.inject({ url: '/fracties/groep%20markuszower' })).headers.location, '/fracties/Groep%20Markuszower');
  t.equal((await app.inject({ url: '/fracties/onbekend' })).statusCode, 404);
  const ministry = await app.inject({ url: '/ministeries/vws' });
  t.equal(ministry.statusCode, 301);
  t.equal(ministry.headers.location, '/ministeries/VWS');
  t.equal((await app.inject({ url: '/ministeries/xyz' })).statusCode, 404);

  const home = (await app.inject({ url: '/' })).body;
  for (const href of ['/ministeries', '/fracties', '/personen', '/vragen/te-laat']) t.match(home, `<a href="${href}"`, `the menu links ${href}`);
  const sitemap = (await app.inject({ url: '/sitemap.xml' })).body;
  for (const path of ['/ministeries', '/fracties', '/personen', '/vragen/te-laat']) t.match(sitemap, `<loc>http://localhost:3000${path}</loc>`);
});
