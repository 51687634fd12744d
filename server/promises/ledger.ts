// Reading the ledger for pages, feeds and the API: the filtered list (source, status, ministry,
// committee, topic, words), one promise with everything around it, the filter choices, and the
// per-ministry figures. Removed promises (their source row gone upstream) are left out of lists
// but keep their page.
import { and, asc, desc, eq, exists, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  activiteiten,
  documents,
  PROMISE_SOURCES,
  type PromiseSource,
  promiseEvents,
  REQUEST_STATUSES,
  requestAddressees,
  requestLinks,
  type RequestLinkKind,
  requestParties,
  requestPersons,
  requests,
  type RequestKind,
  type RequestStatus,
  requestTopicMatches,
  topics,
  zaken,
} from '../db/schema/index.ts';
import { amsterdamDate } from '../calendar.ts';
import { ministryByCode } from '../questions/ministries.ts';

export const LEDGER_SORTS = ['gemaakt', 'termijn', 'te-laat'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerFilters {
  source: PromiseSource | null;
  status: RequestStatus | null;
  ministry: string | null;
  committee: string | null;
  topic: string | null;
  text: string | null;
  sort: LedgerSort;
  page: number;
}

export const EMPTY_LEDGER_FILTERS: LedgerFilters = { source: null, status: null, ministry: null, committee: null, topic: null, text: null, sort: 'gemaakt', page: 1 };

export interface LinkView {
  id: number;
  kind: RequestLinkKind;
  target: string;
  title: string;
  date: string | null;
  state: 'suggested' | 'confirmed' | 'rejected';
  origin: string | null;
  reason: Record<string, unknown> | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** When the link was made (suggested, or linked by staff). */
  createdAt: Date;
  /** Whether the activity or document is in the mirror (its title and date then come from there). */
  mirrored: boolean;
  /** The activity's or document's number, when mirrored. */
  nummer: string | null;
  activityStatus: string | null;
}

export interface PromiseRowView {
  id: number;
  slug: string;
  kind: RequestKind;
  source: PromiseSource;
  number: string | null;
  subject: string;
  description: string;
  madeOn: string | null;
  madeOnPrecision: 'day' | 'month';
  committee: string | null;
  addressees: string[];
  minister: string | null;
  ministerFunction: string | null;
  ministerPost: string | null;
  ministerPersoonId: string | null;
  dueOn: string | null;
  dueText: string | null;
  dueSource: string | null;
  status: RequestStatus;
  statusAsOf: Date | null;
  decidedStatus: string | null;
  registerStatus: string | null;
  daysOverdue: number;
  fulfilledOn: string | null;
  fulfilmentNumber: string | null;
  /** The register's fulfilling letter is in the mirror (null when the register names none). */
  fulfilmentFound: boolean | null;
  zaakId: string | null;
  activiteitId: string | null;
  removed: boolean;
  persons: { name: string; party: string | null; persoonId: string | null }[];
  requesterParties: string[];
  supporterParties: string[];
  links: LinkView[];
  details: Record<string, unknown>;
  sourceText: string;
  sourceUrl: string | null;
}

export interface PromiseList {
  rows: PromiseRowView[];
  total: number;
  page: number;
  pages: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(db: Db, f: LedgerFilters): SQL[] {
  const where: SQL[] = [isNull(requests.sourceRemovedAt)];
  if (f.source) where.push(eq(requests.source, f.source));
  if (f.status) where.push(eq(requests.status, f.status));
  if (f.committee) where.push(sql`lower(${requests.committee}) = lower(${f.committee})`);
  if (f.ministry) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(requestAddressees)
          .where(and(eq(requestAddressees.requestId, requests.id), eq(requestAddressees.ministry, f.ministry))),
      ),
    );
  }
  if (f.topic) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(requestTopicMatches)
          .innerJoin(topics, eq(topics.id, requestTopicMatches.topicId))
          .where(and(eq(requestTopicMatches.requestId, requests.id), eq(topics.slug, f.topic))),
      ),
    );
  }
  if (f.text) {
    const p = likePattern(f.text);
    where.push(or(ilike(requests.subject, p), ilike(requests.description, p), ilike(requests.number, p))!);
  }
  return where;
}

function ordering(sort: LedgerSort) {
  switch (sort) {
    case 'termijn':
      return [sql`${requests.dueOn} asc nulls last`, desc(requests.id)];
    case 'te-laat':
      return [desc(requests.daysOverdue), sql`${requests.dueOn} asc nulls last`, desc(requests.id)];
    default:
      return [sql`${requests.requestedOn} desc nulls last`, desc(requests.id)];
  }
}

type RequestRow = typeof requests.$inferSelect;

/** The people, parties, ministries and links of these promises, and whether their register letter is mirrored. */
async function enrich(db: Db, rows: RequestRow[]): Promise<PromiseRowView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [persons, parties, addressees, links] = await Promise.all([
    db.select().from(requestPersons).where(inArray(requestPersons.requestId, ids)).orderBy(asc(requestPersons.position)),
    db.select().from(requestParties).where(inArray(requestParties.requestId, ids)).orderBy(asc(requestParties.party)),
    db.select().from(requestAddressees).where(inArray(requestAddressees.requestId, ids)).orderBy(asc(requestAddressees.ministry)),
    db.select().from(requestLinks).where(inArray(requestLinks.requestId, ids)).orderBy(sql`${requestLinks.date} asc nulls last`, asc(requestLinks.id)),
  ]);
  const mirrored = await mirroredTargets(db, links);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    source: r.source,
    number: r.number,
    subject: r.subject,
    description: r.description,
    madeOn: r.requestedOn,
    madeOnPrecision: r.requestedOnPrecision,
    committee: r.committee,
    addressees: addressees.filter((a) => a.requestId === r.id).map((a) => a.ministry),
    minister: r.ministerName,
    ministerFunction: r.ministerFunction,
    ministerPost: r.ministerPost,
    ministerPersoonId: r.ministerPersoonId,
    dueOn: r.dueOn,
    dueText: r.dueText,
    dueSource: r.dueSource,
    status: r.status,
    statusAsOf: r.statusAsOf,
    decidedStatus: r.decidedStatus,
    registerStatus: r.registerStatus,
    daysOverdue: r.daysOverdue,
    fulfilledOn: r.fulfilledOn,
    fulfilmentNumber: r.fulfilmentNumber,
    fulfilmentFound: r.fulfilmentNumber ? links.some((l) => l.requestId === r.id && l.origin === 'register') : null,
    zaakId: r.zaakId,
    activiteitId: r.activiteitId,
    removed: r.sourceRemovedAt !== null,
    persons: persons.filter((p) => p.requestId === r.id).map((p) => ({ name: p.name, party: p.party, persoonId: p.persoonId })),
    requesterParties: parties.filter((p) => p.requestId === r.id && p.role === 'requester').map((p) => p.party),
    supporterParties: parties.filter((p) => p.requestId === r.id && p.role === 'supporter').map((p) => p.party),
    links: links
      .filter((l) => l.requestId === r.id)
      .map((l) => {
        const m = mirrored.get(`${l.kind}|${l.target.toLowerCase()}`);
        return {
          id: l.id,
          kind: l.kind,
          target: l.target,
          title: m?.title ?? l.title,
          date: m?.date ?? l.date,
          state: l.state,
          origin: l.origin,
          reason: l.reason,
          decidedBy: l.decidedBy,
          decidedAt: l.decidedAt,
          createdAt: l.createdAt,
          mirrored: m !== undefined,
          nummer: m?.nummer ?? null,
          activityStatus: m?.status ?? null,
        };
      }),
    details: r.details,
    sourceText: r.sourceText,
    sourceUrl: r.sourceUrl,
  }));
}

interface Mirrored {
  title: string;
  date: string | null;
  nummer: string | null;
  status: string | null;
}

/** Titles and dates of linked activities and documents from the mirrored rows (they may have changed since linking). */
async function mirroredTargets(db: Db, links: { kind: RequestLinkKind; target: string }[]): Promise<Map<string, Mirrored>> {
  const ids = (kind: RequestLinkKind) => [...new Set(links.filter((l) => l.kind === kind && GUID.test(l.target)).map((l) => l.target.toLowerCase()))];
  const activityIds = ids('activiteit');
  const documentIds = ids('document');
  const [acts, docs] = await Promise.all([
    activityIds.length === 0
      ? []
      : db
          .select({ id: activiteiten.id, soort: activiteiten.soort, onderwerp: activiteiten.onderwerp, datum: activiteiten.datum, nummer: activiteiten.nummer, status: activiteiten.status })
          .from(activiteiten)
          .where(inArray(activiteiten.id, activityIds)),
    documentIds.length === 0
      ? []
      : db
          .select({ id: documents.id, titel: documents.titel, onderwerp: documents.onderwerp, datum: documents.datum, nummer: documents.documentNummer })
          .from(documents)
          .where(inArray(documents.id, documentIds)),
  ]);
  const out = new Map<string, Mirrored>();
  for (const a of acts) {
    if (!a.onderwerp) continue;
    out.set(`activiteit|${a.id}`, { title: a.soort ? `${a.soort}: ${a.onderwerp}` : a.onderwerp, date: a.datum ? amsterdamDate(a.datum) : null, nummer: a.nummer, status: a.status });
  }
  for (const d of docs) {
    const title = d.onderwerp ?? d.titel;
    if (!title) continue;
    out.set(`document|${d.id}`, { title, date: d.datum ? amsterdamDate(d.datum) : null, nummer: d.nummer, status: null });
  }
  return out;
}

export async function listPromises(db: Db, f: LedgerFilters, pageSize = 25): Promise<PromiseList> {
  const where = and(...conditions(db, f));
  const [countRow] = await db.select({ n: sql<number>`count(*)::int` }).from(requests).where(where);
  const total = Number(countRow?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const rows = await db
    .select()
    .from(requests)
    .where(where)
    .orderBy(...ordering(f.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: await enrich(db, rows), total, page, pages };
}

export interface PromiseTimelineEntry {
  kind: string;
  at: Date;
  details: Record<string, unknown>;
}

export interface PromiseDetail extends PromiseRowView {
  events: PromiseTimelineEntry[];
  topics: { slug: string; name: string; matchedTerms: string[] }[];
  activity: { id: string; soort: string | null; onderwerp: string | null; datum: string | null; nummer: string | null } | null;
  zaak: { nummer: string | null; onderwerp: string | null; soort: string | null } | null;
  /** Earlier commitments this one repeats, adds to or changes (Toezegging references), as ledger slugs when known. */
  related: { relation: 'herhaling' | 'aanvulling' | 'wijziging'; slug: string | null; number: string | null }[];
}

export async function getPromise(db: Db, slug: string): Promise<PromiseDetail | null> {
  const [row] = await db.select().from(requests).where(eq(requests.slug, slug));
  if (!row) return null;
  const [view] = await enrich(db, [row]);
  const [events, topicRows, activity, zaak, related] = await Promise.all([
    db.select().from(promiseEvents).where(eq(promiseEvents.requestId, row.id)).orderBy(asc(promiseEvents.occurredAt), asc(promiseEvents.id)),
    db
      .select({ slug: topics.slug, name: topics.name, matchedTerms: requestTopicMatches.matchedTerms })
      .from(requestTopicMatches)
      .innerJoin(topics, eq(topics.id, requestTopicMatches.topicId))
      .where(eq(requestTopicMatches.requestId, row.id)),
    row.activiteitId
      ? db.select({ id: activiteiten.id, soort: activiteiten.soort, onderwerp: activiteiten.onderwerp, datum: activiteiten.datum, nummer: activiteiten.nummer }).from(activiteiten).where(eq(activiteiten.id, row.activiteitId))
      : [],
    row.zaakId ? db.select({ nummer: zaken.nummer, onderwerp: zaken.onderwerp, soort: zaken.soort }).from(zaken).where(eq(zaken.id, row.zaakId)) : [],
    row.source === 'toezegging' && row.sourceId ? relatedCommitments(db, row.sourceId) : [],
  ]);
  const a = activity[0];
  return {
    ...view!,
    events: events.map((e) => ({ kind: e.kind, at: e.occurredAt, details: e.details })),
    topics: topicRows,
    activity: a ? { ...a, datum: a.datum ? amsterdamDate(a.datum) : null } : null,
    zaak: zaak[0] ?? null,
    related,
  };
}

async function relatedCommitments(db: Db, toezeggingId: string): Promise<PromiseDetail['related']> {
  const rows = await db.execute<{ relation: 'herhaling' | 'aanvulling' | 'wijziging'; slug: string | null; number: string | null }>(sql`
    select x.relation, r.slug, t.nummer as number from (
      select 'herhaling' as relation, eerdere_id from toezegging_herhalingen where toezegging_id = ${toezeggingId}::uuid
      union all select 'aanvulling', eerdere_id from toezegging_aanvullingen where toezegging_id = ${toezeggingId}::uuid
      union all select 'wijziging', eerdere_id from toezegging_wijzigingen where toezegging_id = ${toezeggingId}::uuid) x
    left join toezeggingen t on t.id = x.eerdere_id
    left join requests r on r.source = 'toezegging' and r.source_id = x.eerdere_id::text
    order by x.relation, t.nummer`);
  return (Array.isArray(rows) ? rows : (rows as { rows: PromiseDetail['related'] }).rows) as PromiseDetail['related'];
}

export interface LedgerOptions {
  sources: PromiseSource[];
  statuses: RequestStatus[];
  ministries: { value: string; label: string }[];
  committees: string[];
  topics: { slug: string; name: string }[];
}

export async function ledgerOptions(db: Db): Promise<LedgerOptions> {
  const [ministries, committees, topicRows] = await Promise.all([
    db.selectDistinct({ ministry: requestAddressees.ministry }).from(requestAddressees).orderBy(asc(requestAddressees.ministry)),
    db
      .selectDistinct({ committee: requests.committee })
      .from(requests)
      .where(and(sql`${requests.committee} is not null`, isNull(requests.sourceRemovedAt)))
      .orderBy(asc(requests.committee)),
    db.select({ slug: topics.slug, name: topics.name }).from(topics).orderBy(desc(topics.isDefault), asc(topics.name)),
  ]);
  return {
    sources: [...PROMISE_SOURCES],
    statuses: [...REQUEST_STATUSES],
    ministries: ministries.map((m) => ({ value: m.ministry, label: ministryByCode(m.ministry)?.name ?? m.ministry })),
    committees: committees.map((c) => c.committee!).filter(Boolean),
    topics: topicRows,
  };
}

/** The overdue promises a ministry owes: its rappel list, longest overdue first. */
export async function overdueFor(db: Db, ministry: string, limit = 5_000): Promise<PromiseRowView[]> {
  const rows = await db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.status, 'overdue'),
        isNull(requests.sourceRemovedAt),
        exists(db.select({ one: sql`1` }).from(requestAddressees).where(and(eq(requestAddressees.requestId, requests.id), eq(requestAddressees.ministry, ministry)))),
      ),
    )
    .orderBy(asc(requests.dueOn), asc(requests.id))
    .limit(limit);
  return enrich(db, rows);
}

export interface PromiseFigures {
  /** Promises owed by the ministry that are in the ledger. */
  total: number;
  open: number;
  overdue: number;
  /** Fulfilled (wholly or partly) with a known date and a deadline. */
  fulfilledWithDates: number;
  fulfilledOnTime: number;
  /** Fulfilled without a known date or without a deadline: not in the on-time share. */
  fulfilledOther: number;
  /** Days past the deadline of the overdue ones (median), or null. */
  medianDaysOverdue: number | null;
}

/** Promises kept on time by a ministry, for its page next to the answer times. */
export async function promiseFigures(db: Db, ministry: string): Promise<PromiseFigures> {
  const rows = await db.execute<Record<string, number | string | null>>(sql`
    select count(*)::int as total,
      count(*) filter (where r.status in ('open', 'due_soon', 'scheduled'))::int as open,
      count(*) filter (where r.status = 'overdue')::int as overdue,
      count(*) filter (where r.status in ('fulfilled', 'partly_fulfilled') and r.fulfilled_on is not null and r.due_on is not null)::int as with_dates,
      count(*) filter (where r.status in ('fulfilled', 'partly_fulfilled') and r.fulfilled_on is not null and r.due_on is not null and r.fulfilled_on <= r.due_on)::int as on_time,
      count(*) filter (where r.status in ('fulfilled', 'partly_fulfilled') and (r.fulfilled_on is null or r.due_on is null))::int as other,
      percentile_cont(0.5) within group (order by r.days_overdue) filter (where r.status = 'overdue') as median
    from requests r
    where r.source_removed_at is null and exists (select 1 from request_addressees a where a.request_id = r.id and a.ministry = ${ministry})`);
  const r = (Array.isArray(rows) ? rows : (rows as { rows: Record<string, number | string | null>[] }).rows)[0] ?? {};
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  return {
    total: n(r.total),
    open: n(r.open),
    overdue: n(r.overdue),
    fulfilledWithDates: n(r.with_dates),
    fulfilledOnTime: n(r.on_time),
    fulfilledOther: n(r.other),
    medianDaysOverdue: r.median == null ? null : Number(r.median),
  };
}

