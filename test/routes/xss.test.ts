// Every feed-supplied string goes through escaping: hostile values in every field the feed
// fills, through every page and format.
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

const EVIL = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;

t.test('hostile feed strings are escaped on every page and in every format', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const party = await insertFractie(db, { afkorting: `P${EVIL}`, naam: EVIL });
  const member = await insertPersoon(db, { achternaam: EVIL, initialen: EVIL, roepnaam: EVIL, tussenvoegsel: EVIL });
  await insertSeat(db, { fractieId: party, persoonId: member, van: '2020-01-01' });
  const q = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: `datalek ziekenhuis ${EVIL}`, titel: EVIL });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: EVIL, persoonId: member, fractie: EVIL });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: EVIL, functie: `minister van Volksgezondheid, Welzijn en Sport ${EVIL}` });
  await insertDocument(db, { zaakId: q.zaakId, soort: EVIL, datum: '2025-10-20', nummer: EVIL, titel: EVIL, onderwerp: EVIL });
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-10-25', titel: EVIL });
  await runDeadlines(db, TEST_NOW);

  const urls = [
    '/',
    '/vragen?onderwerp=alle',
    `/vragen?onderwerp=alle&q=${encodeURIComponent(EVIL)}`,
    `/vragen?onderwerp=alle&fractie=${encodeURIComponent(`P${EVIL}`)}`,
    '/vragen/2025Z19002',
    `/fracties/${encodeURIComponent(`P${EVIL}`)}`,
    `/personen/${member}`,
    '/ministeries/VWS',
    '/vragen.atom?onderwerp=alle',
    '/sitemap.xml',
  ];
  for (const url of urls) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200, `${url} answers`);
    t.notMatch(res.body, /<script>alert/, `${url}: no script element from data`);
    t.notMatch(res.body, /<img src=x/, `${url}: no element from data`);
    t.notMatch(res.body, /"><script/, `${url}: no attribute break-out`);
  }
  const ics = (await app.inject({ url: '/vragen.ics?onderwerp=alle' })).body;
  t.notMatch(ics, /\r\n(?!\s)[^:\r\n]*onerror/, 'iCal: data cannot start a property line');
  const json = (await app.inject({ url: '/api/v1/questions/2025Z19002' })).json();
  t.equal(json.askers[0].name, EVIL, 'JSON keeps the data as data');
});
