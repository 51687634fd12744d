import { asc, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Db, resultRows } from '../db/client.ts';
import { personen, questionAddressees, questionAskers, topicMatches, topics } from '../db/schema/index.ts';

export interface FilterOptions {
  topics: { slug: string; name: string; isDefault: boolean }[];
  parties: string[];
  ministries: string[];
  /** Only where the form offers a member filter (the question list). */
  members?: MemberOption[];
}

/**
 * The distinct non-null values of an indexed column, in order, by a loose index scan: one index
 * probe per value instead of reading every row. PostgreSQL (before 18) has no skip scan, so a
 * plain DISTINCT reads the whole askers table (150,000 rows at 100,000 sets; tens of ms) on
 * every /vragen render; the few parties and ministries take a millisecond this way. Needs an
 * index that leads with the column (question_askers_party_idx, question_addressees_ministry_idx).
 */
async function distinctValues(db: Db, table: PgTable, column: AnyPgColumn): Promise<string[]> {
  const result = await db.execute(distinctValuesQuery(table, column));
  return resultRows<{ value: string }>(result).map((r) => r.value);
}

function distinctValuesQuery(table: PgTable, column: AnyPgColumn) {
  return sql`
    with recursive v(value) as (
      (select ${column} from ${table} where ${column} is not null order by ${column} limit 1)
      union all
      select (select ${column} from ${table} where ${column} > v.value order by ${column} limit 1) from v where v.value is not null
    )
    select value from v where value is not null`;
}

export interface MemberOption {
  /** Persoon id, the list's `lid` parameter. */
  value: string;
  /** Index order, surname first, for lists: "Dalen, S. van". */
  label: string;
  /** Reading order, for sentences: "S. van Dalen". */
  name: string;
}

const byDutchLabel = new Intl.Collator('nl', { sensitivity: 'base' });

/**
 * Members who asked (or co-asked) question sets: the member filter's choices. `tracked`: only
 * askers of sets on a followed topic, which keeps the public form short (every member who ever
 * asked a written question would be hundreds of options on every /vragen page) and does not
 * change as the topic filter does; `all`: every asker (staff), by loose index scan. `chosen`, the
 * member filtered on now, is always among them, so a filter set by a link is never hidden.
 */
export async function memberOptions(db: Db, scope: 'tracked' | 'all', chosen: string | null = null): Promise<MemberOption[]> {
  const asked =
    scope === 'tracked'
      ? sql`select distinct qa.persoon_id as id from ${questionAskers} qa
          where qa.persoon_id is not null and exists (select 1 from ${topicMatches} tm where tm.zaak_id = qa.zaak_id)`
      : sql`select value as id from (${distinctValuesQuery(questionAskers, questionAskers.persoonId)}) v`;
  const ids = chosen ? sql`${asked} union select ${chosen}::uuid` : asked;
  const result = await db.execute(sql`
    select ids.id, p.achternaam, p.initialen, p.tussenvoegsel,
      (select qa.name from ${questionAskers} qa where qa.persoon_id = ids.id and qa.name is not null limit 1) as name
    from (${ids}) ids left join ${personen} p on p.id = ids.id`);
  const rows = resultRows<{ id: string; achternaam: string | null; initialen: string | null; tussenvoegsel: string | null; name: string | null }>(result);
  return rows
    .map((r) => ({
      value: r.id,
      label: r.achternaam ? [r.achternaam, [r.initialen, r.tussenvoegsel].filter(Boolean).join(' ')].filter(Boolean).join(', ') : (r.name ?? r.id),
      name: r.name ?? ([r.initialen, r.tussenvoegsel, r.achternaam].filter(Boolean).join(' ') || r.id),
    }))
    .sort((a, b) => byDutchLabel.compare(a.label, b.label));
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
