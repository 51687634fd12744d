import { sql } from 'drizzle-orm';
import t from 'tap';
import { resultRows } from '../../server/db/client.ts';
import { feedMarks, markTouchedSince } from '../../server/sync/touched-zaken.ts';
import { insertActor, insertDocument, insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('the sets a sync changed: through the zaak, an actor or a document', async (t) => {
  const { db } = await testDatabase(t);
  const now = new Date('2025-11-21T12:00:00Z');
  const pending = async () => resultRows<{ zaak_id: string }>(await db.execute(sql`select zaak_id from sync_pending_zaken order by zaak_id`)).map((r) => r.zaak_id);
  t.equal(await markTouchedSince(db, await feedMarks(db), now), 0, 'first sync: nothing to single out');

  const sets = [];
  for (let i = 0; i < 4; i++) sets.push(await insertQuestionSet(db, { nummer: `2025Z2000${i}`, submitted: '2025-11-01' }));
  const actor = await insertActor(db, { zaakId: sets[1]!.zaakId, relatie: 'Indiener', naam: 'A. Lid' });
  const doc = await insertDocument(db, { zaakId: sets[2]!.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-11-20' });
  await db.execute(sql`update zaken set feed_updated_at = '2025-11-20T10:00:00.1234567Z'`);
  await db.execute(sql`update zaak_actors set feed_updated_at = '2025-11-20T10:00:00Z'`);
  await db.execute(sql`update documents set feed_updated_at = '2025-11-20T10:00:00Z'`);
  const marks = await feedMarks(db);
  t.equal(await markTouchedSince(db, marks, now), 0, 'nothing newer than the marks');
  t.same(await pending(), []);

  // A later run: a few microseconds later for the zaak, so the marks must keep microseconds.
  await db.execute(sql`update zaken set feed_updated_at = '2025-11-20T10:00:00.123459Z' where id = ${sets[0]!.zaakId}`);
  await db.execute(sql`update zaak_actors set feed_updated_at = '2025-11-21T10:00:00Z' where id = ${actor}`);
  await db.execute(sql`update documents set feed_updated_at = '2025-11-21T10:00:00Z' where id = ${doc}`);
  t.equal(await markTouchedSince(db, marks, now), 3);
  t.same(await pending(), [sets[0]!.zaakId, sets[1]!.zaakId, sets[2]!.zaakId].sort(), 'marked pending');
  t.equal(await markTouchedSince(db, marks, now), 3, 'again: touched, already pending');
  t.same((await pending()).length, 3);
});
