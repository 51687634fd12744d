// The "rappel": per ministry, the promises past their deadline, as the Eerste Kamer sends them
// to ministries by hand. The list is a page and a CSV (views/pages/rappel.ts); once a week
// (the first deadlines run of each ISO week, Europe/Amsterdam) each ministry with overdue
// promises gets a `rappel` event holding that week's list, which subscribers to the ministry
// who chose the weekly rappel receive as one mail.
import { sql } from 'drizzle-orm';
import { type Db, resultRows, type Tx } from '../db/client.ts';
import { amsterdamDate } from '../calendar.ts';

/** ISO 8601 week of a calendar date, as `2025-W48`. */
function isoWeek(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Records this week's rappel for every ministry with overdue promises; returns the new events' ids. */
export async function recordRappels(tx: Db | Tx, now: Date): Promise<number[]> {
  const week = isoWeek(amsterdamDate(now));
  const rows = resultRows<{ id: number }>(
    await tx.execute(sql`
      insert into promise_events (ministry, kind, occurred_at, recorded_at, source, details, dedupe_key)
      select ra.ministry, 'rappel', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, 'deadlines',
        jsonb_build_object('week', ${week}::text, 'requestIds', jsonb_agg(r.id order by r.due_on, r.id), 'count', count(*)),
        'rappel:' || ra.ministry || ':' || ${week}::text
      from requests r join request_addressees ra on ra.request_id = r.id
      where r.status = 'overdue' and r.source_removed_at is null
      group by ra.ministry
      on conflict (dedupe_key) do nothing
      returning id`),
  );
  return rows.map((r) => Number(r.id));
}
