// Rows for the alert tests: confirmed subscribers and question events, inserted directly.
import { randomBytes } from 'node:crypto';
import { alertSubscriptions, questionEvents, type AlertEventChoice, type AlertFilterKind } from '../../server/db/schema/index.ts';
import type { Db } from '../../server/db/client.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { loadAlertKeys } from '../../server/alerts/secrets.ts';
import { addressHash, deriveManageToken, sha256Hex } from '../../server/alerts/tokens.ts';
import { createMailTransport, type MailTransport } from '../../server/alerts/transport.ts';

export const T0 = new Date('2025-11-24T10:00:00+01:00');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export async function addSubscribers(
  db: Db,
  n: number,
  opts: { kind: AlertFilterKind; value: string; events?: AlertEventChoice[]; frequency?: 'immediate' | 'digest'; confirmedAt?: Date; prefix?: string },
): Promise<number[]> {
  const keys = await loadAlertKeys(db, T0);
  const rows = Array.from({ length: n }, (_, i) => {
    const email = `${opts.prefix ?? 'abonnee'}${i}@example.nl`;
    const seed = randomBytes(16).toString('base64url');
    return {
      email,
      addressHash: addressHash(keys.tokenKey, email),
      filterKind: opts.kind,
      filterValue: opts.value,
      filterLabel: opts.value,
      events: opts.events ?? ['answered', 'overdue'],
      frequency: opts.frequency ?? 'immediate',
      state: 'active' as const,
      manageSeed: seed,
      manageTokenHash: sha256Hex(deriveManageToken(keys.tokenKey, seed)),
      consent: {
        method: 'double opt-in' as const,
        form: 'test',
        requestedAt: T0.toISOString(),
        filterDescription: 'test',
        events: [],
        frequency: 'immediate' as const,
        text: '',
        textSha256: '',
      },
      createdAt: opts.confirmedAt ?? new Date(T0.getTime() - 86_400_000),
      confirmedAt: opts.confirmedAt ?? new Date(T0.getTime() - 86_400_000),
      updatedAt: T0,
    };
  });
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const out = await db.insert(alertSubscriptions).values(rows.slice(i, i + 1000)).returning({ id: alertSubscriptions.id });
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

export async function addEvent(
  db: Db,
  e: { zaakId: string; kind: string; occurredAt?: Date; recordedAt?: Date; dedupeKey?: string; details?: Record<string, unknown> },
): Promise<number | null> {
  const [row] = await db
    .insert(questionEvents)
    .values({
      zaakId: e.zaakId,
      kind: e.kind as never,
      occurredAt: e.occurredAt ?? T0,
      recordedAt: e.recordedAt ?? T0,
      source: 'sync',
      details: e.details ?? {},
      dedupeKey: e.dedupeKey ?? `${e.zaakId}:${e.kind}`,
    })
    .onConflictDoNothing()
    .returning({ id: questionEvents.id });
  return row?.id ?? null;
}

export function alertConfig(smtpUrl?: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: 'memory://',
    PUBLIC_URL: 'https://kamerwacht.test',
    MAIL_FROM: 'Kamerwacht <alerts@kamerwacht.test>',
    MAIL_RATE_PER_SECOND: '1000',
    ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
    ...extra,
  });
}

export function testTransport(smtpUrl: string, connections = 1): MailTransport {
  return createMailTransport({ smtpUrl, from: 'Kamerwacht <alerts@kamerwacht.test>', dataDir: 'memory://', ratePerSecond: 1000, connections, timeoutMs: 2000 });
}
