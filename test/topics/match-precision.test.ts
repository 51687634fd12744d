// Regression: zaken whose bijgewerkt has sub-millisecond digits (the feed sends seven) were
// re-matched on every run, because the check stored the stamp through a JavaScript Date.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { fixedClock } from '../../server/clock.ts';
import { matchZaken } from '../../server/topics/match-zaken.ts';
import { runSeeds } from '../../seeds/index.ts';
import { insertQuestionSet } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

t.test('an unchanged zaak is matched once, whatever the precision of its stamp', async (t) => {
  const { db } = await testDatabase(t);
  const now = new Date('2025-12-01T10:00:00Z');
  await runSeeds(db, fixedClock(now));
  const { zaakId } = await insertQuestionSet(db, { nummer: '2025Z20001', submitted: '2025-11-20', onderwerp: 'Ransomware bij ziekenhuizen' });
  await db.execute(sql`update zaken set bijgewerkt = '2025-11-20T10:11:12.3456789Z' where id = ${zaakId}`);
  const first = await matchZaken(db, now);
  t.equal(first.checked, 1);
  t.equal(first.matched, 1);
  const second = await matchZaken(db, now);
  t.equal(second.checked, 0, 'nothing to check the second time');
  await db.execute(sql`update zaken set bijgewerkt = '2025-11-21T08:00:00.1234567Z' where id = ${zaakId}`);
  t.equal((await matchZaken(db, now)).checked, 1, 'a real change is checked again');
});
