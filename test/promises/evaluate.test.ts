// The promise status as of the deadlines job's clock, at several moments: open, due soon,
// overdue (and the days counting on), fulfilled by a confirmed letter, scheduled by a briefing
// still to come; a staff decision wins; each transition is recorded once, and an unchanged
// status is not rewritten.
import { eq } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../server/db/client.ts';
import { activiteiten, promiseEvents, requestLinks, requests } from '../../server/db/schema/index.ts';
import { evaluatePromises } from '../../server/promises/evaluate.ts';
import { setRequestStatus } from '../../server/requests/request-status.ts';
import { insertActiviteit } from '../helpers/builders.ts';
import { testDatabase } from '../helpers/databases.ts';

const at = (iso: string) => new Date(iso);
const CREATED = at('2025-09-01T09:00:00+02:00');

async function promise(db: Db, slug: string, fields: Partial<typeof requests.$inferInsert> = {}): Promise<number> {
  const [row] = await db
    .insert(requests)
    .values({ slug, kind: 'letter', subject: slug, requestedOn: '2025-09-01', createdAt: CREATED, updatedAt: CREATED, ...fields })
    .returning({ id: requests.id });
  return row!.id;
}

const state = async (db: Db, id: number) => (await db.select().from(requests).where(eq(requests.id, id)))[0]!;
const events = async (db: Db, id: number) =>
  (await db.select().from(promiseEvents).where(eq(promiseEvents.requestId, id)).orderBy(promiseEvents.id)).map((e) => [e.kind, e.occurredAt.toISOString(), e.recordedAt.toISOString()]);

t.test('a letter with a deadline through open, due soon, overdue and fulfilled', async (t) => {
  const { db } = await testDatabase(t);
  const id = await promise(db, 'brief-met-termijn', { dueOn: '2025-10-15', dueSource: 'staff' });

  await evaluatePromises(db, at('2025-09-20T10:00:00+02:00'));
  t.match(await state(db, id), { status: 'open', statusAsOf: at('2025-09-20T10:00:00+02:00'), daysOverdue: 0 });
  t.same(await events(db, id), [], 'open records nothing');

  await evaluatePromises(db, at('2025-10-01T08:00:00+02:00'));
  t.match(await state(db, id), { status: 'due_soon' }, '14 days before the deadline');
  t.same(await events(db, id), [['due_soon', '2025-09-30T22:00:00.000Z', '2025-10-01T06:00:00.000Z']], 'due soon from local midnight, 1 October');

  const again = await evaluatePromises(db, at('2025-10-01T09:00:00+02:00'));
  t.equal(again.evaluated, 0, 'nothing changed: nothing written');
  t.equal((await state(db, id)).statusAsOf!.toISOString(), '2025-10-01T06:00:00.000Z', 'statusAsOf stays at the evaluation that set it');

  await evaluatePromises(db, at('2025-10-16T10:00:00+02:00'));
  t.match(await state(db, id), { status: 'overdue', daysOverdue: 1 });
  await evaluatePromises(db, at('2025-10-20T10:00:00+02:00'));
  t.match(await state(db, id), { status: 'overdue', daysOverdue: 5, statusAsOf: at('2025-10-20T10:00:00+02:00') }, 'the day count moves, so the row is rewritten');
  t.same((await events(db, id)).map((e) => e[0]), ['due_soon', 'overdue'], 'overdue recorded once');

  await db.insert(requestLinks).values({ requestId: id, kind: 'document', target: '00000000-0000-4000-8000-000000000001', title: 'De brief', date: '2025-10-18', state: 'confirmed', origin: 'staff', createdAt: CREATED, updatedAt: CREATED });
  await evaluatePromises(db, at('2025-10-21T10:00:00+02:00'));
  t.match(await state(db, id), { status: 'fulfilled', fulfilledOn: '2025-10-18', daysOverdue: 3 }, 'fulfilled three days late');
  t.same((await events(db, id)).at(-1), ['fulfilled', '2025-10-17T22:00:00.000Z', '2025-10-21T08:00:00.000Z']);

  // A backfill as of an earlier moment shows what was true then, without recording anything twice.
  await evaluatePromises(db, at('2025-10-16T10:00:00+02:00'));
  t.match(await state(db, id), { status: 'fulfilled' }, 'the letter is dated before any later moment, so still fulfilled');
  t.equal((await events(db, id)).length, 3);
});

t.test('a staff decision wins over links and deadlines; withdrawing it derives the status again', async (t) => {
  const { db } = await testDatabase(t);
  const id = await promise(db, 'afgewezen', { dueOn: '2025-09-10' });
  const now = at('2025-09-20T10:00:00+02:00');
  await evaluatePromises(db, now);
  t.equal((await state(db, id)).status, 'overdue');
  t.same(await setRequestStatus(db, id, 'declined', now, { by: 'griffie@example.nl' }), { requestId: id, before: 'overdue', after: 'declined' });
  t.match(await state(db, id), { decidedStatus: 'declined', decidedBy: 'griffie@example.nl' });
  t.same((await events(db, id)).map((e) => e[0]), ['overdue', 'declined']);
  t.same(await setRequestStatus(db, id, 'open', now), { requestId: id, before: 'declined', after: 'overdue' });
  t.match(await state(db, id), { decidedStatus: null, decidedBy: null });
  await t.rejects(setRequestStatus(db, id, 'due_soon' as never, now), RangeError, 'derived statuses cannot be set by hand');
});

t.test('a briefing: scheduled while to come, fulfilled once held, nothing when cancelled', async (t) => {
  const { db } = await testDatabase(t);
  const id = await promise(db, 'briefing', { kind: 'briefing' });
  const briefing = await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Dataveiligheid', datum: '2025-10-08', voortouwafkorting: 'VWS' });
  await db
    .insert(requestLinks)
    .values({ requestId: id, kind: 'activiteit', target: briefing, title: 'Briefing', date: '2025-10-08', state: 'confirmed', createdAt: CREATED, updatedAt: CREATED });
  await evaluatePromises(db, at('2025-10-01T10:00:00+02:00'));
  t.match(await state(db, id), { status: 'scheduled', fulfilledOn: null });
  await evaluatePromises(db, at('2025-10-08T15:00:00+02:00'));
  t.equal((await state(db, id)).status, 'scheduled', 'on the day itself (no start time) still to come');
  await evaluatePromises(db, at('2025-10-09T09:00:00+02:00'));
  t.match(await state(db, id), { status: 'fulfilled', fulfilledOn: '2025-10-08' });

  await db.update(activiteiten).set({ status: 'Geannuleerd' }).where(eq(activiteiten.id, briefing));
  await evaluatePromises(db, at('2025-10-09T10:00:00+02:00'));
  t.equal((await state(db, id)).status, 'open', 'a cancelled briefing fulfils nothing');
});

t.test('a deadline moved after it passed: due soon again, recorded for the new date; removed promises are left alone', async (t) => {
  const { db } = await testDatabase(t);
  const id = await promise(db, 'verschoven', { dueOn: '2025-09-10' });
  const gone = await promise(db, 'verwijderd', { dueOn: '2025-09-10', sourceRemovedAt: CREATED, source: 'toezegging', sourceId: '00000000-0000-4000-8000-00000000000a' });
  await evaluatePromises(db, at('2025-09-20T10:00:00+02:00'));
  await db.update(requests).set({ dueOn: '2025-10-01' }).where(eq(requests.id, id));
  await evaluatePromises(db, at('2025-09-21T10:00:00+02:00'));
  t.equal((await state(db, id)).status, 'due_soon');
  t.same(
    (await db.select().from(promiseEvents).where(eq(promiseEvents.requestId, id)).orderBy(promiseEvents.id)).map((e) => e.dedupeKey),
    [`${id}:overdue:2025-09-10`, `${id}:due_soon:2025-10-01`],
  );
  t.match(await state(db, gone), { status: 'open', statusAsOf: null }, 'a removed promise is not evaluated');
});
