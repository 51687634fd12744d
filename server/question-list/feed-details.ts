// What a feed of the question list says beyond its rows: when each set last had an event (an
// Atom entry's `updated`), and the filters in words (the feed's title).
import { and, eq, inArray, lte, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { personen, questionEvents, topics } from '../db/schema/index.ts';
import { ministryByCode } from '../questions/ministries.ts';
import type { ListFilters, STATUS_GROUPS } from './filters.ts';

/**
 * When the latest event of each set happened in the world (asked, delay notice, answer, a
 * deadline passing), up to `now`: not when statuses were last evaluated, which moves every hour.
 */
export async function latestEventTimes(db: Db, zaakIds: string[], now: Date): Promise<Map<string, Date>> {
  if (zaakIds.length === 0) return new Map();
  const rows = await db
    .select({ zaakId: questionEvents.zaakId, at: max(questionEvents.occurredAt) })
    .from(questionEvents)
    .where(and(inArray(questionEvents.zaakId, zaakIds), lte(questionEvents.occurredAt, now)))
    .groupBy(questionEvents.zaakId);
  return new Map(rows.flatMap((r) => (r.at ? [[r.zaakId, r.at] as const] : [])));
}

const GROUP_LABELS: Record<keyof typeof STATUS_GROUPS, string> = { wacht: 'wacht op antwoord', beantwoord: 'beantwoord' };

/** The filters in words, for a feed's title: "onderwerp Dataveiligheid in de zorg, status te laat". */
export async function filtersInWords(db: Db, f: ListFilters, statusLabels: Record<string, string>): Promise<string[]> {
  const parts: string[] = [];
  if (f.topic) {
    const [t] = await db.select({ name: topics.name }).from(topics).where(eq(topics.slug, f.topic)).limit(1);
    parts.push(`onderwerp ${t?.name ?? f.topic}`);
  }
  if (f.status) parts.push(`status ${(GROUP_LABELS[f.status as keyof typeof GROUP_LABELS] ?? statusLabels[f.status] ?? f.status).toLowerCase()}`);
  if (f.party) parts.push(`fractie ${f.party}`);
  if (f.member) {
    const [p] = await db.select().from(personen).where(eq(personen.id, f.member)).limit(1);
    parts.push(`Kamerlid ${p ? [p.roepnaam ?? p.initialen, p.tussenvoegsel, p.achternaam].filter(Boolean).join(' ') : f.member}`);
  }
  if (f.ministry) parts.push(`ministerie ${ministryByCode(f.ministry)?.name ?? f.ministry}`);
  if (f.from) parts.push(`ingediend vanaf ${f.from}`);
  if (f.to) parts.push(`ingediend tot en met ${f.to}`);
  if (f.text) parts.push(`zoekterm "${f.text}"`);
  return parts;
}
