import { asc, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { questionAddressees, questionAskers, topics } from '../db/schema/index.ts';

export interface FilterOptions {
  topics: { slug: string; name: string; isDefault: boolean }[];
  parties: string[];
  ministries: string[];
}

/** The choices the filter form offers: only values that occur in the data. */
export async function filterOptions(db: Db): Promise<FilterOptions> {
  const [topicRows, partyRows, ministryRows] = await Promise.all([
    db.select({ slug: topics.slug, name: topics.name, isDefault: topics.isDefault }).from(topics).orderBy(asc(topics.name)),
    db.selectDistinct({ v: questionAskers.party }).from(questionAskers).where(isNotNull(questionAskers.party)).orderBy(asc(questionAskers.party)),
    db
      .selectDistinct({ v: questionAddressees.ministry })
      .from(questionAddressees)
      .where(isNotNull(questionAddressees.ministry))
      .orderBy(asc(questionAddressees.ministry)),
  ]);
  return {
    topics: topicRows,
    parties: partyRows.map((r) => r.v).filter((v): v is string => v !== null),
    ministries: ministryRows.map((r) => r.v).filter((v): v is string => v !== null),
  };
}

export async function defaultTopicSlug(db: Db): Promise<string | null> {
  const [row] = await db.select({ slug: topics.slug }).from(topics).where(sql`${topics.isDefault}`).limit(1);
  return row?.slug ?? null;
}
