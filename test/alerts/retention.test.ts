// The delivery log (who got which alert) is kept 90 days (server/README.md, "Retention"), then
// deleted by the alerts job's clean-up; a deleted delivery is never made again.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { fanOutEvents } from '../../server/alerts/fanout.ts';
import { cleanupSubscriptions, DELIVERY_LOG_KEEP_DAYS } from '../../server/alerts/subscriptions.ts';
import { testDatabase } from '../helpers/databases.ts';
import { addEvent, addSubscribers, T0 } from './fixtures.ts';

const DAY = 86_400_000;
const days = (n: number) => new Date(T0.getTime() + n * DAY);

t.test('deliveries older than 90 days are deleted, younger ones and one being sent are kept', async (t) => {
  const { db } = await testDatabase(t);
  t.equal(DELIVERY_LOG_KEEP_DAYS, 90);
  const zaakId = '00000000-0000-4000-8000-000000000001';
  await addSubscribers(db, 5, { kind: 'question', value: zaakId, events: ['answered', 'overdue', 'delay_notice'] });
  // Made at T0 (100 days before the clean-up), at day 10 (exactly 90 days before) and day 11.
  await addEvent(db, { zaakId, kind: 'overdue', occurredAt: T0, recordedAt: T0 });
  await db.transaction((tx) => fanOutEvents(tx, T0));
  await addEvent(db, { zaakId, kind: 'delay_notice', occurredAt: days(10), recordedAt: days(10) });
  await db.transaction((tx) => fanOutEvents(tx, days(10)));
  await addEvent(db, { zaakId, kind: 'answered', occurredAt: days(11), recordedAt: days(11) });
  await db.transaction((tx) => fanOutEvents(tx, days(11)));
  // The old ones in every state; one is claimed by a sender right now.
  await db.execute(sql`update alert_deliveries d set state = x.state from (
      select id, (array['sent', 'failed', 'cancelled', 'pending', 'sending'])[row_number() over (order by id)] as state
      from alert_deliveries where created_at = ${T0.toISOString()}::timestamptz) x
    where d.id = x.id`);
  await db.execute(sql`update alert_deliveries set state = 'sent' where created_at > ${T0.toISOString()}::timestamptz`);

  const byAge = async () => {
    const res = (await db.execute(sql`select created_at, state from alert_deliveries order by created_at, state`)) as unknown;
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { created_at: Date | string; state: string }[];
    return rows.map((r) => `${Math.round((new Date(r.created_at).getTime() - T0.getTime()) / DAY)}:${r.state}`);
  };
  t.equal((await byAge()).length, 15);

  const early = await cleanupSubscriptions(db, days(90), 30);
  t.equal(early.deliveries, 0, 'nothing is older than 90 days yet');

  const result = await cleanupSubscriptions(db, days(100), 30);
  t.equal(result.deliveries, 4, 'the four finished or waiting deliveries from day 0');
  t.same(
    await byAge(),
    ['0:sending', ...Array(5).fill('10:sent'), ...Array(5).fill('11:sent')],
    'exactly 90 days old is kept; the one being sent is left to its sender',
  );

  // The events keep their fan-out marker: the catch-up does not make the deleted deliveries again.
  t.same(await db.transaction((tx) => fanOutEvents(tx, days(100))), { events: 0, deliveries: 0, stale: 0 });
  t.equal((await byAge()).length, 11);
});
