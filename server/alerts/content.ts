// Loads what a mail says about each event: the event, the question set's title and number, its
// askers with party at the time of asking, addressees, and the materialized deadline facts.
import { sql } from 'drizzle-orm';
import { type Db, resultRows, pgArray } from '../db/client.ts';

/** What an alert mail says about one event (views/mail/alert.ts renders it). */
export interface AlertFacts {
  eventId: number;
  kind: string;
  occurredAt: Date;
  details: Record<string, unknown>;
  nummer: string | null;
  title: string | null;
  askers: { name: string | null; party: string | null }[];
  addressees: { name: string | null; functie: string | null }[];
  dueOn: string | null;
  extendedDueOn: string | null;
  daysOpen: number | null;
  daysOverdue: number;
  answeredLate: boolean | null;
  /** For an answer: the start of each answer it gave, by question number (empty until the texts are read). */
  answers: { number: string; start: string }[];
}

/** About this many characters of each answer are quoted in an answered alert. */
const ANSWER_QUOTE = 240;

/** The start of an answer, cut at a word boundary. */
function answerStart(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= ANSWER_QUOTE) return flat;
  const cut = flat.lastIndexOf(' ', ANSWER_QUOTE);
  return `${flat.slice(0, cut > ANSWER_QUOTE / 2 ? cut : ANSWER_QUOTE)} …`;
}

interface Row {
  id: number;
  kind: string;
  occurred_at: Date | string;
  details: Record<string, unknown> | string | null;
  nummer: string | null;
  title: string | null;
  due_on: string | null;
  extended_due_on: string | null;
  days_open: number | null;
  days_overdue: number | null;
  answered_late: boolean | null;
  askers: { name: string | null; party: string | null }[] | string | null;
  addressees: { name: string | null; functie: string | null }[] | string | null;
  answers: { number: string; text: string }[] | string | null;
}

const json = <T>(v: T | string | null, fallback: T): T => (v == null ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : v);

export async function loadFacts(db: Db, eventIds: number[]): Promise<Map<number, AlertFacts>> {
  const out = new Map<number, AlertFacts>();
  if (eventIds.length === 0) return out;
  const rows = resultRows<Row>(
    await db.execute(sql`
      select e.id, e.kind, e.occurred_at, e.details,
        coalesce(qs.nummer, z.nummer) as nummer, coalesce(z.onderwerp, z.titel) as title,
        qs.due_on::text as due_on, qs.extended_due_on::text as extended_due_on, qs.days_open, qs.days_overdue, qs.answered_late,
        (select coalesce(jsonb_agg(jsonb_build_object('name', qa.name, 'party', qa.party) order by qa.role desc, qa.name), '[]'::jsonb)
           from question_askers qa where qa.zaak_id = e.zaak_id) as askers,
        (select coalesce(jsonb_agg(jsonb_build_object('name', qd.name, 'functie', qd.functie) order by qd.name), '[]'::jsonb)
           from question_addressees qd where qd.zaak_id = e.zaak_id) as addressees,
        -- The answers an answer event gave: all of the set's for the (first) answer, those of its
        -- own document for a nader answer.
        (select coalesce(jsonb_agg(jsonb_build_object('number', qt.number, 'text', qt.answer_text) order by qt.position), '[]'::jsonb)
           from question_texts qt
          where qt.zaak_id = e.zaak_id and qt.answer_text is not null
            and e.kind in ('answered', 'answered_late', 'answered_by_letter', 'nader_answer')
            and (e.kind <> 'nader_answer' or qt.answer_document_id = e.document_id)) as answers
      from question_events e
      left join zaken z on z.id = e.zaak_id
      left join question_status qs on qs.zaak_id = e.zaak_id
      where e.id = any(${pgArray(eventIds)}::int[])`),
  );
  for (const r of rows) {
    out.set(Number(r.id), {
      eventId: Number(r.id),
      kind: r.kind,
      occurredAt: new Date(r.occurred_at),
      details: json(r.details, {}),
      nummer: r.nummer,
      title: r.title,
      askers: json(r.askers, []),
      addressees: json(r.addressees, []),
      dueOn: r.due_on,
      extendedDueOn: r.extended_due_on,
      daysOpen: r.days_open == null ? null : Number(r.days_open),
      daysOverdue: Number(r.days_overdue ?? 0),
      answeredLate: r.answered_late,
      answers: json(r.answers, []).map((a) => ({ number: a.number, start: answerStart(a.text) })),
    });
  }
  return out;
}
