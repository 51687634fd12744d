// A set derived before, whose askers, addressees or topic matches change in a later sync: the
// derivation defers the triggers that keep question_status's filter copies (topic_ids, parties,
// asker_ids, ministries) and copies the chunk's known sets itself (server/derivation/pending-sets.ts),
// so the list's party, member, ministry and topic filters find the set under its new values.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { fixedClock } from '../../server/clock.ts';
import { type Db, resultRows } from '../../server/db/client.ts';
import { derivePendingZaken } from '../../server/derivation/pending-sets.ts';
import { runSeeds } from '../../seeds/index.ts';
import { insertActor, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

const NOW = new Date('2025-11-20T08:00:00+01:00');

interface Copies {
  topics: string[];
  parties: string[];
  askers: number;
  ministries: string[];
}

async function copies(db: Db, zaakId: string): Promise<Copies> {
  const [row] = resultRows<{ topics: string[] | null; parties: string[]; askers: number; ministries: string[] }>(
    await db.execute(sql`
      select (select array_agg(t.slug order by t.slug) from topics t where t.id = any(q.topic_ids)) as topics,
        q.parties, cardinality(q.asker_ids) as askers, q.ministries
      from question_status q where q.zaak_id = ${zaakId}`),
  );
  return { topics: row?.topics ?? [], parties: row?.parties ?? [], askers: Number(row?.askers), ministries: row?.ministries ?? [] };
}

async function markPending(db: Db, zaakId: string): Promise<void> {
  await db.execute(sql`insert into sync_pending_zaken (zaak_id, since) values (${zaakId}, ${NOW.toISOString()}::timestamptz) on conflict do nothing`);
}

t.test('a known set re-derived after its askers, addressees and subject changed gets new filter copies', async (t) => {
  const { db } = await testDatabase(t);
  await runSeeds(db, fixedClock(NOW));
  const vvd = await insertFractie(db, { afkorting: 'VVD', actief: '2010-01-01' });
  const d66 = await insertFractie(db, { afkorting: 'D66', actief: '2010-01-01' });
  const dalen = await insertPersoon(db, { achternaam: 'Dalen', initialen: 'S.' });
  const bakker = await insertPersoon(db, { achternaam: 'Bakker', initialen: 'L.M.' });
  await insertSeat(db, { fractieId: vvd, persoonId: dalen, van: '2023-12-06' });
  await insertSeat(db, { fractieId: d66, persoonId: bakker, van: '2023-12-06' });
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z20001', submitted: '2025-11-03', onderwerp: 'Vragen over wachtlijsten' });
  await insertActor(db, { zaakId, relatie: 'Indiener', naam: 'S. van Dalen', persoonId: dalen, fractie: 'VVD', fractieId: vvd });
  await markPending(db, zaakId);
  await derivePendingZaken(db, NOW);
  t.same(await copies(db, zaakId), { topics: [], parties: ['VVD'], askers: 1, ministries: [] }, 'first derivation');

  // The next sync: a co-signer, the minister it is addressed to, and a subject on the topic.
  await insertActor(db, { zaakId, relatie: 'Medeindiener', naam: 'L.M. Bakker', persoonId: bakker, fractie: 'D66', fractieId: d66 });
  await insertActor(db, { zaakId, relatie: 'Gericht aan', naam: 'J. Minister', functie: 'minister van Volksgezondheid, Welzijn en Sport' });
  await db.execute(sql`update zaken set onderwerp = 'Vragen over het datalek met patiëntgegevens bij een ziekenhuis', bijgewerkt = now() where id = ${zaakId}`);
  await markPending(db, zaakId);
  await derivePendingZaken(db, NOW);
  const after = await copies(db, zaakId);
  t.same({ ...after, topics: after.topics.length > 0 }, { topics: true, parties: ['D66', 'VVD'], askers: 2, ministries: ['VWS'] }, 'the copies follow');

  const [sources] = resultRows<{ same: boolean }>(
    await db.execute(sql`select (q.topic_ids, q.parties, q.asker_ids, q.ministries) = (f.topic_ids, f.parties, f.asker_ids, f.ministries) as same
      from question_status q cross join lateral question_status_filters_of(array[q.zaak_id]) f where q.zaak_id = ${zaakId}`),
  );
  t.equal(sources?.same, true, 'equal to what the triggers would copy');
});
