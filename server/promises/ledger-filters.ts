// The filters of /verzoeken, its feeds (CSV, Atom, iCal) and GET /api/v1/requests: one
// definition, so every format answers the same question. Always carried in the URL; empty
// strings (an untouched form field) mean "any". No topic lens unless asked for: the ledger
// shows every promise (feed commitments on every subject, and the curated requests).
import { Type, type Static } from 'typebox';
import { PROMISE_SOURCES, REQUEST_STATUSES } from '../db/schema/index.ts';
import { LEDGER_SORTS, type LedgerFilters, type LedgerSort } from './ledger.ts';

const either = <T extends readonly string[]>(values: T) => Type.Optional(Type.Union([Type.Literal(''), ...values.map((v) => Type.Literal(v))]));

export const LedgerQuerySchema = Type.Object({
  bron: either(PROMISE_SOURCES),
  status: either(REQUEST_STATUSES),
  ministerie: Type.Optional(Type.String({ maxLength: 20 })),
  commissie: Type.Optional(Type.String({ maxLength: 40 })),
  onderwerp: Type.Optional(Type.String({ maxLength: 100 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sort: either(LEDGER_SORTS),
  pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type LedgerQuery = Static<typeof LedgerQuerySchema>;

const blank = (v: string | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};

export function toLedgerFilters(q: LedgerQuery): LedgerFilters {
  return {
    source: (blank(q.bron) as LedgerFilters['source']) ?? null,
    status: (blank(q.status) as LedgerFilters['status']) ?? null,
    ministry: blank(q.ministerie),
    committee: blank(q.commissie),
    topic: blank(q.onderwerp),
    text: blank(q.q),
    sort: (blank(q.sort) as LedgerSort | null) ?? 'gemaakt',
    page: q.pagina ?? 1,
  };
}

/** The query string for these filters (stable order, defaults left out). */
export function ledgerQueryString(f: LedgerFilters, overrides: Partial<LedgerFilters> = {}): string {
  const v = { ...f, ...overrides };
  const p = new URLSearchParams();
  if (v.source) p.set('bron', v.source);
  if (v.status) p.set('status', v.status);
  if (v.ministry) p.set('ministerie', v.ministry);
  if (v.committee) p.set('commissie', v.committee);
  if (v.topic) p.set('onderwerp', v.topic);
  if (v.text) p.set('q', v.text);
  if (v.sort !== 'gemaakt') p.set('sort', v.sort);
  if (v.page > 1) p.set('pagina', String(v.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}
