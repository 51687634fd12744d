// The filters of /vragen, its feeds (Atom, iCal, CSV) and /api/v1/questions: one definition so
// every format answers the same question. Always carried in the URL.
import { Type, type Static } from 'typebox';
import { QUESTION_STATUSES, type QuestionStatus } from '../db/schema/index.ts';

// 'relevantie' (a search's rank) is the default with a search, 'ingediend' without.
const SORTS = ['ingediend', 'termijn', 'te-laat', 'relevantie'] as const;
type Sort = (typeof SORTS)[number];

export const PAGE_SIZE = 25;

/**
 * Status groups a list can be filtered on besides one status: what the overview's figures count,
 * so a figure and the list it links to are one query (server/overview/counts.ts).
 */
export const STATUS_GROUPS = {
  wacht: ['open', 'due_soon', 'delayed', 'overdue'],
  beantwoord: ['answered', 'answered_late'],
} as const satisfies Record<string, readonly QuestionStatus[]>;
type StatusGroup = keyof typeof STATUS_GROUPS;
export type StatusFilter = QuestionStatus | StatusGroup;

/** The statuses a status filter stands for. */
export function statusesOf(filter: StatusFilter): readonly QuestionStatus[] {
  return filter in STATUS_GROUPS ? STATUS_GROUPS[filter as StatusGroup] : [filter as QuestionStatus];
}

// A real calendar date: the `date` format checks month and day (no 2025-02-30), the pattern the
// shape and a year PostgreSQL has (no year 0).
const DateString = Type.String({ format: 'date', pattern: '^(?!0000)\\d{4}-\\d{2}-\\d{2}$' });

/** Query-string schema; empty strings (an untouched form field) are allowed and mean "any". */
export const ListQuerySchema = Type.Object({
  onderwerp: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(
    Type.Union([Type.Literal(''), ...QUESTION_STATUSES.map((s) => Type.Literal(s)), ...Object.keys(STATUS_GROUPS).map((g) => Type.Literal(g))]),
  ),
  fractie: Type.Optional(Type.String({ maxLength: 60 })),
  lid: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'uuid' })])),
  ministerie: Type.Optional(Type.String({ maxLength: 20 })),
  van: Type.Optional(Type.Union([Type.Literal(''), DateString])),
  tot: Type.Optional(Type.Union([Type.Literal(''), DateString])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(Type.Union([Type.Literal(''), ...SORTS.map((s) => Type.Literal(s))])),
  pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type ListQuery = Static<typeof ListQuerySchema>;

export interface ListFilters {
  topic: string | null;
  status: StatusFilter | null;
  party: string | null;
  member: string | null;
  ministry: string | null;
  from: string | null;
  to: string | null;
  text: string | null;
  sort: Sort;
  page: number;
}

function defaultSort(text: string | null): Sort {
  return text ? 'relevantie' : 'ingediend';
}

function blank(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/**
 * Normalises a validated query. `onderwerp` absent means the default topic; `onderwerp=alle`
 * lifts the topic lens.
 */
export function toFilters(query: ListQuery, defaultTopic: string | null): ListFilters {
  const topic = query.onderwerp === undefined ? defaultTopic : blank(query.onderwerp);
  return {
    topic: topic === 'alle' ? null : topic,
    status: (blank(query.status) as StatusFilter | null) ?? null,
    party: blank(query.fractie),
    member: blank(query.lid),
    ministry: blank(query.ministerie),
    from: blank(query.van),
    to: blank(query.tot),
    text: blank(query.q),
    sort: (blank(query.sort) as Sort | null) ?? defaultSort(blank(query.q)),
    page: query.pagina ?? 1,
  };
}

/** The query string for these filters (stable order, defaults left out), for links and feeds. */
export function toQueryString(f: ListFilters, defaultTopic: string | null, overrides: Partial<ListFilters> = {}): string {
  const v = { ...f, ...overrides };
  const params = new URLSearchParams();
  if (v.topic !== defaultTopic) params.set('onderwerp', v.topic ?? 'alle');
  if (v.status) params.set('status', v.status);
  if (v.party) params.set('fractie', v.party);
  if (v.member) params.set('lid', v.member);
  if (v.ministry) params.set('ministerie', v.ministry);
  if (v.from) params.set('van', v.from);
  if (v.to) params.set('tot', v.to);
  if (v.text) params.set('q', v.text);
  if (v.sort !== defaultSort(v.text)) params.set('sort', v.sort);
  if (v.page > 1) params.set('pagina', String(v.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
