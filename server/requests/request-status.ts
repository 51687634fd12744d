// The status of a briefing or letter request, and the staff decisions that drive it. A confirmed
// link to an activity still to come makes a request 'scheduled'; one to an activity that has
// taken place, or to a letter or Kamerstuk, makes it 'fulfilled'. 'declined' and 'lapsed' are
// staff decisions that links never override. Every function returns before/after for the audit log.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { activiteiten, REQUEST_STATUSES, requestLinks, requests, type RequestStatus } from '../db/schema/index.ts';
import { amsterdamDate } from '../calendar.ts';

type LinkState = 'suggested' | 'confirmed' | 'rejected';

export interface StatusChange {
  requestId: number;
  before: RequestStatus;
  after: RequestStatus;
}

export interface LinkDecision {
  linkId: number;
  requestId: number;
  kind: string;
  target: string;
  before: LinkState;
  after: LinkState;
  status: StatusChange;
}

class RequestNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'RequestNotFoundError';
  }
}

/** Statuses staff set that a link never overrides. */
const STAFF_FINAL: RequestStatus[] = ['declined', 'lapsed'];

interface ConfirmedLink {
  kind: string;
  target: string;
  date: string | null;
}

/**
 * What the confirmed links make of a request as of `now`, or null when they say nothing (no
 * confirmed link, or only cancelled activities).
 */
async function derivedStatus(tx: Tx | Db, links: ConfirmedLink[], now: Date): Promise<RequestStatus | null> {
  if (links.length === 0) return null;
  if (links.some((l) => l.kind !== 'activiteit')) return 'fulfilled';
  const ids = links.map((l) => l.target).filter((t) => /^[0-9a-f-]{36}$/i.test(t));
  const mirrored =
    ids.length === 0
      ? []
      : await tx
          .select({ id: activiteiten.id, datum: activiteiten.datum, aanvangstijd: activiteiten.aanvangstijd, status: activiteiten.status })
          .from(activiteiten)
          .where(inArray(activiteiten.id, ids));
  const today = amsterdamDate(now);
  let scheduled = false;
  for (const l of links) {
    const a = mirrored.find((m) => m.id === l.target);
    if (a?.status === 'Geannuleerd') continue;
    // Past when its start time has passed; with a date only, from the day after.
    const day = a?.datum ? amsterdamDate(a.datum) : l.date;
    const past = a?.aanvangstijd ? a.aanvangstijd <= now : day != null && day < today;
    if (past) return 'fulfilled';
    scheduled = true;
  }
  return scheduled ? 'scheduled' : null;
}

async function lockRequest(tx: Tx, requestId: number): Promise<RequestStatus> {
  const [row] = await tx.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId)).for('update');
  if (!row) throw new RequestNotFoundError(`Request ${requestId}`);
  return row.status;
}

async function refreshIn(tx: Tx, requestId: number, now: Date, unlinked = false): Promise<StatusChange> {
  const before = await lockRequest(tx, requestId);
  const change = { requestId, before, after: before };
  if (STAFF_FINAL.includes(before)) return change;
  const links = await tx
    .select({ kind: requestLinks.kind, target: requestLinks.target, date: requestLinks.date })
    .from(requestLinks)
    .where(and(eq(requestLinks.requestId, requestId), eq(requestLinks.state, 'confirmed')));
  const derived = await derivedStatus(tx, links, now);
  // Without a confirmed link the status stays what staff made it, unless the link it rested on
  // was just withdrawn: then the request is open again.
  const after = derived ?? (unlinked && (before === 'scheduled' || before === 'fulfilled') ? 'requested' : before);
  if (after !== before) {
    await tx.update(requests).set({ status: after, updatedAt: now }).where(eq(requests.id, requestId));
    change.after = after;
  }
  return change;
}

/** Re-derives one request's status from its confirmed links (declined/lapsed stay). */
export async function refreshRequestStatus(db: Db, requestId: number, now: Date): Promise<StatusChange> {
  return db.transaction((tx) => refreshIn(tx, requestId, now));
}

/**
 * For the deadlines job: scheduled requests whose briefing has since taken place become
 * fulfilled. Only requests with a confirmed link are looked at.
 */
export async function refreshRequestStatuses(db: Db, now: Date): Promise<StatusChange[]> {
  const rows = await db
    .selectDistinct({ id: requests.id })
    .from(requests)
    .innerJoin(requestLinks, and(eq(requestLinks.requestId, requests.id), eq(requestLinks.state, 'confirmed')))
    .where(inArray(requests.status, ['requested', 'scheduled']));
  const changes: StatusChange[] = [];
  for (const r of rows) {
    const c = await refreshRequestStatus(db, r.id, now);
    if (c.after !== c.before) changes.push(c);
  }
  return changes;
}

async function decide(db: Db, linkId: number, state: 'confirmed' | 'rejected', now: Date): Promise<LinkDecision> {
  return db.transaction(async (tx) => {
    const [link] = await tx.select().from(requestLinks).where(eq(requestLinks.id, linkId)).for('update');
    if (!link) throw new RequestNotFoundError(`Request link ${linkId}`);
    if (link.state !== state) {
      await tx.update(requestLinks).set({ state, updatedAt: now }).where(eq(requestLinks.id, linkId));
    }
    const status = await refreshIn(tx, link.requestId, now, link.state === 'confirmed' && state !== 'confirmed');
    return { linkId, requestId: link.requestId, kind: link.kind, target: link.target, before: link.state, after: state, status };
  });
}

/** Staff confirm a (suggested) link: the request becomes scheduled or fulfilled. */
export function confirmRequestLink(db: Db, linkId: number, now: Date): Promise<LinkDecision> {
  return decide(db, linkId, 'confirmed', now);
}

/** Staff reject a link: it stays as 'rejected', so it is never suggested again. */
export function rejectRequestLink(db: Db, linkId: number, now: Date): Promise<LinkDecision> {
  return decide(db, linkId, 'rejected', now);
}

/** Staff set a status by hand (e.g. declined, lapsed, or fulfilled by something not in the data). */
export async function setRequestStatus(db: Db, requestId: number, status: RequestStatus, now: Date): Promise<StatusChange> {
  if (!REQUEST_STATUSES.includes(status)) throw new RangeError(`Unknown request status: ${String(status)}`);
  return db.transaction(async (tx) => {
    const before = await lockRequest(tx, requestId);
    if (before !== status) {
      await tx
        .update(requests)
        .set({ status, updatedAt: now })
        .where(and(eq(requests.id, requestId), ne(requests.status, status)));
    }
    return { requestId, before, after: status };
  });
}
