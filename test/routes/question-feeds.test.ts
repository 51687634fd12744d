import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { recordDocumentEvents } from '../../server/derivation/sync-events.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';

t.test('CSV, Atom and iCal follow the list filters', async (t) => {
  const { app, database } = await buildApp(t);
  const db = database.db;
  const open = await insertQuestionSet(db, { nummer: '2025Z21001', submitted: '2025-11-10', onderwerp: '=HYPERLINK("x"), "quoted"; Zorgdata\nnieuwe regel' });
  await insertActor(db, { zaakId: open.zaakId, relatie: 'Indiener', naam: 'A. Één' });
  const delayed = await insertQuestionSet(db, { nummer: '2025Z19001', submitted: '2025-10-20', onderwerp: 'Uitgestelde vragen over een lab' });
  await insertDocument(db, { zaakId: delayed.zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-11-07' });
  const answered = await insertQuestionSet(db, { nummer: '2025Z15001', submitted: '2025-08-13', onderwerp: 'Beantwoorde vragen' });
  await insertDocument(db, { zaakId: answered.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-02' });
  await recordDocumentEvents(db, [open.zaakId, delayed.zaakId, answered.zaakId], TEST_NOW);
  await runDeadlines(db, TEST_NOW);

  const csv = await app.inject({ url: '/vragen.csv?onderwerp=alle' });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /text\/csv/);
  t.match(csv.headers['content-disposition'], /attachment/);
  const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
  t.match(lines[0], /^nummer,onderwerp,status/);
  t.equal(lines.filter((l) => /^2025Z/.test(l)).length, 3);
  t.match(csv.body, /"'=HYPERLINK\(""x""\), ""quoted""; Zorgdata\nnieuwe regel"/, 'quoted and defused');

  const ics = await app.inject({ url: '/vragen.ics?onderwerp=alle' });
  t.equal(ics.statusCode, 200);
  t.match(ics.headers['content-type'], /text\/calendar/);
  t.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
  t.equal((ics.body.match(/BEGIN:VEVENT/g) ?? []).length, 2, 'only sets still waiting');
  t.match(ics.body, /UID:2025Z19001@localhost:3000\r\nSEQUENCE:1\r\n/, 'a delay notice bumps the sequence');
  t.match(ics.body, /DTSTART;VALUE=DATE:20251201/, 'moved to submission + 42 days');
  t.match(ics.body, /DTSTART;VALUE=DATE:20251201\r\n/);
  t.ok(ics.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'lines folded at 75 octets');
  t.match(ics.body, /\\, /, 'commas escaped');

  const atom = await app.inject({ url: '/vragen.atom?onderwerp=alle&status=answered' });
  t.equal(atom.statusCode, 200);
  t.match(atom.headers['content-type'], /application\/atom\+xml/);
  t.match(atom.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  t.equal((atom.body.match(/<entry>/g) ?? []).length, 1);
  t.match(atom.body, /<link rel="self" type="application\/atom\+xml" href="http:\/\/localhost:3000\/vragen.atom\?onderwerp=alle&amp;status=answered"\/>/);
  // Updated when the answer came (2 September, Amsterdam midnight), not when statuses were evaluated.
  t.match(atom.body, /<entry>[^]*<updated>2025-09-01T22:00:00.000Z<\/updated>/);
  t.notMatch(atom.body, new RegExp(TEST_NOW.toISOString()), 'the evaluation time is nowhere');
  t.match(atom.body, /<feed [^]*<updated>2025-09-01T22:00:00.000Z<\/updated>[^]*<entry>/, 'the feed: its latest entry');
  t.match(atom.body, /<title>Kamerwacht: schriftelijke vragen \(status beantwoord\)<\/title>/, 'the title names the filter');
  const topicFeed = await app.inject({ url: '/vragen.atom?status=overdue&ministerie=VWS&q=lab' });
  t.match(topicFeed.body, /<title>Kamerwacht: schriftelijke vragen \(onderwerp Dataveiligheid in de zorg, status te laat, ministerie Volksgezondheid, Welzijn en Sport, zoekterm &quot;lab&quot;\)<\/title>/);
  t.match((await app.inject({ url: '/vragen.atom?onderwerp=alle' })).body, /<title>Kamerwacht: schriftelijke vragen<\/title>/, 'no filter, no list');

  const bad = await app.inject({ url: '/vragen.csv?van=gisteren' });
  t.equal(bad.statusCode, 400);
});
