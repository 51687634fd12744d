import t from 'tap';
import { buildApp } from '../helpers/app.ts';

t.test('home page and requests page in Dutch', async (t) => {
  const { app } = await buildApp(t);

  const home = await app.inject({ method: 'GET', url: '/' });
  t.equal(home.statusCode, 200);
  t.match(home.headers['content-type'], /text\/html; charset=utf-8/);
  t.match(home.body, /<html lang="nl">/);
  t.match(home.body, /href="#inhoud"/, 'skip link');
  t.match(home.body, /<main id="inhoud"/);
  t.match(home.body, /Vragen over Dataveiligheid in de zorg/);
  t.match(home.body, /wachten op antwoord/);
  t.match(home.body, /Nog geen gebeurtenissen/);
  t.match(home.body, /Nog geen gegevens gesynchroniseerd/, 'freshness line when never synced');
  t.match(home.headers['content-security-policy'], /script-src 'self'/);
  t.notMatch(home.headers['content-security-policy'], /unsafe-inline|unsafe-eval/);

  const requests = await app.inject({ method: 'GET', url: '/verzoeken' });
  t.equal(requests.statusCode, 200);
  t.match(requests.body, /Technische briefing over dataveiligheid in de zorg/);
  t.match(requests.body, /Hertzberger \(NSC\), De Korte \(NSC\), Six Dijkstra \(NSC\)/);
  t.match(requests.body, /BBB, ChristenUnie, D66, GroenLinks-PvdA, SGP, SP, VVD/);
  t.match(requests.body, /augustus 2025/);
  t.match(requests.body, /Kamerstuk 31765, nr\. 353/);
  t.match(requests.body, /30 november 2018/);
  t.match(requests.body, /Nagekomen/);
  t.match(requests.body, /in de eerste week na het zomerreces/, 'a deadline in words without a day is shown as words');
});

t.test('unknown pages get a 404 in the site layout', async (t) => {
  const { app } = await buildApp(t);
  const res = await app.inject({ method: 'GET', url: '/bestaat-niet' });
  t.equal(res.statusCode, 404);
  t.match(res.body, /Pagina niet gevonden/);
  t.match(res.body, /<html lang="nl">/);
});

t.test('htmx is served locally', async (t) => {
  const { app } = await buildApp(t);
  const res = await app.inject({ method: 'GET', url: '/static/vendor/htmx.min.js' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /javascript/);
  const css = await app.inject({ method: 'GET', url: '/static/site.css' });
  t.equal(css.statusCode, 200);
});

t.test('the overview counts the default topic and lists the latest events', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const { runDeadlines } = await import('../../server/derivation/hourly.ts');
  const { topicMatches, topics, questionEvents } = await import('../../server/db/schema/index.ts');
  const { insertDocument, insertQuestionSet } = await import('../helpers/builders.ts');
  const { TEST_NOW } = await import('../helpers/app.ts');
  const [topic] = await db.select().from(topics);
  const overdue = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'Hack bij een laboratorium' });
  const answered = await insertQuestionSet(db, { nummer: '2025Z20010', submitted: '2025-11-03', onderwerp: 'Ransomware in ziekenhuizen' });
  await insertDocument(db, { zaakId: answered.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-20' });
  const offTopic = await insertQuestionSet(db, { nummer: '2025Z20020', submitted: '2025-11-10', onderwerp: 'Zorgpremie' });
  for (const z of [overdue, answered]) {
    await db.insert(topicMatches).values({ topicId: topic!.id, zaakId: z.zaakId, matchedTerms: ['hack'], topicVersion: 1, matchedAt: TEST_NOW });
  }
  await runDeadlines(db, TEST_NOW);
  await db.insert(questionEvents).values([
    { zaakId: answered.zaakId, kind: 'answered', occurredAt: new Date('2025-11-20T10:00:00+01:00'), recordedAt: TEST_NOW, source: 'sync', dedupeKey: 'x:answered' },
    { zaakId: offTopic.zaakId, kind: 'asked', occurredAt: new Date('2025-11-10T10:00:00+01:00'), recordedAt: TEST_NOW, source: 'sync', dedupeKey: 'y:asked' },
  ]);

  const home = (await app.inject({ url: '/' })).body;
  t.match(home, /<span class="count">1<\/span> te laat</);
  t.match(home, /<span class="count">1<\/span> op tijd beantwoord/);
  t.match(home, /<span class="count">1<\/span> wachten op antwoord/);
  t.match(home, /Beantwoord<\/strong>: <a href="\/vragen\/2025Z20010">/);
  // Every figure is the count of the list it links to.
  const figures = [...home.matchAll(/<li><a href="(\/vragen[^"]*)"><span class="count">(\d+)<\/span> ([^<]+)<\/a>/g)];
  t.equal(figures.length, 7, 'seven question figures');
  for (const [, href, n, label] of figures) {
    const list = (await app.inject({ url: href!.replaceAll('&amp;', '&') })).body;
    t.match(list, new RegExp(`<strong>${n}</strong> sets? vragen gevonden`), `${label}: ${n}, as the list ${href} says`);
  }
  t.notMatch(home, /2025Z20020/, 'off-topic events stay off the overview');
});

t.test('the overview shows a late answer once, as late', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const { runDeadlines } = await import('../../server/derivation/hourly.ts');
  const { recordDocumentEvents } = await import('../../server/derivation/sync-events.ts');
  const { topicMatches, topics } = await import('../../server/db/schema/index.ts');
  const { insertDocument, insertQuestionSet } = await import('../helpers/builders.ts');
  const { TEST_NOW } = await import('../helpers/app.ts');
  const [topic] = await db.select().from(topics);
  const late = await insertQuestionSet(db, { nummer: '2025Z19003', submitted: '2025-10-01', onderwerp: 'Datalek bij een ziekenhuis' });
  await insertDocument(db, { zaakId: late.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-20' });
  await db.insert(topicMatches).values({ topicId: topic!.id, zaakId: late.zaakId, matchedTerms: ['datalek'], topicVersion: 1, matchedAt: TEST_NOW });
  await recordDocumentEvents(db, [late.zaakId], TEST_NOW);
  await runDeadlines(db, TEST_NOW);
  const home = (await app.inject({ url: '/' })).body;
  const lines = [...home.matchAll(/<li><time[^>]*>[^<]*<\/time> · <strong>([^<]+)<\/strong>: <a href="\/vragen\/2025Z19003">/g)].map((m) => m[1]);
  t.same(lines, ['Te laat beantwoord']);
});
