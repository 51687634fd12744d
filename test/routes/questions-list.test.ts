import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { topicMatches, topics } from '../../server/db/schema/index.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

t.test('/vragen lists, filters, sorts and pages question sets; htmx gets the partial', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const [topic] = await db.select().from(topics);
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const gl = await insertFractie(db, { afkorting: 'GroenLinks-PvdA' });
  const hertzberger = await insertPersoon(db, { achternaam: 'Hertzberger', initialen: 'A.' });
  const kathmann = await insertPersoon(db, { achternaam: 'Kathmann', initialen: 'B.' });
  await insertSeat(db, { fractieId: nsc, persoonId: hertzberger, van: '2023-12-06' });
  await insertSeat(db, { fractieId: gl, persoonId: kathmann, van: '2023-12-06' });

  const a = await insertQuestionSet(db, { nummer: '2025Z15001', submitted: '2025-08-13', onderwerp: 'Het datalek bij Clinical Diagnostics' });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Indiener', naam: 'A. Hertzberger', persoonId: hertzberger });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Gericht aan', naam: 'D. Jansen', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await insertDocument(db, { zaakId: a.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-02' });

  const b = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'De oorzaak van de hack bij een laboratorium' });
  await insertActor(db, { zaakId: b.zaakId, relatie: 'Indiener', naam: 'B. Kathmann', persoonId: kathmann });
  await insertActor(db, { zaakId: b.zaakId, relatie: 'Gericht aan', naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' });

  const c = await insertQuestionSet(db, { nummer: '2025Z20003', submitted: '2025-11-10', onderwerp: 'Een datalek bij de Belastingdienst' });
  await insertActor(db, { zaakId: c.zaakId, relatie: 'Indiener', naam: 'B. Kathmann', persoonId: kathmann });
  await insertActor(db, { zaakId: c.zaakId, relatie: 'Gericht aan', naam: 'X. Financiën', functie: 'staatssecretaris van Financiën' });

  for (const z of [a, b]) {
    await db.insert(topicMatches).values({ topicId: topic!.id, zaakId: z.zaakId, matchedTerms: ['datalek'], topicVersion: 1, matchedAt: TEST_NOW });
  }
  await runDeadlines(db, TEST_NOW);

  const all = await app.inject({ url: '/vragen' });
  t.equal(all.statusCode, 200);
  t.match(all.body, /<strong>2<\/strong> sets vragen gevonden/, 'the default topic lens applies');
  t.notMatch(all.body, /2025Z20003/);
  t.ok(all.body.indexOf('2025Z19002') < all.body.indexOf('2025Z15001'), 'newest first');
  t.match(all.body, /Hertzberger \(NSC\)/);
  t.match(all.body, /Te laat/);
  t.match(all.body, /Beantwoord/);
  t.match(all.body, /<label for="f-status">Status<\/label>/);

  const everything = await app.inject({ url: '/vragen?onderwerp=alle' });
  t.match(everything.body, /<strong>3<\/strong> sets vragen/);

  const byParty = await app.inject({ url: '/vragen?onderwerp=alle&fractie=GroenLinks-PvdA' });
  t.match(byParty.body, /<strong>2<\/strong> sets vragen/);
  t.notMatch(byParty.body, /2025Z15001/);

  const byStatus = await app.inject({ url: '/vragen?status=overdue' });
  t.match(byStatus.body, /<strong>1<\/strong> set vragen/);
  t.match(byStatus.body, /2025Z19002/);

  const byMinistry = await app.inject({ url: '/vragen?onderwerp=alle&ministerie=FIN' });
  t.match(byMinistry.body, /2025Z20003/);
  t.match(byMinistry.body, /<strong>1<\/strong> set vragen/);

  const text = await app.inject({ url: '/vragen?q=hacks' });
  t.match(text.body, /2025Z19002/, 'Dutch stemming: hacks finds hack');
  t.match(text.body, /<strong>1<\/strong> set vragen/);

  const period = await app.inject({ url: '/vragen?onderwerp=alle&van=2025-10-01&tot=2025-10-31' });
  t.match(period.body, /<strong>1<\/strong> set vragen/);

  const sorted = await app.inject({ url: '/vragen?sort=te-laat' });
  t.ok(sorted.body.indexOf('2025Z19002') < sorted.body.indexOf('2025Z15001'), 'most overdue first');

  const htmx = await app.inject({ url: '/vragen?status=overdue', headers: { 'hx-request': 'true' } });
  t.equal(htmx.statusCode, 200);
  t.notMatch(htmx.body, /<html/, 'a fragment without the layout');
  t.match(htmx.body, /^<div id="resultaten"/);
  t.equal(htmx.headers.vary, 'HX-Request');
  const restore = await app.inject({ url: '/vragen', headers: { 'hx-request': 'true', 'hx-history-restore-request': 'true' } });
  t.match(restore.body, /<html/, 'history restore gets the whole page');

  const bad = await app.inject({ url: '/vragen?status=kapot' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /<html lang="nl">/, 'a bad filter gets an error page in the layout');
  t.match(bad.body, /status/, 'naming the field');
});

t.test('/vragen paginates by 25', async (t) => {
  const { app, database } = await buildApp(t);
  for (let i = 0; i < 30; i++) {
    await insertQuestionSet(database.db, { nummer: `2025Z${String(10000 + i)}`, submitted: '2025-11-01', onderwerp: `Vraag ${i}` });
  }
  await runDeadlines(database.db, TEST_NOW);
  const first = await app.inject({ url: '/vragen?onderwerp=alle' });
  t.match(first.body, /Pagina 1 van 2/);
  t.match(first.body, /href="\/vragen\?onderwerp=alle&amp;pagina=2" rel="next"/);
  const second = await app.inject({ url: '/vragen?onderwerp=alle&pagina=2' });
  t.equal((second.body.match(/<tr>/g) ?? []).length, 1 + 5, 'header row plus the last five');
});
