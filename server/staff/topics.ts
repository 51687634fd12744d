// Editing a topic's rules and excluded contexts: a preview of which question sets would be added
// and dropped (against the stored matches), and saving, which bumps topics.version and re-runs
// matching so topic_matches is current at once.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents, documentZaken, topicMatches, topics, zaken } from '../db/schema/index.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import { compileTopic, matchText } from '../topics/matcher.ts';
import { rematchTopic } from '../topics/match-zaken.ts';
import { parseRule } from '../topics/rules.ts';
import { type Actor, recordAudit } from './audit.ts';

export type Topic = typeof topics.$inferSelect;

export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export async function listTopics(db: Db): Promise<Topic[]> {
  return db.select().from(topics).orderBy(asc(topics.name));
}

export async function getTopic(db: Db, id: number): Promise<Topic | undefined> {
  const [t] = await db.select().from(topics).where(eq(topics.id, id));
  return t;
}

/** The Dutch error for rules that do not parse, or null. */
export function rulesProblem(terms: string[]): string | null {
  if (terms.length === 0) return 'Vul ten minste één regel in.';
  if (terms.length > 500) return 'Hoogstens 500 regels.';
  for (const [i, line] of terms.entries()) {
    try {
      parseRule(line);
    } catch {
      return `Regel ${i + 1} is leeg of onleesbaar.`;
    }
  }
  return null;
}

interface PreviewItem {
  nummer: string;
  title: string;
  terms: string[];
}

export interface TopicPreview {
  added: PreviewItem[];
  dropped: PreviewItem[];
  kept: number;
}

/** What the edited rules would add to and drop from the topic among existing question sets. */
export async function previewTopic(db: Db, topicId: number, terms: string[], excluded: string[]): Promise<TopicPreview> {
  const compiled = compileTopic(terms, excluded);
  const [sets, docs, current] = await Promise.all([
    db.select({ id: zaken.id, nummer: zaken.nummer, titel: zaken.titel, onderwerp: zaken.onderwerp }).from(zaken).where(eq(zaken.soort, QUESTION_ZAAK_SOORT)),
    db
      .select({ zaakId: documentZaken.zaakId, titel: documents.titel, onderwerp: documents.onderwerp })
      .from(documentZaken)
      .innerJoin(documents, eq(documents.id, documentZaken.documentId))
      .innerJoin(zaken, eq(zaken.id, documentZaken.zaakId))
      .where(eq(zaken.soort, QUESTION_ZAAK_SOORT)),
    db.select({ zaakId: topicMatches.zaakId, terms: topicMatches.matchedTerms }).from(topicMatches).where(eq(topicMatches.topicId, topicId)),
  ]);
  const texts = new Map<string, (string | null)[]>();
  for (const z of sets) texts.set(z.id, [z.titel, z.onderwerp]);
  for (const d of docs) texts.get(d.zaakId)?.push(d.titel, d.onderwerp);
  const now = new Map(current.map((c) => [c.zaakId, c.terms]));
  const out: TopicPreview = { added: [], dropped: [], kept: 0 };
  for (const z of sets) {
    const m = matchText(compiled, texts.get(z.id) ?? []);
    const item = { nummer: z.nummer ?? '', title: z.onderwerp ?? z.titel ?? '' };
    if (m.matched && !now.has(z.id)) out.added.push({ ...item, terms: m.terms });
    else if (!m.matched && now.has(z.id)) out.dropped.push({ ...item, terms: now.get(z.id) ?? [] });
    else if (m.matched) out.kept++;
  }
  out.added.sort((a, b) => b.nummer.localeCompare(a.nummer));
  out.dropped.sort((a, b) => b.nummer.localeCompare(a.nummer));
  return out;
}

/** Saves new rules, bumps the version, re-matches every question set; audited. */
export async function saveTopic(db: Db, actor: Actor, now: Date, topicId: number, terms: string[], excluded: string[]) {
  const before = await getTopic(db, topicId);
  if (!before) throw new Error(`No topic ${topicId}`);
  const [after] = await db
    .update(topics)
    .set({ terms, excluded, version: before.version + 1, updatedAt: now })
    .where(eq(topics.id, topicId))
    .returning();
  await recordAudit(db, actor, now, {
    action: 'topic.update',
    entity: 'topic',
    entityId: topicId,
    before: { terms: before.terms, excluded: before.excluded, version: before.version },
    after: { terms: after!.terms, excluded: after!.excluded, version: after!.version },
  });
  return rematchTopic(db, topicId, now);
}
