import { sql } from 'drizzle-orm';
import t from 'tap';
import { serveDemoFeed } from '../../jobs/demo.ts';
import { testDatabase } from '../helpers/databases.ts';
import { count, syncOnce } from './helpers/run.ts';

t.test('the bundled demo feed syncs completely and yields the intended question events', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await serveDemoFeed();
  t.teardown(() => feed.close());
  const run = await syncOnce(db, feed.url, { now: new Date('2025-12-01T09:00:00+01:00') });
  t.error(run.error);
  t.ok(run.results!.every((r) => r.reachedHead && r.pages >= 1));
  t.ok(run.results!.some((r) => r.pages >= 3), 'several pages in the larger categories');
  t.same(run.log.lines.filter((l) => l.level !== 'info'), [], 'no unknown elements, no errors');
  t.equal(await count(db, 'zaken'), 9);
  t.equal(await count(db, 'sync_tombstones'), 1, 'the duplicate document was deleted');
  t.equal(await count(db, 'fractie_zetel_personen'), 8, 'one member has two periods');
  const res = (await db.execute(sql`select z.nummer, e.kind from question_events e join zaken z on z.id = e.zaak_id where e.source = 'sync' order by z.nummer, e.occurred_at`)) as unknown;
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { nummer: string; kind: string }[];
  const byZaak: Record<string, string[]> = {};
  for (const r of rows) (byZaak[r.nummer] ??= []).push(r.kind);
  t.same(byZaak['2025Z15530'], ['asked', 'delay_notice', 'answered', 'nader_answer']);
  t.same(byZaak['2025Z16804'], ['asked', 'withdrawn']);
  t.same(byZaak['2025Z18977'], ['asked', 'delay_notice']);
  t.same(byZaak['2025Z19502'], ['asked']);
  const briefing = (await db.execute(sql`select soort, voortouwafkorting from activiteiten`)) as unknown;
  t.match(Array.isArray(briefing) ? briefing : (briefing as { rows: unknown[] }).rows, [{ soort: 'Technische briefing', voortouwafkorting: 'VWS' }]);

  // A second run reads only the head pages and changes nothing (the first run's derivation also
  // recorded the deadline transitions; the second records none).
  const events = await count(db, 'question_events');
  const again = await syncOnce(db, feed.url, { now: new Date('2025-12-02T09:00:00+01:00') });
  t.error(again.error);
  t.equal(await count(db, 'question_events'), events);
  t.equal(await count(db, 'sync_pending_zaken'), 0, 'nothing left pending');
});
