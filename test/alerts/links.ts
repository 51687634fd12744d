// The links a subscriber gets by mail (confirm, manage), made directly through the domain
// functions for page tests (browser, HTML validity, routes) that need no SMTP round trip.
import { loadAlertKeys } from '../../server/alerts/secrets.ts';
import { confirmSubscription, manageTokenOf, requestSubscription } from '../../server/alerts/subscriptions.ts';
import type { Db } from '../../server/db/client.ts';

export async function subscriptionLinks(db: Db, now: Date, question: { zaakId: string; nummer: string }): Promise<{ confirmPath: string; managePath: string }> {
  const keys = await loadAlertKeys(db, now);
  const choice = (email: string) => ({
    email,
    filter: { kind: 'question' as const, value: question.zaakId, label: question.nummer },
    events: ['answered' as const, 'overdue' as const],
    frequency: 'immediate' as const,
  });
  const pending = await requestSubscription(db, keys, choice('nog-bevestigen@example.nl'), now);
  const toConfirm = await requestSubscription(db, keys, choice('bevestigd@example.nl'), now);
  if (pending.mail !== 'confirm' || toConfirm.mail !== 'confirm') throw new Error('expected confirmation mails');
  const active = await confirmSubscription(db, toConfirm.confirmToken, now);
  if (!active) throw new Error('not confirmed');
  return { confirmPath: `/abonneren/bevestigen/${pending.confirmToken}`, managePath: `/abonnement/${manageTokenOf(keys, active)}` };
}
