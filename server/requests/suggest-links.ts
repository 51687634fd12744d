// Suggests what may fulfil an open briefing or letter request staff recorded (the ledger's
// `staff` source; feed promises have server/promises/suggest-fulfilment.ts): a technical briefing (or round
// table / conversation) of the right committee, or a government letter from an addressed ministry,
// dated on or after the request and about the same thing. A suggestion is a request_links row in
// state 'suggested' that staff confirm or reject; the unique (request, kind, target) key makes
// the run idempotent, and a rejected link keeps its row, so it is never suggested again.
//
// Bounded: only activities and letters dated on or after the oldest open request are read
// (through the (soort, datum) indexes), and only open requests (requested/scheduled) are matched.
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  activiteiten,
  documentActors,
  documents,
  requestAddressees,
  requestLinks,
  requests,
  topics,
  type RequestKind,
  type RequestLinkKind,
} from '../db/schema/index.ts';
import { amsterdamDate, startOfDay } from '../calendar.ts';
import { ministryByCode, parseAddresseeFunction } from '../questions/ministries.ts';
import { compileTopic, matchText, type CompiledTopic } from '../topics/matcher.ts';
import { stem, tokens } from '../topics/text.ts';

/** Activity kinds that can fulfil a briefing request. */
const BRIEFING_ACTIVITY_SOORTEN = ['Technische briefing', 'Rondetafelgesprek', 'Gesprek'] as const;
/** Document kinds that can fulfil a letter request. */
const LETTER_DOCUMENT_SOORTEN = ['Brief regering'] as const;

const OPEN_REQUEST_STATUSES = ['open', 'due_soon', 'overdue', 'scheduled'] as const;

/**
 * Committee abbreviations (Activiteit.Voortouwafkorting) that belong to an addressed ministry.
 * VWS is the one the reference confirms; the others are the committees' usual abbreviations.
 */
const COMMITTEES_BY_MINISTRY_FAMILY: Record<string, string[]> = {
  VWS: ['VWS'],
  JenV: ['J&V', 'JenV'],
  BZK: ['BiZa', 'BZK', 'DiZa'],
};

/** Words that say what kind of thing was asked for, not what it is about. */
const GENERIC_WORDS = new Set(
  [
    'technische', 'technisch', 'briefing', 'briefings', 'brief', 'brieven', 'kamerbrief', 'reactie', 'verzoek', 'over', 'naar',
    'aanleiding', 'stand', 'zaken', 'update', 'laatste', 'rond', 'inzake', 'betreffende', 'met', 'betrekking', 'tot',
    'voor', 'van', 'het', 'een', 'den', 'der', 'des', 'bij', 'door', 'uit', 'aan', 'als', 'ook', 'nog', 'wat', 'hoe',
    'rondetafelgesprek', 'gesprek', 'kabinet', 'minister', 'ministerie', 'commissie', 'kamer', 'overzicht', 'stand',
  ].map((w) => stem(w)),
);

interface SuggestedLink {
  id: number;
  requestId: number;
  kind: RequestLinkKind;
  target: string;
  title: string;
  date: string | null;
  /** Why: the topic terms both sides matched, or the request-subject terms the target shares. */
  reason: { topicTerms: string[]; sharedTerms: string[] };
}

export interface SuggestResult {
  openRequests: number;
  candidates: number;
  suggested: SuggestedLink[];
}

interface OpenRequest {
  id: number;
  kind: RequestKind;
  requestedOn: string;
  committee: string | null;
  subject: string;
  description: string;
  families: Set<string>;
  committees: Set<string>;
  onTopic: boolean;
  distinctive: string[];
}

interface Candidate {
  kind: RequestLinkKind;
  target: string;
  title: string;
  date: string;
  text: string[];
  /** Committee (activities). */
  committee: string | null;
  /** Ministry families named by the document's organisation or actors (letters); empty when unknown. */
  families: Set<string>;
}

/** Distinctive words of a request subject: stems of 4+ letters that are not generic. */
export function distinctiveTerms(subject: string): string[] {
  const out: string[] = [];
  for (const tok of tokens(subject)) {
    if (tok.length < 4) continue;
    const s = stem(tok);
    if (GENERIC_WORDS.has(s) || GENERIC_WORDS.has(tok)) continue;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The distinctive request terms a target text shares: equal stems, or a long term inside a compound. */
export function sharedTerms(distinctive: string[], text: string[]): string[] {
  const toks: string[] = [];
  for (const t of text) if (t) toks.push(...tokens(t));
  const stems = toks.map((t) => stem(t));
  return distinctive.filter((d) => stems.includes(d) || (d.length >= 7 && toks.some((t) => t.includes(d))));
}

function familyOf(code: string): string {
  return ministryByCode(code)?.family ?? code;
}

function committeesFor(committee: string | null, addressees: string[]): Set<string> {
  const out = new Set<string>();
  if (committee) out.add(committee.toLowerCase());
  for (const a of addressees) for (const c of COMMITTEES_BY_MINISTRY_FAMILY[familyOf(a)] ?? []) out.add(c.toLowerCase());
  return out;
}

function lettersFamilies(texts: (string | null)[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const family = parseAddresseeFunction(t).family;
    if (family) out.add(family);
  }
  return out;
}

async function defaultTopic(db: Db): Promise<CompiledTopic | null> {
  const [topic] = await db.select().from(topics).where(eq(topics.isDefault, true)).orderBy(desc(topics.id)).limit(1);
  return topic ? compileTopic(topic.terms, topic.excluded) : null;
}

async function openRequests(db: Db, topic: CompiledTopic | null): Promise<OpenRequest[]> {
  const rows = await db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.source, 'staff'),
        inArray(requests.status, [...OPEN_REQUEST_STATUSES]),
        sql`${requests.requestedOn} is not null`,
        sql`${requests.sourceRemovedAt} is null`,
      ),
    );
  if (rows.length === 0) return [];
  const addressees = await db
    .select()
    .from(requestAddressees)
    .where(inArray(requestAddressees.requestId, rows.map((r) => r.id)));
  return rows.map((r) => {
    const codes = addressees.filter((a) => a.requestId === r.id).map((a) => a.ministry);
    return {
      id: r.id,
      kind: r.kind,
      requestedOn: r.requestedOn!,
      committee: r.committee,
      subject: r.subject,
      description: r.description,
      families: new Set(codes.map(familyOf)),
      committees: committeesFor(r.committee, codes),
      // Without a default topic the topic lens cannot judge; shared terms alone then decide.
      onTopic: topic ? matchText(topic, [r.subject, r.description]).matched : true,
      distinctive: distinctiveTerms(r.subject),
    };
  });
}

async function candidateActivities(db: Db, since: string): Promise<Candidate[]> {
  const rows = await db
    .select({
      id: activiteiten.id,
      soort: activiteiten.soort,
      onderwerp: activiteiten.onderwerp,
      datum: activiteiten.datum,
      status: activiteiten.status,
      voortouwafkorting: activiteiten.voortouwafkorting,
    })
    .from(activiteiten)
    .where(and(inArray(activiteiten.soort, [...BRIEFING_ACTIVITY_SOORTEN]), gte(activiteiten.datum, startOfDay(since))));
  return rows
    .filter((a) => a.datum && a.onderwerp && a.status !== 'Geannuleerd')
    .map((a) => ({
      kind: 'activiteit' as const,
      target: a.id,
      title: `${a.soort}: ${a.onderwerp}`,
      date: amsterdamDate(a.datum!),
      text: [a.onderwerp!],
      committee: a.voortouwafkorting,
      families: new Set<string>(),
    }));
}

async function candidateLetters(db: Db, since: string): Promise<Candidate[]> {
  const rows = await db
    .select({
      id: documents.id,
      titel: documents.titel,
      onderwerp: documents.onderwerp,
      datum: documents.datum,
      organisatie: documents.organisatie,
      nummer: documents.documentNummer,
    })
    .from(documents)
    .where(and(inArray(documents.soort, [...LETTER_DOCUMENT_SOORTEN]), gte(documents.datum, startOfDay(since))));
  const letters = rows.filter((d) => d.datum && (d.onderwerp || d.titel));
  if (letters.length === 0) return [];
  const actors = await db
    .select({ documentId: documentActors.documentId, naam: documentActors.actorNaam, functie: documentActors.functie })
    .from(documentActors)
    .where(inArray(documentActors.documentId, letters.map((d) => d.id)));
  const byDoc = new Map<string, (string | null)[]>();
  for (const a of actors) {
    if (!a.documentId) continue;
    const list = byDoc.get(a.documentId) ?? [];
    list.push(a.functie);
    byDoc.set(a.documentId, list);
  }
  return letters.map((d) => ({
    kind: 'document' as const,
    target: d.id,
    title: d.onderwerp ?? d.titel ?? d.nummer ?? d.id,
    date: amsterdamDate(d.datum!),
    text: [d.onderwerp, d.titel].filter((t): t is string => !!t),
    committee: null,
    families: lettersFamilies([d.organisatie, ...(byDoc.get(d.id) ?? [])]),
  }));
}

function fits(r: OpenRequest, c: Candidate): boolean {
  if (c.date < r.requestedOn) return false;
  if (c.kind === 'activiteit') {
    if (r.kind !== 'briefing') return false;
    return c.committee != null && r.committees.has(c.committee.toLowerCase());
  }
  if (r.kind !== 'letter') return false;
  // A letter whose sender is unknown is not ruled out; one from another ministry is.
  if (c.families.size === 0 || r.families.size === 0) return true;
  return [...c.families].some((f) => r.families.has(f));
}

function judge(topic: CompiledTopic | null, r: OpenRequest, c: Candidate): SuggestedLink['reason'] | null {
  if (!r.onTopic) return null;
  const shared = sharedTerms(r.distinctive, c.text);
  const topicTerms = topic ? matchText(topic, c.text).terms : [];
  // Shared terms count when they are most of what the subject is about (both of two, two of three …).
  const enoughShared = r.distinctive.length > 0 && shared.length >= Math.min(2, r.distinctive.length);
  if (topicTerms.length === 0 && !enoughShared) return null;
  return { topicTerms, sharedTerms: shared };
}

/**
 * Suggests links for every open request. Returns the new suggestions (none on a re-run; a link
 * that exists in any state, rejected included, is never suggested again).
 */
export async function suggestRequestLinks(db: Db, now: Date): Promise<SuggestResult> {
  const topic = await defaultTopic(db);
  const open = await openRequests(db, topic);
  if (open.length === 0) return { openRequests: 0, candidates: 0, suggested: [] };
  const since = open.reduce((min, r) => (r.requestedOn < min ? r.requestedOn : min), open[0]!.requestedOn);
  const kinds = new Set(open.map((r) => r.kind));
  const candidates = [
    ...(kinds.has('briefing') ? await candidateActivities(db, since) : []),
    ...(kinds.has('letter') ? await candidateLetters(db, since) : []),
  ];
  if (candidates.length === 0) return { openRequests: open.length, candidates: 0, suggested: [] };

  const existing = await db
    .select({ requestId: requestLinks.requestId, kind: requestLinks.kind, target: requestLinks.target })
    .from(requestLinks)
    .where(inArray(requestLinks.requestId, open.map((r) => r.id)));
  const known = new Set(existing.map((l) => `${l.requestId}|${l.kind}|${l.target}`));

  const rows: (typeof requestLinks.$inferInsert)[] = [];
  const reasons = new Map<string, SuggestedLink['reason']>();
  for (const r of open) {
    for (const c of candidates) {
      const key = `${r.id}|${c.kind}|${c.target}`;
      if (known.has(key) || !fits(r, c)) continue;
      const reason = judge(topic, r, c);
      if (!reason) continue;
      reasons.set(key, reason);
      rows.push({ requestId: r.id, kind: c.kind, target: c.target, title: c.title, date: c.date, state: 'suggested', origin: 'suggestion', reason, createdAt: now, updatedAt: now });
    }
  }
  if (rows.length === 0) return { openRequests: open.length, candidates: candidates.length, suggested: [] };
  const inserted = await db
    .insert(requestLinks)
    .values(rows)
    .onConflictDoNothing({ target: [requestLinks.requestId, requestLinks.kind, requestLinks.target] })
    .returning();
  return {
    openRequests: open.length,
    candidates: candidates.length,
    suggested: inserted.map((l) => ({
      id: l.id,
      requestId: l.requestId,
      kind: l.kind,
      target: l.target,
      title: l.title,
      date: l.date,
      reason: reasons.get(`${l.requestId}|${l.kind}|${l.target}`) ?? { topicTerms: [], sharedTerms: [] },
    })),
  };
}
