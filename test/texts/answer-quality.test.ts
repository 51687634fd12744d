// Answer-quality figures: per ministry, minister, party and year, the share of questions of
// answered sets left unanswered, grouped, referred or deferred, from question_texts rows inserted
// directly; open sets and answered sets without texts do not count. The ministry page and the
// API show them beside the timeliness figures.
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { questionTexts } from '../../server/db/schema/texts.ts';
import type { QuestionTextFlag } from '../../server/db/schema/texts.ts';
import { scopeStatistics } from '../../server/statistics/answer-quality.ts';
import { buildApp, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

t.test('shares of unanswered, grouped, referred and deferred questions beside timeliness', async (t) => {
  const { app, database } = await buildApp(t, { env: { PAGE_CACHE_SECONDS: '0' } });
  const db = database.db;
  const sp = await insertFractie(db, { afkorting: 'SP' });
  const member = await insertPersoon(db, { achternaam: 'Dijk', initialen: 'J.P.', tussenvoegsel: 'van' });
  await insertSeat(db, { fractieId: sp, persoonId: member, van: '2017-03-23' });

  // [nummer, submitted, answered on, ministry's minister, flags per question]
  const sets: [string, string, string | null, string, QuestionTextFlag[][]][] = [
    ['2024Z01001', '2024-03-01', '2024-03-20', 'minister van Volksgezondheid, Welzijn en Sport', [[], ['grouped'], ['grouped'], ['referred']]],
    ['2025Z02001', '2025-02-03', '2025-03-01', 'minister van Volksgezondheid, Welzijn en Sport', [['deferred'], ['unanswered'], [], ['grouped', 'deferred'], ['grouped', 'deferred'], []]],
    // Still open (its texts are the questions only): not counted.
    ['2025Z03001', '2025-10-01', null, 'minister van Volksgezondheid, Welzijn en Sport', [[], []]],
    // Answered, texts not read: counted in timeliness, not in answer quality.
    ['2025Z04001', '2025-04-01', '2025-04-20', 'minister van Volksgezondheid, Welzijn en Sport', []],
    // Another ministry.
    ['2025Z05001', '2025-05-01', '2025-05-20', 'minister van Justitie en Veiligheid', [['unanswered'], []]],
  ];
  for (const [nummer, submitted, answered, functie, flags] of sets) {
    const { zaakId } = await insertQuestionSet(db, { nummer, submitted });
    await insertActor(db, { zaakId, relatie: 'Indiener', naam: 'J.P. van Dijk', persoonId: member });
    await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'M. Minister', functie });
    const answerId = answered ? await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: answered }) : null;
    if (flags.length > 0) {
      await db.insert(questionTexts).values(
        flags.map((f, i) => ({
          zaakId,
          position: i + 1,
          number: String(i + 1),
          text: `Vraag ${i + 1}?`,
          answerText: f.includes('unanswered') || !answerId ? null : 'Antwoord.',
          answerDocumentId: f.includes('unanswered') ? null : answerId,
          deferred: f.includes('deferred'),
          deferralText: f.includes('deferred') ? 'Ik informeer uw Kamer voor de zomer.' : null,
          flags: f,
        })),
      );
    }
  }
  await runDeadlines(db, TEST_NOW);

  const vws = await scopeStatistics(db, 'ministry', 'VWS');
  const total = vws.find((r) => r.year === null);
  t.equal(total?.sets, 4, 'timeliness still counts every set');
  t.same(total?.answerQuality, {
    sets: 2, questions: 10, unanswered: 1, grouped: 4, referred: 1, deferred: 3,
    unansweredRate: 0.1, groupedRate: 0.4, referredRate: 0.1, deferredRate: 0.3,
  }, 'over the 10 questions of the 2 answered sets with texts');
  t.same(vws.filter((r) => r.year !== null).map((r) => [r.year, r.answerQuality?.questions ?? null, r.answerQuality?.deferred ?? null]), [[2024, 4, 0], [2025, 6, 3]]);

  const jenv = (await scopeStatistics(db, 'ministry', 'JenV')).find((r) => r.year === null);
  t.equal(jenv?.answerQuality?.unansweredRate, 0.5);
  const ministers = await scopeStatistics(db, 'minister');
  t.same(ministers.filter((r) => r.year === null).map((r) => [r.key, r.answerQuality?.questions]), [['M. Minister | minister | JenV', 2], ['M. Minister | minister | VWS', 10]]);
  t.equal((await scopeStatistics(db, 'party', 'SP')).find((r) => r.year === null)?.answerQuality?.questions, 12);
  t.same((await scopeStatistics(db, 'ministry', 'BZK')), [], 'a ministry without sets has no rows');

  const api = await app.inject({ url: '/api/v1/ministries/VWS' });
  t.equal(api.statusCode, 200);
  const body = api.json() as { statistics: { year: number | null; onTimeRate: number; answerQuality: { deferredRate: number; questions: number } | null }[] };
  const apiTotal = body.statistics.find((s) => s.year === null);
  t.equal(apiTotal?.answerQuality?.deferredRate, 0.3, 'the API carries the figures');
  t.equal(apiTotal?.answerQuality?.questions, 10, 'and over how many questions');
  t.type(apiTotal?.onTimeRate, 'number', 'beside the timeliness figures');
  const byMinister = (await app.inject({ url: '/api/v1/statistics?dimension=minister' })).json() as { key: string; answerQuality: unknown }[];
  t.ok(byMinister.some((r) => r.key === 'M. Minister | minister | VWS' && r.answerQuality !== null), 'per minister in /api/v1/statistics');

  const page = await app.inject({ url: '/ministeries/VWS' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /<h2>Hoe werd geantwoord<\/h2>/);
  t.match(page.body, /<th scope="row">2025<\/th><td>6 \(1\)<\/td><td>17% <span class="stats__count">\(1\)<\/span><\/td><td>33% <span class="stats__count">\(2\)<\/span><\/td><td>0% <span class="stats__count">\(0\)<\/span><\/td><td>50% <span class="stats__count">\(3\)<\/span><\/td><\/tr>/);
  t.match(page.body, /<tr class="stats__total"><th scope="row">Totaal<\/th><td>10 \(2\)<\/td><td>10% /);
  const bzk = await app.inject({ url: '/ministeries/BZK' });
  t.match(bzk.body, /Nog geen antwoordteksten gelezen/);
});
