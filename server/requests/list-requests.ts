import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activiteiten, documents, requestAddressees, requestLinks, requestParties, requestPersons, requests } from '../db/schema/index.ts';
import type { RequestKind, RequestLinkKind, RequestStatus } from '../db/schema/index.ts';
import { amsterdamDate } from '../calendar.ts';

interface RequestLinkView {
  kind: RequestLinkKind;
  target: string;
  title: string;
  date: string | null;
  state: 'suggested' | 'confirmed' | 'rejected';
  /** Whether the activity or document is in the mirror (its title and date then come from there). */
  mirrored?: boolean;
  /** The activity's number (e.g. 2025A01234) or the document's number, when mirrored. */
  nummer?: string | null;
  /** Activity status as the feed gives it (Gepland, Uitgevoerd, Geannuleerd …). */
  activityStatus?: string | null;
}

/** A request as stated: shared by the seeds that state it and the view that shows it. */
export interface RequestFields {
  slug: string;
  kind: RequestKind;
  requestedOn: string | null;
  requestedOnPrecision: 'day' | 'month';
  committee: string | null;
  subject: string;
  description: string;
  sourceText: string;
  sourceUrl: string | null;
  status: RequestStatus;
  persons: { name: string; party: string | null }[];
  requesterParties: string[];
  supporterParties: string[];
  addressees: string[];
}

export interface RequestView extends RequestFields {
  id: number;
  links: RequestLinkView[];
}

/** All briefing and letter requests, newest first, with who asked, who supported and what fulfils them. */
export async function listRequests(db: Db): Promise<RequestView[]> {
  const rows = await db.select().from(requests).orderBy(desc(requests.requestedOn), desc(requests.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [persons, parties, addressees, links] = await Promise.all([
    db.select().from(requestPersons).where(inArray(requestPersons.requestId, ids)).orderBy(asc(requestPersons.position)),
    db.select().from(requestParties).where(inArray(requestParties.requestId, ids)).orderBy(asc(requestParties.party)),
    db.select().from(requestAddressees).where(inArray(requestAddressees.requestId, ids)).orderBy(asc(requestAddressees.ministry)),
    db.select().from(requestLinks).where(inArray(requestLinks.requestId, ids)).orderBy(asc(requestLinks.date), asc(requestLinks.id)),
  ]);
  const mirrored = await mirroredTargets(db, links);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    requestedOn: r.requestedOn,
    requestedOnPrecision: r.requestedOnPrecision,
    committee: r.committee,
    subject: r.subject,
    description: r.description,
    sourceText: r.sourceText,
    sourceUrl: r.sourceUrl,
    status: r.status,
    persons: persons.filter((p) => p.requestId === r.id).map((p) => ({ name: p.name, party: p.party })),
    requesterParties: parties.filter((p) => p.requestId === r.id && p.role === 'requester').map((p) => p.party),
    supporterParties: parties.filter((p) => p.requestId === r.id && p.role === 'supporter').map((p) => p.party),
    addressees: addressees.filter((a) => a.requestId === r.id).map((a) => a.ministry),
    links: links
      .filter((l) => l.requestId === r.id)
      .map((l) => {
        const m = mirrored.get(`${l.kind}|${l.target}`);
        return {
          kind: l.kind,
          target: l.target,
          title: m?.title ?? l.title,
          date: m?.date ?? l.date,
          state: l.state,
          mirrored: m !== undefined,
          nummer: m?.nummer ?? null,
          activityStatus: m?.status ?? null,
        };
      }),
  }));
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    out.set(`activiteit|${a.id}`, {
      title: a.soort ? `${a.soort}: ${a.onderwerp}` : a.onderwerp,
      date: a.datum ? amsterdamDate(a.datum) : null,
      nummer: a.nummer,
      status: a.status,
    });
  }
  for (const d of docs) {
    const title = d.onderwerp ?? d.titel;
    if (!title) continue;
    out.set(`document|${d.id}`, { title, date: d.datum ? amsterdamDate(d.datum) : null, nummer: d.nummer, status: null });
  }
  // Targets were stored as given; look them up case-insensitively.
  for (const l of links) {
    const hit = out.get(`${l.kind}|${l.target.toLowerCase()}`);
    if (hit) out.set(`${l.kind}|${l.target}`, hit);
  }
  return out;
}
