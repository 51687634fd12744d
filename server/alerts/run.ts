// One run of the alerts job: fan out events left behind (in its own transaction), apply the
// retention schedule, then send what is due. The sync's derivation, the deadlines job and staff
// actions (server/derivation/) fan out in the transaction that records their events, so the catch-up
// normally finds nothing; it is there for events recorded by an older version or by hand.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { deleteEndedRateLimitWindows } from '../rate-limit-store.ts';
import { fanOutEvents, type FanOutResult } from './fanout.ts';
import { fanOutPromiseEvents } from './promise-fanout.ts';
import { unsubscribeAddress } from './links.ts';
import { loadAlertKeys } from './secrets.ts';
import { runSender, type SenderOptions, type SenderResult } from './sender.ts';
import { cleanupSubscriptions, type CleanupResult } from './subscriptions.ts';
import type { MailTransport } from './transport.ts';

export interface AlertsRunResult {
  fanOut: FanOutResult;
  promiseFanOut: FanOutResult;
  cleanup: CleanupResult & { rateLimitWindows: number };
  sender: SenderResult;
}

export async function runAlerts(
  deps: { db: Db; config: Config; transport: MailTransport; log?: FastifyBaseLogger },
  options: SenderOptions,
): Promise<AlertsRunResult> {
  const { db, config } = deps;
  const now = options.now;
  const fanOut = await db.transaction((tx) => fanOutEvents(tx, now, { cutoffDays: config.ALERT_CUTOFF_DAYS }));
  const promiseFanOut = await db.transaction((tx) => fanOutPromiseEvents(tx, now, { cutoffDays: config.ALERT_CUTOFF_DAYS }));
  // The web tier's ended rate-limit windows go with the same every-minute clean-up.
  const cleanup = { ...(await cleanupSubscriptions(db, now, config.ALERT_RETENTION_DAYS)), rateLimitWindows: await deleteEndedRateLimitWindows(db, now) };
  const keys = await loadAlertKeys(db, now);
  const sender = await runSender(
    { db, transport: deps.transport, keys, publicUrl: config.PUBLIC_URL, unsubscribeTo: unsubscribeAddress(config), log: deps.log },
    { concurrency: config.MAIL_CONNECTIONS, ...options },
  );
  return { fanOut, promiseFanOut, cleanup, sender };
}
