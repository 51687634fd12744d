import { asc, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Db, resultRows } from '../db/client.ts';
import { questionAddressees, questionAskers, topics } from '../db/schema/index.ts';

export interface FilterOptions {
  topics: { slug: string; name: string; isDefault: boolean }[];
  parties: string[];
  ministries: string[];
}

/**
 * The distinct non-null values of an indexed column, in order, by a loose index scan: one index
 * probe per value instead of reading every row. PostgreSQL (before 18) has no skip scan, so a
 * plain DISTINCT reads the whole askers table (150,000 rows at 100,000 sets; tens of ms) on
 * every /vragen render; the few parties and ministries take a millisecond this way. Needs an
 * index that leads with the column (question_askers_party_idx, question_addressees_ministry_idx).
 */
async function distinctValues(db: Db, table: PgTable, column: AnyPgColumn): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive v(value) as (
      (select ${column} from ${table} where ${column} is not null order by ${column} limit 1)
      union all
      select (select ${column} from ${table} where ${column} > v.value order by ${column} limit 1) from v where v.value is not null
    )
    select value from v where value is not null`);
  return resultRows<{ value: string }>(result).map((r) => r.value);
}

/** The choices the filter form offers: only values that occur in the data. */
export async function filterOptions(db: Db): Promise<FilterOptions> {
  const [topicRows, parties, ministries] = await Promise.all([
    db.select({ slug: topics.slug, name: topics.name, isDefault: topics.isDefault }).from(topics).orderBy(asc(topics.name)),
    distinctValues(db, questionAskers, questionAskers.party),
    distinctValues(db, questionAddressees, questionAddressees.ministry),
  ]);
  return { topics: topicRows, parties, ministries };
}

export async function defaultTopicSlug(db: Db): Promise<string | null> {
  const [row] = await db.select({ slug: topics.slug }).from(topics).where(sql`${topics.isDefault}`).limit(1);
  return row?.slug ?? null;
}
