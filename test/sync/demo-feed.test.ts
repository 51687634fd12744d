import { sql } from 'drizzle-orm';
import t from 'tap';
import { serveDemoFeed } from '../../jobs/demo.ts';
import { settableClock } from '../../server/clock.ts';
import { resultRows } from '../../server/db/client.ts';
import { runPromiseLedger } from '../../server/promises/run.ts';
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
  const briefing = (await db.execute(sql`select soort, voortouwafkorting from activiteiten order by soort`)) as unknown;
  t.match(Array.isArray(briefing) ? briefing : (briefing as { rows: unknown[] }).rows, [
    { soort: 'Commissiedebat', voortouwafkorting: 'VWS' },
    { soort: 'Procedurevergadering', voortouwafkorting: 'VWS' },
    { soort: 'Technische briefing', voortouwafkorting: 'VWS' },
  ]);

  // A second run reads only the head pages and changes nothing (the first run's derivation also
  // recorded the deadline transitions; the second records none).
  const events = await count(db, 'question_events');
  const again = await syncOnce(db, feed.url, { now: new Date('2025-12-02T09:00:00+01:00') });
  t.error(again.error);
  t.equal(await count(db, 'question_events'), events);
  t.equal(await count(db, 'sync_pending_zaken'), 0, 'nothing left pending');
});

t.test('the demo’s promises: commitments in every state, and a committee request linked to its briefing', async (t) => {
  const { db } = await testDatabase(t);
  const clock = settableClock(new Date('2025-12-01T09:00:00+01:00'));
  const feed = await serveDemoFeed(undefined, clock);
  t.teardown(() => feed.close());
  const ledger = async () => {
    t.error((await syncOnce(db, feed.url, { now: clock.now() })).error);
    await runPromiseLedger(db, clock.now());
    const rows = resultRows<{ number: string | null; source: string; status: string; due_on: string | null; due_text: string | null; fulfilment: string | null }>(
      await db.execute(sql`select number, source, status, due_on::text, due_text, fulfilment_number as fulfilment from requests where source <> 'staff' order by source, number, subject`),
    );
    return rows.map((r) => `${r.source} ${r.number ?? '-'} ${r.status} ${r.due_on ?? '-'} ${r.due_text ?? '-'} ${r.fulfilment ?? '-'}`);
  };
  t.same(await ledger(), [
    'besluit - due_soon 2025-12-15 uiterlijk 15 december -',
    'besluit - open - - -',
    'toezegging TZ-DEMO-001 overdue 2025-11-28 - -',
    'toezegging TZ-DEMO-002 due_soon 2025-12-05 - -',
    'toezegging TZ-DEMO-003 open 2026-07-01 voor de zomer van 2026 -',
    'toezegging TZ-DEMO-004 open - - -',
    'toezegging TZ-DEMO-005 fulfilled - - 2025D99001',
  ]);
  const suggested = resultRows<{ kind: string; title: string }>(await db.execute(sql`select kind, title from request_links where state = 'suggested'`));
  t.match(suggested, [{ kind: 'activiteit', title: /Technische briefing over dataveiligheid in de zorg \(DEMO\)/ }], 'the committee’s briefing request is linked to the demo briefing');

  // 8 December: the Z-CERT letter came (a week late) and the register says so; the meldplicht is overdue.
  clock.set(new Date('2025-12-08T09:00:00+01:00'));
  const later = await ledger();
  t.ok(later.includes('toezegging TZ-DEMO-001 fulfilled 2025-11-28 - 2025D52001'));
  t.ok(later.includes('toezegging TZ-DEMO-002 overdue 2025-12-05 - -'));
});
