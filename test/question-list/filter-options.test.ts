// The filter form's choices: every party and ministry that occurs, once, in order, no nulls;
// the same answer as a plain DISTINCT (the loose index scan is only a faster way to get it).
import { sql } from 'drizzle-orm';
import t from 'tap';
import { resultRows } from '../../server/db/client.ts';
import { questionAddressees, questionAskers } from '../../server/db/schema/index.ts';
import { filterOptions } from '../../server/question-list/filter-options.ts';
import { testDatabase } from '../helpers/databases.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

t.test('parties and ministries: distinct, sorted, without nulls', async (t) => {
  const { db } = await testDatabase(t);
  t.same((await filterOptions(db)).parties, [], 'none on an empty database');

  const parties = ['VVD', 'D66', null, 'GL-PvdA', 'D66', 'VVD', 'BBB', null, 'CDA', 'SP'];
  await db.insert(questionAskers).values(
    parties.map((party, i) => ({ zaakId: uuid(i), actorId: uuid(100 + i), role: 'Indiener' as const, party, name: `Lid ${i}` })),
  );
  const ministries = ['VWS', 'JenV', 'VWS', null, 'BZK', 'JenV'];
  await db.insert(questionAddressees).values(ministries.map((ministry, i) => ({ zaakId: uuid(i), actorId: uuid(200 + i), ministry })));

  const options = await filterOptions(db);
  t.same(options.parties, ['BBB', 'CDA', 'D66', 'GL-PvdA', 'SP', 'VVD']);
  t.same(options.ministries, ['BZK', 'JenV', 'VWS']);
  const plain = resultRows<{ party: string }>(await db.execute(sql`select distinct party from question_askers where party is not null order by party`));
  t.same(options.parties, plain.map((r) => r.party), 'as a plain DISTINCT, in the database collation');
});
