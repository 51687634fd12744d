// Recording briefing and letter requests by hand, linking any promise to the activity or document
// that fulfilled it (found by search), and the staff decisions on links and status, each written
// to the audit log. Link decisions and status changes go through server/requests/request-status.ts,
// which keeps the decision and re-evaluates the promise at once.
import { and, asc, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { fanOutPromiseEvents } from '../alerts/promise-fanout.ts';
import type { Db } from '../db/client.ts';
import {
  activiteiten,
  documents,
  requestAddressees,
  requestLinks,
  requestParties,
  requestPersons,
  requests,
} from '../db/schema/index.ts';
import { amsterdamDate, isCalendarDate } from '../calendar.ts';
import { readDeadline } from '../promises/deadline-text.ts';
import { evaluatePromises } from '../promises/evaluate.ts';
import { recordMade, slugify } from '../promises/store.ts';
import { matchPromises } from '../promises/topics.ts';
import { confirmRequestLink, rejectRequestLink, setRequestStatus, STAFF_STATUSES, type StaffStatus } from '../requests/request-status.ts';
import { type Actor, recordAudit } from './audit.ts';

/** What staff record by hand: a briefing or a letter (commitments and deferrals come from the data). */
const STAFF_REQUEST_KINDS = ['briefing', 'letter'] as const;
type StaffRequestKind = (typeof STAFF_REQUEST_KINDS)[number];

export interface RequestInput {
  kind: StaffRequestKind;
  requestedOn: string;
  committee: string | null;
  subject: string;
  sourceText: string;
  sourceUrl: string | null;
  persons: { name: string; party: string | null }[];
  requesterParties: string[];
  supporterParties: string[];
  addressees: string[];
  /** A deadline date, when one was agreed. */
  dueOn: string | null;
  /** The deadline as worded ("in de eerste week na het zomerreces"), when given. */
  dueText: string | null;
}

export type RequestFormErrors = Partial<Record<'kind' | 'requestedOn' | 'subject' | 'persons' | 'addressees' | 'sourceUrl' | 'dueOn', string>>;

export interface RequestForm {
  kind: string;
  requestedOn: string;
  committee: string;
  subject: string;
  sourceText: string;
  sourceUrl: string;
  persons: string;
  supporters: string;
  addressees: string;
  dueOn: string;
  dueText: string;
}

const list = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** "Naam (Partij)" per line. */
function parsePersons(text: string): { name: string; party: string | null }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(l);
      return m ? { name: m[1]!.trim(), party: m[2]!.trim() } : { name: l, party: null };
    });
}

/** Validates the form; the Dutch error per field, or the input to store. */
export function validateRequestForm(f: RequestForm): { ok: true; input: RequestInput } | { ok: false; errors: RequestFormErrors } {
  const errors: RequestFormErrors = {};
  if (!(STAFF_REQUEST_KINDS as readonly string[]).includes(f.kind)) errors.kind = 'Kies briefing of brief.';
  if (!isCalendarDate(f.requestedOn)) errors.requestedOn = 'Vul een datum in (jjjj-mm-dd).';
  if (f.dueOn.trim() && !isCalendarDate(f.dueOn.trim())) errors.dueOn = 'Vul een datum in (jjjj-mm-dd), of laat dit leeg.';
  else if (f.dueOn.trim() && isCalendarDate(f.requestedOn) && f.dueOn.trim() < f.requestedOn) errors.dueOn = 'De termijn ligt voor de datum van het verzoek.';
  if (!f.subject.trim()) errors.subject = 'Vul het onderwerp in.';
  const persons = parsePersons(f.persons);
  const addressees = list(f.addressees).map((a) => a.toUpperCase() === 'JENV' ? 'JenV' : a.toUpperCase());
  if (persons.length === 0 && !f.committee.trim()) errors.persons = 'Vul ten minste één aanvrager in, of een commissie.';
  if (addressees.length === 0) errors.addressees = 'Vul ten minste één ministerie in (bijvoorbeeld VWS).';
  if (addressees.some((a) => !/^[A-Za-z]{2,8}$/.test(a))) errors.addressees = 'Gebruik de afkortingen van ministeries, gescheiden door komma’s (bijvoorbeeld VWS, JenV).';
  if (f.sourceUrl.trim() && !/^https:\/\/\S+$/.test(f.sourceUrl.trim())) errors.sourceUrl = 'Een bron-URL begint met https://.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const requesterParties = [...new Set(persons.map((p) => p.party).filter((p): p is string => p !== null))];
  const dueText = f.dueText.trim() || null;
  // Words without a date: a conservative date read from them when they name one, marked as read.
  const read = !f.dueOn.trim() && dueText ? readDeadline(dueText, f.requestedOn) : null;
  return {
    ok: true,
    input: {
      kind: f.kind as StaffRequestKind,
      requestedOn: f.requestedOn,
      committee: f.committee.trim() || null,
      subject: f.subject.trim(),
      sourceText: f.sourceText.trim(),
      sourceUrl: f.sourceUrl.trim() || null,
      persons,
      requesterParties,
      supporterParties: [...new Set(list(f.supporters))].filter((p) => !requesterParties.includes(p)),
      addressees: [...new Set(addressees)],
      dueOn: f.dueOn.trim() || read?.date || null,
      dueText,
    },
  };
}


export interface StaffOptions {
  cutoffDays?: number;
}

/** Records a request: its `made` event, topic matches, first evaluation and alert deliveries commit with it. */
export async function createRequest(db: Db, actor: Actor, now: Date, input: RequestInput, options: StaffOptions = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const base = `${input.requestedOn}-${slugify(input.subject) || 'verzoek'}`;
    const taken = await tx.select({ slug: requests.slug }).from(requests).where(ilike(requests.slug, `${base}%`));
    let slug = base;
    for (let i = 2; taken.some((t) => t.slug === slug); i++) slug = `${base}-${i}`;
    const [row] = await tx
      .insert(requests)
      .values({
        slug,
        kind: input.kind,
        requestedOn: input.requestedOn,
        committee: input.committee,
        subject: input.subject,
        sourceText: input.sourceText,
        sourceUrl: input.sourceUrl,
        dueOn: input.dueOn,
        dueText: input.dueText,
        dueSource: input.dueOn ? 'staff' : null,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: requests.id });
    const id = row!.id;
    if (input.persons.length) await tx.insert(requestPersons).values(input.persons.map((p, i) => ({ requestId: id, position: i + 1, name: p.name, party: p.party })));
    const parties = [
      ...input.requesterParties.map((party) => ({ requestId: id, role: 'requester' as const, party })),
      ...input.supporterParties.map((party) => ({ requestId: id, role: 'supporter' as const, party })),
    ];
    if (parties.length) await tx.insert(requestParties).values(parties);
    await tx.insert(requestAddressees).values(input.addressees.map((ministry) => ({ requestId: id, ministry })));
    await matchPromises(tx, now, [id]);
    const made = await recordMade(tx, now, [id], 'staff');
    const evaluation = await evaluatePromises(tx, now, { ids: [id] });
    await fanOutPromiseEvents(tx, now, { eventIds: [...made, ...evaluation.eventIds], cutoffDays: options.cutoffDays });
    await recordAudit(tx, actor, now, { action: 'request.create', entity: 'request', entityId: id, after: { slug, ...input } });
    return id;
  });
}

export async function getRequest(db: Db, id: number) {
  const [r] = await db.select().from(requests).where(eq(requests.id, id));
  if (!r) return null;
  const [persons, parties, addressees, links] = await Promise.all([
    db.select().from(requestPersons).where(eq(requestPersons.requestId, id)).orderBy(asc(requestPersons.position)),
    db.select().from(requestParties).where(eq(requestParties.requestId, id)).orderBy(asc(requestParties.party)),
    db.select().from(requestAddressees).where(eq(requestAddressees.requestId, id)).orderBy(asc(requestAddressees.ministry)),
    db.select().from(requestLinks).where(eq(requestLinks.requestId, id)).orderBy(asc(requestLinks.state), asc(requestLinks.id)),
  ]);
  return {
    ...r,
    persons,
    requesterParties: parties.filter((p) => p.role === 'requester').map((p) => p.party),
    supporterParties: parties.filter((p) => p.role === 'supporter').map((p) => p.party),
    addressees: addressees.map((a) => a.ministry),
    links,
  };
}
export type StaffRequest = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

/** The requests staff recorded (feed promises are in the public ledger and the suggestions queue). */
export async function listStaffRequests(db: Db) {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.source, 'staff'), isNull(requests.sourceRemovedAt)))
    .orderBy(desc(requests.requestedOn), desc(requests.id));
}

export interface SearchHit {
  kind: 'activiteit' | 'document';
  id: string;
  soort: string | null;
  title: string;
  number: string | null;
  date: string | null;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Activities and documents whose subject, title or number contains the text (newest first). */
export async function searchTargets(db: Db, q: string, limit = 15): Promise<SearchHit[]> {
  const text = q.trim();
  if (text.length < 2) return [];
  const p = likePattern(text);
  const [acts, docs] = await Promise.all([
    db
      .select({ id: activiteiten.id, soort: activiteiten.soort, title: activiteiten.onderwerp, number: activiteiten.nummer, datum: activiteiten.datum })
      .from(activiteiten)
      .where(or(ilike(activiteiten.onderwerp, p), ilike(activiteiten.nummer, p), ilike(activiteiten.soort, p)))
      .orderBy(sql`${activiteiten.datum} desc nulls last`)
      .limit(limit),
    db
      .select({ id: documents.id, soort: documents.soort, titel: documents.titel, onderwerp: documents.onderwerp, number: documents.documentNummer, datum: documents.datum })
      .from(documents)
      .where(or(ilike(documents.onderwerp, p), ilike(documents.titel, p), ilike(documents.documentNummer, p)))
      .orderBy(sql`${documents.datum} desc nulls last`)
      .limit(limit),
  ]);
  const day = (d: Date | null) => (d ? amsterdamDate(d) : null);
  return [
    ...acts.map((a) => ({ kind: 'activiteit' as const, id: a.id, soort: a.soort, title: a.title ?? '(zonder onderwerp)', number: a.number, date: day(a.datum) })),
    ...docs.map((d) => ({ kind: 'document' as const, id: d.id, soort: d.soort, title: d.onderwerp ?? d.titel ?? '(zonder titel)', number: d.number, date: day(d.datum) })),
  ];
}

export class NotFound extends Error {}

/** Links a found activity or document to the request (confirmed at once), recorded in the audit log. */
export async function linkRequest(db: Db, actor: Actor, now: Date, requestId: number, kind: 'activiteit' | 'document', target: string, options: StaffOptions = {}) {
  const [hit] =
    kind === 'activiteit'
      ? await db.select({ title: activiteiten.onderwerp, datum: activiteiten.datum }).from(activiteiten).where(eq(activiteiten.id, target))
      : await db.select({ title: sql<string | null>`coalesce(${documents.onderwerp}, ${documents.titel})`, datum: documents.datum }).from(documents).where(eq(documents.id, target));
  if (!hit) throw new NotFound(`${kind} ${target}`);
  const [request] = await db.select({ id: requests.id }).from(requests).where(eq(requests.id, requestId));
  if (!request) throw new NotFound(`request ${requestId}`);
  await db
    .insert(requestLinks)
    .values({ requestId, kind, target, title: hit.title ?? '', date: hit.datum ? amsterdamDate(hit.datum) : null, state: 'suggested', origin: 'staff', createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [link] = await db
    .select()
    .from(requestLinks)
    .where(and(eq(requestLinks.requestId, requestId), eq(requestLinks.kind, kind), eq(requestLinks.target, target)));
  return decideLink(db, actor, now, requestId, link!.id, 'confirm', options);
}

/** Confirms or rejects a (suggested) link of this request. */
export async function decideLink(db: Db, actor: Actor, now: Date, requestId: number, linkId: number, decision: 'confirm' | 'reject', options: StaffOptions = {}) {
  const [link] = await db.select().from(requestLinks).where(and(eq(requestLinks.id, linkId), eq(requestLinks.requestId, requestId)));
  if (!link) throw new NotFound(`link ${linkId}`);
  const by = { by: actor.email, cutoffDays: options.cutoffDays };
  const result = decision === 'confirm' ? await confirmRequestLink(db, linkId, now, by) : await rejectRequestLink(db, linkId, now, by);
  await recordAudit(db, actor, now, {
    action: decision === 'confirm' ? 'request_link.confirm' : 'request_link.reject',
    entity: 'request_link',
    entityId: linkId,
    before: { requestId, kind: link.kind, target: link.target, state: result.before, requestStatus: result.status.before },
    after: { requestId, kind: link.kind, target: link.target, state: result.after, requestStatus: result.status.after },
  });
  return result;
}

export async function changeRequestStatus(db: Db, actor: Actor, now: Date, requestId: number, status: StaffStatus, options: StaffOptions = {}) {
  if (!(STAFF_STATUSES as readonly string[]).includes(status)) throw new RangeError(status);
  const change = await setRequestStatus(db, requestId, status, now, { by: actor.email, cutoffDays: options.cutoffDays });
  await recordAudit(db, actor, now, { action: 'request.status', entity: 'request', entityId: requestId, before: { status: change.before }, after: { status: change.after } });
  return change;
}

export interface SuggestionRow {
  linkId: number;
  requestId: number;
  slug: string;
  subject: string;
  source: string;
  kind: string;
  number: string | null;
  target: { kind: string; title: string; date: string | null; href: string | null };
  reason: Record<string, unknown> | null;
  state: 'suggested' | 'confirmed' | 'rejected';
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** The suggestions waiting for a decision (oldest first), and the latest decisions on suggestions. */
export async function listSuggestions(db: Db, decidedLimit = 50): Promise<{ open: SuggestionRow[]; decided: SuggestionRow[] }> {
  const select = {
    linkId: requestLinks.id,
    requestId: requests.id,
    slug: requests.slug,
    subject: requests.subject,
    source: requests.source,
    kind: requests.kind,
    number: requests.number,
    linkKind: requestLinks.kind,
    target: requestLinks.target,
    title: requestLinks.title,
    date: requestLinks.date,
    reason: requestLinks.reason,
    state: requestLinks.state,
    createdAt: requestLinks.createdAt,
    decidedBy: requestLinks.decidedBy,
    decidedAt: requestLinks.decidedAt,
  };
  const [open, decided] = await Promise.all([
    db
      .select(select)
      .from(requestLinks)
      .innerJoin(requests, eq(requests.id, requestLinks.requestId))
      .where(and(eq(requestLinks.state, 'suggested'), isNull(requests.sourceRemovedAt)))
      .orderBy(asc(requestLinks.createdAt), asc(requestLinks.id)),
    db
      .select(select)
      .from(requestLinks)
      .innerJoin(requests, eq(requests.id, requestLinks.requestId))
      .where(and(eq(requestLinks.origin, 'suggestion'), sql`${requestLinks.state} <> 'suggested'`))
      .orderBy(sql`${requestLinks.decidedAt} desc nulls last`, desc(requestLinks.id))
      .limit(decidedLimit),
  ]);
  const shape = (r: (typeof open)[number]): SuggestionRow => ({
    linkId: r.linkId,
    requestId: r.requestId,
    slug: r.slug,
    subject: r.subject,
    source: r.source,
    kind: r.kind,
    number: r.number,
    target: { kind: r.linkKind, title: r.title, date: r.date, href: null },
    reason: r.reason,
    state: r.state,
    createdAt: r.createdAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
  });
  return { open: open.map(shape), decided: decided.map(shape) };
}
