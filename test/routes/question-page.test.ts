import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { topicMatches, topics } from '../../server/db/schema/index.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

const HOSTILE = `<script>alert(1)</script>"'&`;

t.test('/vragen/<nummer> shows the whole story of a question set', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const [topic] = await db.select().from(topics);
  const pvv = await insertFractie(db, { afkorting: 'PVV' });
  const gl = await insertFractie(db, { afkorting: 'GroenLinks-PvdA' });
  const member = await insertPersoon(db, { achternaam: 'Voorbeeld', initialen: 'V.' });
  await insertSeat(db, { fractieId: pvv, persoonId: member, van: '2021-03-31', totEnMet: '2025-06-30' });
  await insertSeat(db, { fractieId: gl, persoonId: member, van: '2025-07-01' });

  const q = await insertQuestionSet(db, { nummer: '2025Z12345', submitted: '2025-05-01', onderwerp: `Ransomware bij ziekenhuizen ${HOSTILE}`, titel: 'Kwaliteit van zorg' });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: `V. Voorbeeld ${HOSTILE}`, persoonId: member });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'M. Minister', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  // The same minister once more, by office: listed once, under the person's name.
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'Minister van VWS', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-05-20', nummer: '2025D22222' });
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-06-20', nummer: '2025D33333', titel: HOSTILE });
  await db.insert(topicMatches).values({ topicId: topic!.id, zaakId: q.zaakId, matchedTerms: ['ransomware + ziekenhuis'], topicVersion: 1, matchedAt: TEST_NOW });
  await runDeadlines(db, TEST_NOW);

  const res = await app.inject({ url: '/vragen/2025Z12345' });
  t.equal(res.statusCode, 200);
  const body = res.body;
  t.notMatch(body, /<script>alert/, 'feed strings are escaped');
  t.match(body, /Ransomware bij ziekenhuizen/);
  t.match(body, /Te laat beantwoord/);
  t.match(body, /Uitstelbericht/);
  t.match(body, /Antwoord/);
  t.match(body, /20 juni 2025/);
  t.match(body, '<td data-label="Fractie bij indiening"><a href="/fracties/PVV">PVV</a></td>', 'party at the time of asking');
  t.match(body, '<td data-label="Huidige fractie"><a href="/fracties/GroenLinks-PvdA">GroenLinks-PvdA</a></td>', 'and the current party');
  const addressees = /<h2>Gericht aan<\/h2>\s*<ul>(.*?)<\/ul>/s.exec(body)?.[1] ?? '';
  t.equal(
    addressees,
    '<li>M. Minister, minister van Volksgezondheid, Welzijn en Sport (<a href="/ministeries/VWS">VWS</a>)</li>',
    'the minister once, by name and function',
  );
  t.match(body, /Waarom staat dit hier/);
  t.match(body, /gevonden op <q>ransomware<\/q>/);
  t.match(body, /kv-tk-2025Z12345/);
  t.match(body, /href="\/abonneren\?vraag=2025Z12345"/);
  t.match(body, /<link rel="canonical" href="http:\/\/localhost:3000\/vragen\/2025Z12345">/);
  t.match(body, /og:title/);

  const lower = await app.inject({ url: '/vragen/2025z12345' });
  t.equal(lower.statusCode, 200, 'the number is case-insensitive');
  const missing = await app.inject({ url: '/vragen/2025Z99999' });
  t.equal(missing.statusCode, 404);
  t.match(missing.body, /Pagina niet gevonden/);
  const junk = await app.inject({ url: '/vragen/%3Cscript%3E' });
  t.equal(junk.statusCode, 404);
  t.notMatch(junk.body, /<script>/);
});
