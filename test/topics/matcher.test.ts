import { eq } from 'drizzle-orm';
import t from 'tap';
import { topicMatches, topics } from '../../server/db/schema/index.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { matchZaken, rematchTopic } from '../../server/topics/match-zaken.ts';
import { compileTopic, matchText } from '../../server/topics/matcher.ts';
import { parseRule } from '../../server/topics/rules.ts';
import { runSeeds } from '../../seeds/index.ts';
import { fixedClock } from '../../server/clock.ts';
import { insertDocument, insertQuestionSet, insertZaak } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('rule syntax', async (t) => {
  t.same(parseRule('datalek|hack + zorg|ziekenhuis').groups, [
    ['datalek', 'hack'],
    ['zorg', 'ziekenhuis'],
  ]);
  t.same(parseRule('NEN 7510').groups, [['NEN 7510']]);
  t.throws(() => parseRule('  '));
});

t.test('stemming, compounds, phrases, diacritics and exclusions', async (t) => {
  const topic = compileTopic(['patiëntgegevens|medische gegevens|NEN 7510|Z-CERT', 'datalek|hack + zorg|lab|ziekenhuis|ggz'], ['Belastingdienst']);
  const m = (s: string) => matchText(topic, [s]);
  t.same(m('Het patiëntgegevenslek').terms, ['patiëntgegevens'], 'term inside a compound');
  t.ok(m('PATIENTGEGEVENS').matched, 'case and diacritics');
  t.ok(m('Datalekken in ziekenhuizen').matched, 'stemming');
  t.ok(m('Lek van medische gegevens').matched, 'phrase');
  t.ok(m('Verwerking van medische gegevensbestanden').matched, 'phrase ending in a compound');
  t.notOk(m('Medische hulp bij gegevens').matched, 'phrase words must be adjacent');
  t.ok(m('Certificering NEN7510').matched, 'phrase written together');
  t.ok(m('De rol van Z-CERT').matched);
  t.ok(m('Hack bij de jeugdzorg').matched, 'short term as compound tail');
  t.ok(m('Hack bij een zorgaanbieder').matched, 'short term as compound head');
  t.notOk(m('Zorgvuldig omgaan met een datalek').matched, 'false friend');
  t.notOk(m('Zorgen over een datalek').matched, "'zorgen' is worry, not care");
  t.ok(m('Hack bij een lab').matched, 'short word as a whole word');
  t.notOk(m('Hack van labels').matched, 'short word not inside other words');
  t.notOk(m('Datalek bij de Belastingdienst over de zorg').matched, 'excluded context vetoes a combination');
  t.ok(m('Datalek bij de Belastingdienst met patiëntgegevens').matched, 'but not a specific term');
  t.same(m('Datalek bij de Belastingdienst over de zorg').excludedBy, ['Belastingdienst']);
});

t.test('matching zaken, recording terms and version, rematching after an edit', async (t) => {
  const { db } = await testDatabase(t);
  const clock = fixedClock(new Date('2025-11-24T10:00:00+01:00'));
  await runSeeds(db, clock);
  const [topic] = await db.select().from(topics);
  const a = await insertQuestionSet(db, { nummer: '2025Z30001', submitted: '2025-11-01', onderwerp: 'Het datalek bij een ziekenhuis in Leeuwarden' });
  const b = await insertQuestionSet(db, { nummer: '2025Z30002', submitted: '2025-11-01', onderwerp: 'Het bericht over een storing' });
  // Only a document of the set mentions the topic.
  await insertDocument(db, { zaakId: b.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-10', onderwerp: 'Antwoord op vragen over de ransomware-aanval op een huisartsenpost' });
  await insertQuestionSet(db, { nummer: '2025Z30003', submitted: '2025-11-01', onderwerp: 'Het datalek bij de Belastingdienst' });
  await insertZaak(db, { nummer: '2025Z30004', soort: 'Motie', onderwerp: 'Motie over het datalek bij een ziekenhuis' });

  await runDeadlines(db, clock.now());
  const rows = await db.select().from(topicMatches);
  t.same(rows.map((r) => r.zaakId).sort(), [a.zaakId, b.zaakId].sort(), 'question sets only, through their documents too');
  const ra = rows.find((r) => r.zaakId === a.zaakId);
  t.same(ra?.matchedTerms, ['datalek', 'ziekenhuis']);
  t.equal(ra?.topicVersion, 1);

  t.same(await matchZaken(db, clock.now()), { checked: 0, matched: 0 }, 'nothing new to check');
  t.same(await matchZaken(db, clock.now(), [a.zaakId]), { checked: 1, matched: 1 }, 'the sync hook re-checks what it touched');

  await db.update(topics).set({ terms: ['ransomware + huisarts'], version: 2 }).where(eq(topics.id, topic!.id));
  const r = await rematchTopic(db, topic!.id, clock.now());
  t.same(r, { checked: 3, matched: 1 });
  const after = await db.select().from(topicMatches);
  t.same(after.map((m) => [m.zaakId, m.topicVersion, m.matchedTerms]), [[b.zaakId, 2, ['ransomware', 'huisarts']]]);
});
