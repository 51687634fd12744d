// Staff decisions on a promise and its links: confirm or reject a (suggested) link, record an
// outcome by hand. Each decision is kept (the link's state with who decided and when; the
// promise's decided_status), the promise is re-evaluated at once (server/promises/evaluate.ts)
// and the events that records are fanned out, all in one transaction. Every function returns
// before/after for the audit log.
import { and, eq } from 'drizzle-orm';
import { fanOutPromiseEvents } from '../alerts/promise-fanout.ts';
import type { Db, Tx } from '../db/client.ts';
import { DECIDED_STATUSES, type DecidedStatus, requestLinks, requests, type RequestStatus } from '../db/schema/index.ts';
import { evaluatePromises } from '../promises/evaluate.ts';

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

export interface DecisionOptions {
  /** Who decided (a staff e-mail address), kept on the link or the promise. */
  by?: string | null;
  cutoffDays?: number;
}

class RequestNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'RequestNotFoundError';
  }
}

/** What staff can set: an outcome, or `open` to withdraw an earlier decision. */
export const STAFF_STATUSES = ['open', ...DECIDED_STATUSES] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

async function lockRequest(tx: Tx, requestId: number): Promise<RequestStatus> {
  const [row] = await tx.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId)).for('update');
  if (!row) throw new RequestNotFoundError(`Request ${requestId}`);
  return row.status;
}

/** Re-evaluates one promise in the caller's transaction and fans out what that records. */
async function reevaluate(tx: Tx, requestId: number, before: RequestStatus, now: Date, options: DecisionOptions): Promise<StatusChange> {
  const evaluation = await evaluatePromises(tx, now, { ids: [requestId] });
  await fanOutPromiseEvents(tx, now, { eventIds: evaluation.eventIds, cutoffDays: options.cutoffDays });
  const [row] = await tx.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId));
  return { requestId, before, after: row?.status ?? before };
}

/** Re-derives one promise's status (decisions, register, links, deadline) as of `now`. */
export async function refreshRequestStatus(db: Db, requestId: number, now: Date, options: DecisionOptions = {}): Promise<StatusChange> {
  return db.transaction(async (tx) => reevaluate(tx, requestId, await lockRequest(tx, requestId), now, options));
}

async function decide(db: Db, linkId: number, state: 'confirmed' | 'rejected', now: Date, options: DecisionOptions): Promise<LinkDecision> {
  return db.transaction(async (tx) => {
    const [link] = await tx.select().from(requestLinks).where(eq(requestLinks.id, linkId)).for('update');
    if (!link) throw new RequestNotFoundError(`Request link ${linkId}`);
    const before = await lockRequest(tx, link.requestId);
    if (link.state !== state) {
      await tx.update(requestLinks).set({ state, decidedBy: options.by ?? null, decidedAt: now, updatedAt: now }).where(eq(requestLinks.id, linkId));
    }
    const status = await reevaluate(tx, link.requestId, before, now, options);
    return { linkId, requestId: link.requestId, kind: link.kind, target: link.target, before: link.state, after: state, status };
  });
}

/** Staff confirm a (suggested) link: the promise becomes scheduled or fulfilled. */
export function confirmRequestLink(db: Db, linkId: number, now: Date, options: DecisionOptions = {}): Promise<LinkDecision> {
  return decide(db, linkId, 'confirmed', now, options);
}

/** Staff reject a link: it stays as 'rejected', so it is never suggested again. */
export function rejectRequestLink(db: Db, linkId: number, now: Date, options: DecisionOptions = {}): Promise<LinkDecision> {
  return decide(db, linkId, 'rejected', now, options);
}

/**
 * Staff record an outcome by hand (fulfilled by something not in the data, declined, lapsed), or
 * withdraw their decision (`open`): the status is then derived again.
 */
export async function setRequestStatus(db: Db, requestId: number, status: StaffStatus, now: Date, options: DecisionOptions = {}): Promise<StatusChange> {
  if (!(STAFF_STATUSES as readonly string[]).includes(status)) throw new RangeError(`Unknown request status: ${String(status)}`);
  return db.transaction(async (tx) => {
    const before = await lockRequest(tx, requestId);
    const decided = status === 'open' ? null : (status as DecidedStatus);
    await tx
      .update(requests)
      .set({ decidedStatus: decided, decidedBy: decided ? (options.by ?? null) : null, decidedAt: decided ? now : null, updatedAt: now })
      .where(and(eq(requests.id, requestId)));
    return reevaluate(tx, requestId, before, now, options);
  });
}
