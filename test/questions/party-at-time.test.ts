// Party at the time of asking: a member who changed party, one with a gap without a seat, and a
// curated correction; the pure function and the SQL materialization agree.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { partyCorrections, questionAddressees, questionAskers } from '../../server/db/schema/index.ts';
import { partyOn } from '../../server/questions/party-at-time.ts';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { seedPartyCorrections } from '../../seeds/party-corrections.ts';
import { insertActor, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('pure rule', async (t) => {
  const periods = [
    { van: '2021-03-31', totEnMet: '2023-12-05', fractieId: 'a', party: 'CDA' },
    { van: '2023-12-06', totEnMet: null, fractieId: 'b', party: 'NSC' },
  ];
  t.same(partyOn('2022-01-01', periods).party, 'CDA');
  t.same(partyOn('2023-12-05', periods).party, 'CDA', 'totEnMet is inclusive');
  t.same(partyOn('2023-12-06', periods).party, 'NSC');
  t.same(partyOn('2020-01-01', periods), { party: null, fractieId: null, source: null }, 'before the first seat: no party');
  const gap = [
    { van: '2017-03-23', totEnMet: '2021-03-30', fractieId: 'a', party: 'SP' },
    { van: '2023-12-06', totEnMet: null, fractieId: 'a', party: 'SP' },
  ];
  t.equal(partyOn('2022-06-01', gap).party, null, 'in the gap between terms: no party');
  const fix = [{ van: '2022-01-01', totEnMet: '2022-12-31', party: 'Lid X', fractieId: null }];
  t.same(partyOn('2022-06-01', gap, fix), { party: 'Lid X', fractieId: null, source: 'correction' });
  t.same(partyOn('2024-06-01', gap, fix).source, 'periods', 'outside the correction the periods apply');
});

t.test('askers and addressees materialized by the deadlines run', async (t) => {
  const { db } = await testDatabase(t);
  const cda = await insertFractie(db, { afkorting: 'CDA' });
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const sp = await insertFractie(db, { afkorting: 'SP' });
  const switcher = await insertPersoon(db, { achternaam: 'Wissel' });
  await insertSeat(db, { fractieId: cda, persoonId: switcher, van: '2021-03-31', totEnMet: '2023-12-05' });
  await insertSeat(db, { fractieId: nsc, persoonId: switcher, van: '2023-12-06' });
  const returner = await insertPersoon(db, { achternaam: 'Terug' });
  await insertSeat(db, { fractieId: sp, persoonId: returner, van: '2017-03-23', totEnMet: '2021-03-30' });
  await insertSeat(db, { fractieId: sp, persoonId: returner, van: '2023-12-06' });
  const corrected = await insertPersoon(db, { achternaam: 'Gecorrigeerd' });
  await insertSeat(db, { fractieId: cda, persoonId: corrected, van: '2021-03-31' });
  await seedPartyCorrections(db, [
    { persoonId: corrected, van: '2022-01-01', totEnMet: null, party: 'NSC', fractieId: nsc, reason: 'test: wrong seat upstream', source: 'test' },
  ]);
  await seedPartyCorrections(db, [
    { persoonId: corrected, van: '2022-01-01', totEnMet: null, party: 'XYZ', fractieId: null, reason: 'second run', source: 'test' },
  ]);
  t.equal((await db.select().from(partyCorrections)).length, 1, 'seeding twice keeps one row');

  const a = await insertQuestionSet(db, { nummer: '2022Z00100', submitted: '2022-06-01' });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Indiener', naam: 'A. Wissel', persoonId: switcher, fractie: 'NSC' });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Medeindiener', naam: 'B. Terug', persoonId: returner, fractie: 'SP' });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Medeindiener', naam: 'C. Gecorrigeerd', persoonId: corrected, fractie: 'CDA' });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Gericht aan', naam: 'E.J. Kuipers', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await insertActor(db, { zaakId: a.zaakId, relatie: 'Gericht aan', naam: 'D. Yeşilgöz-Zegerius', functie: 'minister van Justitie en Veiligheid' });
  const b = await insertQuestionSet(db, { nummer: '2024Z00200', submitted: '2024-02-01' });
  await insertActor(db, { zaakId: b.zaakId, relatie: 'Indiener', naam: 'A. Wissel', persoonId: switcher });

  await runDeadlines(db, new Date('2024-03-01T12:00:00+01:00'));
  const askersA = await db.select().from(questionAskers).where(eq(questionAskers.zaakId, a.zaakId));
  const byName = Object.fromEntries(askersA.map((r) => [r.name, { party: r.party, source: r.partySource, role: r.role }]));
  t.same(byName['A. Wissel'], { party: 'CDA', source: 'periods', role: 'Indiener' }, 'party then, not now (and not ActorFractie)');
  t.same(byName['B. Terug'], { party: null, source: null, role: 'Medeindiener' }, 'no seat on the date: no party');
  t.same(byName['C. Gecorrigeerd'], { party: 'NSC', source: 'correction', role: 'Medeindiener' });
  const [askerB] = await db.select().from(questionAskers).where(eq(questionAskers.zaakId, b.zaakId));
  t.equal(askerB?.party, 'NSC');

  const addressees = await db.select().from(questionAddressees).where(eq(questionAddressees.zaakId, a.zaakId));
  t.same(addressees.map((r) => [r.ministry, r.post]).sort(), [
    ['JenV', 'minister'],
    ['VWS', 'minister'],
  ]);
});
