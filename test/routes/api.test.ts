import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertQuestionSet } from '../helpers/builders.ts';

t.test('the JSON API lists with the /vragen filters and is described by /api/openapi.json', async (t) => {
  const { app, database } = await buildApp(t);
  const q = await insertQuestionSet(database.db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'Hack bij een laboratorium' });
  await insertActor(database.db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'B. Kathmann' });
  await runDeadlines(database.db, TEST_NOW);

  const list = await app.inject({ url: '/api/v1/questions?onderwerp=alle&status=overdue' });
  t.equal(list.statusCode, 200);
  t.match(list.json(), { total: 1, page: 1, items: [{ number: '2025Z19002', status: 'overdue', dueAt: '2025-10-27', askers: [{ name: 'B. Kathmann' }] }] });
  const bad = await app.inject({ url: '/api/v1/questions?status=nope' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { statusCode: 400, error: /status/ });

  const doc = await app.inject({ url: '/api/openapi.json' });
  t.equal(doc.statusCode, 200);
  const spec = doc.json();
  t.match(spec, { openapi: /^3\./, info: { title: 'Kamerwacht API' } });
  t.ok(spec.paths['/api/v1/questions'], 'the list is described');
  t.ok(spec.paths['/api/v1/questions/{number}'], 'one question set is described');
  t.notOk(spec.paths['/vragen'], 'HTML pages are not part of the API');

  // Responses validate against the schemas the document publishes.
  const ajv = new Ajv({ strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const listSchema = spec.paths['/api/v1/questions'].get.responses['200'].content['application/json'].schema;
  t.ok(ajv.validate(listSchema, list.json()), JSON.stringify(ajv.errors));
  const one = await app.inject({ url: '/api/v1/questions/2025Z19002' });
  const oneSchema = spec.paths['/api/v1/questions/{number}'].get.responses['200'].content['application/json'].schema;
  t.ok(ajv.validate(oneSchema, one.json()), JSON.stringify(ajv.errors));
});

t.test('sitemap.xml lists the question pages; robots.txt points at it', async (t) => {
  const { app, database } = await buildApp(t);
  await insertQuestionSet(database.db, { nummer: '2025Z19002', submitted: '2025-10-06', onderwerp: 'Hack' });
  await runDeadlines(database.db, TEST_NOW);
  const map = await app.inject({ url: '/sitemap.xml' });
  t.equal(map.statusCode, 200);
  t.match(map.headers['content-type'], /application\/xml/);
  t.match(map.body, /<loc>http:\/\/localhost:3000\/vragen\/2025Z19002<\/loc><lastmod>/);
  t.match(map.body, /<loc>http:\/\/localhost:3000\/verzoeken<\/loc>/);
  const robots = await app.inject({ url: '/robots.txt' });
  t.match(robots.body, /Sitemap: http:\/\/localhost:3000\/sitemap.xml/);
});

t.test('statistics, ministries, parties, persons and requests as JSON, valid against the OpenAPI document', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const { insertDocument, insertFractie, insertPersoon, insertSeat } = await import('../helpers/builders.ts');
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const member = await insertPersoon(db, { achternaam: 'Six Dijkstra', initialen: 'H.' });
  await insertSeat(db, { fractieId: nsc, persoonId: member, van: '2023-12-06' });
  const q = await insertQuestionSet(db, { nummer: '2025Z15001', submitted: '2025-08-13', onderwerp: 'Datalek lab' });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'H. Six Dijkstra', persoonId: member });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'M. Minister', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-02' });
  await runDeadlines(db, TEST_NOW);

  const spec = (await app.inject({ url: '/api/openapi.json' })).json();
  const ajv = new Ajv({ strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const check = async (url: string, path: string) => {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200, url);
    const schema = spec.paths[path].get.responses['200'].content['application/json'].schema;
    t.ok(ajv.validate(schema, res.json()), `${url}: ${JSON.stringify(ajv.errors)}`);
    return res.json();
  };
  const stats = await check('/api/v1/statistics?dimension=ministry', '/api/v1/statistics');
  t.match(stats, [{ key: 'VWS', year: null, sets: 1, onTimeRate: 1 }]);
  t.match(await check('/api/v1/ministries/VWS', '/api/v1/ministries/{code}'), { code: 'VWS', statistics: [{ sets: 1 }] });
  t.match(await check('/api/v1/parties/NSC', '/api/v1/parties/{afkorting}'), { afkorting: 'NSC', statistics: [{ sets: 1 }] });
  t.match(await check(`/api/v1/persons/${member}`, '/api/v1/persons/{id}'), { name: 'H. Six Dijkstra', statistics: [{ sets: 1 }] });
  const requests = await check('/api/v1/requests', '/api/v1/requests');
  t.ok(requests.some((r: { slug: string; supporterParties: string[] }) => r.slug.includes('nsc') && r.supporterParties.length === 7));
  for (const url of ['/api/v1/ministries/XYZ', '/api/v1/parties/Niemand', '/api/v1/persons/kapot']) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 404, url);
    t.match(res.json(), { statusCode: 404 });
  }
  t.equal((await app.inject({ url: '/api/v1/statistics?dimension=planet' })).statusCode, 400);
});
