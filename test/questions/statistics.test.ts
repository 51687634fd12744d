import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { timeliness } from '../../server/statistics/timeliness.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('timeliness per ministry, minister, party and member', async (t) => {
  const { db } = await testDatabase(t);
  const sp = await insertFractie(db, { afkorting: 'SP' });
  const p = await insertPersoon(db, { achternaam: 'Hijink' });
  await insertSeat(db, { fractieId: sp, persoonId: p, van: '2017-03-23' });
  // Answer after 10, 20, 30 (late) days; one with a delay notice, still open and overdue.
  const sets: [string, string, number | null, boolean][] = [
    ['2024Z00001', '2024-03-01', 10, false],
    ['2024Z00002', '2024-04-01', 20, false],
    ['2025Z00003', '2025-03-03', 30, false],
    ['2025Z00004', '2025-05-01', null, true],
  ];
  for (const [nummer, submitted, days, notice] of sets) {
    const { zaakId } = await insertQuestionSet(db, { nummer, submitted });
    await insertActor(db, { zaakId, relatie: 'Indiener', naam: 'Hijink', persoonId: p });
    await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'E.J. Kuipers', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
    if (days !== null) {
      const d = new Date(`${submitted}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: d.toISOString().slice(0, 10) });
    }
    if (notice) await insertDocument(db, { zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-05-20' });
  }
  await runDeadlines(db, new Date('2025-09-01T12:00:00+02:00'));
  const vws = await timeliness(db, 'ministry', 'VWS');
  const total = vws.find((r) => r.year === null)!;
  // On time is over the answered sets only: 2 of the 3 answers, not 2 of all 4 sets.
  t.match(total, { key: 'VWS', sets: 4, answered: 3, answeredOnTime: 2, waiting: 1, overdueNow: 1, withdrawn: 0, delayNotices: 1, delayNoticeRate: 0.25, overdueNowRate: 0.25, medianDaysToAnswer: 20, p90DaysToAnswer: 28 });
  t.equal(total.onTimeRate, 2 / 3);
  t.same(vws.filter((r) => r.year !== null).map((r) => [r.year, r.sets]), [[2024, 2], [2025, 2]]);
  t.equal((await timeliness(db, 'party', 'SP')).find((r) => r.year === null)?.sets, 4);
  t.equal((await timeliness(db, 'member', p)).find((r) => r.year === null)?.answered, 3);
  const ministers = await timeliness(db, 'minister');
  t.equal(ministers[0]?.key, 'E.J. Kuipers | minister | VWS');
});
