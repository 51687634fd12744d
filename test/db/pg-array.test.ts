// pgArray: one bound array parameter for `= any(…)`, on both drivers, whatever the elements hold.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { pgArray, resultRows } from '../../server/db/client.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('ids and awkward text survive the round trip', async (t) => {
  const { db } = await testDatabase(t);
  const ints = resultRows<{ v: number[] }>(await db.execute(sql`select ${pgArray([3, 1, 2])}::int[] as v`));
  t.same(ints[0]!.v.map(Number), [3, 1, 2]);
  const texts = ['a,b', 'say "hi"', 'back\\slash', '{braces}', ''];
  const rows = resultRows<{ v: string }>(await db.execute(sql`select unnest(${pgArray(texts)}::text[]) as v`));
  t.same(rows.map((r) => r.v), texts);
  const none = resultRows<{ n: number }>(await db.execute(sql`select count(*)::int as n from unnest(${pgArray([])}::uuid[])`));
  t.equal(Number(none[0]!.n), 0, 'an empty list is an empty array');
});
