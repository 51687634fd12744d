// What a subscription follows and which events it wants, and the SQL both the fan-out and the
// "how much would this have matched" preview use, so the preview cannot drift from delivery.
import { memberOptions } from '../question-list/filter-options.ts';
import { sql, type SQL } from 'drizzle-orm';
import { type Db, type Tx, resultRows } from '../db/client.ts';
import type { AlertEventChoice, AlertFilterKind, QuestionEventKind } from '../db/schema/index.ts';
import { ALERT_EVENT_CHOICES } from '../db/schema/index.ts';
import { MINISTRIES } from '../questions/ministries.ts';
import { parseSearch } from '../search/query.ts';

const EVENT_CHOICE_LABELS: Record<AlertEventChoice, string> = {
  asked: 'Nieuwe vragen gesteld',
  delay_notice: 'Uitstelbericht ontvangen',
  due_soon: 'Antwoordtermijn verloopt binnenkort',
  overdue: 'Antwoord te laat',
  answered: 'Beantwoord (op tijd of te laat)',
  answered_late: 'Alleen: te laat beantwoord',
  promise_made: 'Nieuwe toezegging of nieuw verzoek',
  promise_due_soon: 'Termijn van een toezegging verloopt binnenkort',
  promise_overdue: 'Toezegging over de termijn',
  promise_fulfilled: 'Toezegging nagekomen (of vervallen, afgewezen)',
  promise_rappel: 'Wekelijks overzicht van toezeggingen over de termijn (per ministerie)',
};

/**
 * Which choice each question event kind falls under. 'answered_late' is recorded next to
 * 'answered' for the same answer, so it only counts for subscribers who did not choose
 * 'answered' (see matchesChoiceSql): one answer, one mail.
 */
const EVENT_KIND_CHOICE: Partial<Record<QuestionEventKind, AlertEventChoice>> = {
  asked: 'asked',
  delay_notice: 'delay_notice',
  due_soon: 'due_soon',
  overdue: 'overdue',
  answered: 'answered',
  answered_by_letter: 'answered',
  nader_answer: 'answered',
  answered_late: 'answered_late',
};

/** The same, inside the sentence of describeFilter ("Kamervragen over …"). */
const FILTER_KIND_PHRASES: Record<AlertFilterKind, string> = {
  topic: 'onderwerp',
  party: 'partij',
  member: 'Kamerlid',
  ministry: 'ministerie',
  question: 'de set vragen',
  promise: 'de toezegging of het verzoek',
  keyword: 'de zoekwoorden',
};

export interface Filter {
  kind: AlertFilterKind;
  value: string;
  label: string;
}

export function isEventChoice(v: string): v is AlertEventChoice {
  return (ALERT_EVENT_CHOICES as readonly string[]).includes(v);
}

/** A sentence for the consent record, the confirm page and every mail. */
export function describeFilter(filter: Filter, events: readonly AlertEventChoice[], frequency: 'immediate' | 'digest'): string {
  const what = `${FILTER_KIND_PHRASES[filter.kind]} ${filter.label}`;
  const ev = events.map((e) => EVENT_CHOICE_LABELS[e].toLowerCase()).join(', ');
  const promises = events.filter((e) => e.startsWith('promise_')).length;
  // What the events are about: questions, promises (server/alerts/promise-filters.ts), or both.
  const subject = promises === 0 ? 'Kamervragen' : promises === events.length ? 'Toezeggingen en verzoeken' : 'Kamervragen, toezeggingen en verzoeken';
  return `${subject} over ${what}; bij: ${ev}; ${frequency === 'digest' ? 'één keer per dag (overzicht)' : 'direct per gebeurtenis'}.`;
}

/** SQL CASE mapping question_events.kind (in `kindCol`) to its choice, from the table above. */
function choiceOfKindSql(kindCol: SQL): SQL {
  const whens = Object.entries(EVENT_KIND_CHOICE).map(([kind, choice]) => sql`when ${kind} then ${choice}`);
  return sql`(case ${kindCol} ${sql.join(whens, sql` `)} else null end)`;
}

/** True when a subscription's `events` (jsonb array in `eventsCol`) wants an event of `kindCol`. */
export function matchesChoiceSql(eventsCol: SQL, kindCol: SQL): SQL {
  return sql`(${eventsCol} @> jsonb_build_array(${choiceOfKindSql(kindCol)})
    and not (${kindCol} = 'answered_late' and ${eventsCol} @> '["answered"]'::jsonb))`;
}

/**
 * (filter_kind, filter_value) keys each event matches, from the materialized tables: topic via
 * topic_matches, party at the time of asking and member via question_askers, ministry via
 * question_addressees, one question set via its zaak id, and search words (keyword, whose value
 * is the tsquery server/search/query.ts built) via the set's search index as it is now: the
 * active keyword subscriptions' queries are tried against the sets of the events.
 * `events` is a relation with id, zaak_id.
 */
export function eventKeysSql(events: SQL): SQL {
  return sql`${fixedEventKeysSql(events)}
    union select ev.id, 'keyword', kw.value from ${events} ev
      join question_search qs on qs.zaak_id = ev.zaak_id
      join (select distinct filter_value as value from alert_subscriptions where filter_kind = 'keyword' and state = 'active') kw
        on qs.vector @@ kw.value::tsquery`;
}

function fixedEventKeysSql(events: SQL): SQL {
  return sql`
    select ev.id as event_id, 'question'::text as kind, ev.zaak_id::text as value from ${events} ev
    union select ev.id, 'topic', tm.topic_id::text from ${events} ev join topic_matches tm on tm.zaak_id = ev.zaak_id
    union select ev.id, 'party', qa.party from ${events} ev join question_askers qa on qa.zaak_id = ev.zaak_id where qa.party is not null
    union select ev.id, 'member', qa.persoon_id::text from ${events} ev join question_askers qa on qa.zaak_id = ev.zaak_id where qa.persoon_id is not null
    union select ev.id, 'ministry', qd.ministry from ${events} ev join question_addressees qd on qd.zaak_id = ev.zaak_id where qd.ministry is not null`;
}

/** More than this many matching events in 90 days is "very broad" (about one mail a day or more). */
export const BROAD_THRESHOLD = 90;

/** How many events of the chosen kinds this filter matched in the 90 days before `now`. */
export async function countRecentMatches(db: Db | Tx, filter: Pick<Filter, 'kind' | 'value'>, events: readonly AlertEventChoice[], now: Date): Promise<number> {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const eventsJson = JSON.stringify(events);
  const recent = sql`(select id, zaak_id, kind from question_events where occurred_at >= ${since.toISOString()}::timestamptz and occurred_at <= ${now.toISOString()}::timestamptz)`;
  if (filter.kind === 'keyword') {
    // Not yet an active subscription's query, so not among eventKeysSql's keys: tried directly.
    const rows = await db.execute(sql`
      select count(*)::int as n from ${recent} e
      join question_search qs on qs.zaak_id = e.zaak_id
      where qs.vector @@ ${filter.value}::tsquery and ${matchesChoiceSql(sql`${eventsJson}::jsonb`, sql`e.kind`)}`);
    return Number(resultRows<{ n: number }>(rows)[0]?.n ?? 0);
  }
  const rows = await db.execute(sql`
    with k as (${eventKeysSql(recent)})
    select count(distinct e.id)::int as n
    from k join question_events e on e.id = k.event_id
    where k.kind = ${filter.kind} and k.value = ${filter.value}
      and ${matchesChoiceSql(sql`${eventsJson}::jsonb`, sql`e.kind`)}`);
  return Number(resultRows<{ n: number }>(rows)[0]?.n ?? 0);
}

export interface FilterOptions {
  topics: { value: string; label: string }[];
  parties: { value: string; label: string }[];
  /** `name` (reading order) labels the subscription; `label` (surname first) the choice. */
  members: { value: string; label: string; name: string }[];
  ministries: { value: string; label: string }[];
}

/** Choices for the form's selects. */
export async function filterOptions(db: Db): Promise<FilterOptions> {
  const topics = resultRows<{ id: number; name: string }>(await db.execute(sql`select id, name from topics order by is_default desc, name`));
  const parties = resultRows<{ party: string }>(
    await db.execute(sql`select distinct party from (
      select party from question_askers where party is not null
      union select afkorting from fracties where afkorting is not null and datum_inactief is null) p order by party`),
  );
  const members = await memberOptions(db, 'all');
  const seen = new Set<string>();
  const ministries = MINISTRIES.filter((m) => m.family === m.code && !seen.has(m.code) && seen.add(m.code)).map((m) => ({ value: m.code, label: m.name }));
  return {
    topics: topics.map((t) => ({ value: String(t.id), label: t.name })),
    parties: parties.map((p) => ({ value: p.party, label: p.party })),
    members,
    ministries,
  };
}

export interface FilterInput {
  kind: string;
  topic?: string | undefined;
  party?: string | undefined;
  member?: string | undefined;
  ministry?: string | undefined;
  question?: string | undefined;
  /** The slug of a promise (its /verzoeken/<slug> address). */
  promise?: string | undefined;
  /** Search words, as in /vragen?q=… */
  keyword?: string | undefined;
}

export type ResolvedFilter = { ok: true; filter: Filter } | { ok: false; field: string; message: string };

/** Checks the chosen filter against what exists; the error names the field to mark. */
export async function resolveFilter(db: Db, input: FilterInput, options: FilterOptions): Promise<ResolvedFilter> {
  const pick = (field: string, value: string | undefined, list: { value: string; label: string; name?: string }[], message: string): ResolvedFilter => {
    const hit = list.find((o) => o.value === value);
    return hit ? { ok: true, filter: { kind: field as AlertFilterKind, value: hit.value, label: hit.name ?? hit.label } } : { ok: false, field, message };
  };
  switch (input.kind) {
    case 'topic':
      return pick('topic', input.topic, options.topics, 'Kies een onderwerp.');
    case 'party':
      return pick('party', input.party, options.parties, 'Kies een partij.');
    case 'member':
      return pick('member', input.member, options.members, 'Kies een Kamerlid.');
    case 'ministry':
      return pick('ministry', input.ministry, options.ministries, 'Kies een ministerie.');
    case 'question': {
      const nummer = (input.question ?? '').trim().toUpperCase();
      if (!/^\d{4}Z\d{5}$/.test(nummer)) return { ok: false, field: 'question', message: 'Vul een zaaknummer in zoals 2025Z12345.' };
      const rows = resultRows<{ id: string; titel: string | null }>(
        await db.execute(sql`select id::text as id, coalesce(onderwerp, titel) as titel from zaken where nummer = ${nummer} limit 1`),
      );
      const z = rows[0];
      if (!z) return { ok: false, field: 'question', message: `Wij kennen geen vragen met nummer ${nummer}.` };
      return { ok: true, filter: { kind: 'question', value: z.id, label: z.titel ? `${nummer} (${z.titel.slice(0, 120)})` : nummer } };
    }
    case 'promise': {
      const slug = (input.promise ?? '').trim().toLowerCase().replace(/^.*\/verzoeken\//, '');
      const rows = resultRows<{ id: number; label: string }>(
        await db.execute(sql`select id, concat_ws(': ', number, subject) as label from requests where slug = ${slug} and source_removed_at is null limit 1`),
      );
      const r = rows[0];
      if (!slug || !r) return { ok: false, field: 'promise', message: 'Wij kennen geen toezegging of verzoek met dit adres. Gebruik de knop ‘Volg deze toezegging’ op de pagina ervan.' };
      return { ok: true, filter: { kind: 'promise', value: String(r.id), label: r.label.slice(0, 160) } };
    }
    case 'keyword': {
      const words = (input.keyword ?? '').trim().replace(/\s+/g, ' ');
      const search = parseSearch(words);
      if (words.length > 200) return { ok: false, field: 'keyword', message: 'Gebruik hooguit 200 tekens.' };
      if (!search.tsquery || search.numbers.length > 0) {
        return { ok: false, field: 'keyword', message: 'Vul één of meer zoekwoorden in, zoals Z-CERT of laboratorium datalek. Een zaaknummer volgt u met ‘één set vragen’.' };
      }
      return { ok: true, filter: { kind: 'keyword', value: search.tsquery, label: `‘${words}’` } };
    }
    default:
      return { ok: false, field: 'kind', message: 'Kies wat u wilt volgen.' };
  }
}
