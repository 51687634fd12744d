// What a mail says about each promise event: the promise (its kind, number, subject, who owes it,
// the deadline and where it came from, what fulfilled it) as it stands when the mail is made, and
// for a weekly rappel the list of overdue promises the event recorded.
import { sql } from 'drizzle-orm';
import type { PromiseAlertFacts } from '../../views/mail/promise-alert.ts';
import { type Db, pgArray, resultRows } from '../db/client.ts';
import type { PromiseEventKind, PromiseSource, RequestKind, RequestStatus } from '../db/schema/index.ts';

interface Row {
  id: number;
  kind: PromiseEventKind;
  occurred_at: Date | string;
  details: Record<string, unknown> | string | null;
  ministry: string | null;
  slug: string | null;
  subject: string | null;
  number: string | null;
  promise_kind: RequestKind | null;
  source: PromiseSource | null;
  status: RequestStatus | null;
  register_status: string | null;
  due_on: string | null;
  due_text: string | null;
  due_source: string | null;
  days_overdue: number | null;
  fulfilled_on: string | null;
  minister_name: string | null;
  ministries: string[] | string | null;
  letters: { title: string; date: string | null }[] | string | null;
}

const json = <T>(v: T | string | null, fallback: T): T => (v == null ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : v);
const list = (v: string[] | string | null): string[] => (v == null ? [] : Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

export async function loadPromiseFacts(db: Db, eventIds: number[]): Promise<Map<number, PromiseAlertFacts>> {
  const out = new Map<number, PromiseAlertFacts>();
  if (eventIds.length === 0) return out;
  const rows = resultRows<Row>(
    await db.execute(sql`
      select e.id, e.kind, e.occurred_at, e.details, e.ministry, r.slug, r.subject, r.number, r.kind as promise_kind, r.source, r.status,
        r.register_status, r.due_on::text as due_on, r.due_text, r.due_source, r.days_overdue, r.fulfilled_on::text as fulfilled_on, r.minister_name,
        (select array_agg(a.ministry order by a.ministry) from request_addressees a where a.request_id = r.id) as ministries,
        (select coalesce(jsonb_agg(jsonb_build_object('title', l.title, 'date', l.date::text) order by l.date), '[]'::jsonb)
           from request_links l where l.request_id = r.id and l.state = 'confirmed') as letters
      from promise_events e left join requests r on r.id = e.request_id
      where e.id = any(${pgArray(eventIds)}::int[])`),
  );
  // A rappel lists the promises it recorded, as they stand now.
  const rappelIds = [...new Set(rows.flatMap((r) => (r.kind === 'rappel' ? (json<{ requestIds?: number[] }>(r.details, {}).requestIds ?? []) : [])))];
  const listed = new Map(
    rappelIds.length === 0
      ? []
      : resultRows<{ id: number; slug: string; subject: string; number: string | null; due_on: string | null; days_overdue: number; status: RequestStatus }>(
          await db.execute(sql`select id, slug, subject, number, due_on::text as due_on, days_overdue, status from requests where id = any(${pgArray(rappelIds)}::int[])`),
        ).map((r) => [Number(r.id), r]),
  );
  for (const r of rows) {
    const details = json<Record<string, unknown>>(r.details, {});
    out.set(Number(r.id), {
      eventId: Number(r.id),
      kind: r.kind,
      occurredAt: new Date(r.occurred_at),
      details,
      ministry: r.ministry,
      promise: r.slug
        ? {
            slug: r.slug,
            subject: r.subject ?? '',
            number: r.number,
            kind: r.promise_kind!,
            source: r.source!,
            status: r.status!,
            registerStatus: r.register_status,
            dueOn: r.due_on,
            dueText: r.due_text,
            dueFromText: r.due_source === 'text',
            daysOverdue: Number(r.days_overdue ?? 0),
            fulfilledOn: r.fulfilled_on,
            minister: r.minister_name,
            ministries: list(r.ministries),
            letters: json(r.letters, []),
          }
        : null,
      rappel:
        r.kind === 'rappel'
          ? ((details.requestIds as number[] | undefined) ?? [])
              .map((id) => listed.get(Number(id)))
              .filter((x): x is NonNullable<typeof x> => x !== undefined && x.status === 'overdue')
              .map((x) => ({ slug: x.slug, subject: x.subject, number: x.number, dueOn: x.due_on, daysOverdue: Number(x.days_overdue) }))
          : [],
    });
  }
  return out;
}
