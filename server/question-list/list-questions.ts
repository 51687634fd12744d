// The filtered, sorted, paginated list of question sets. Filters run on the materialized status
// (question_status, which carries copies of each set's topics, parties, askers and ministries);
// one count, one page, then what the page shows of just those sets (page-details.ts).
import { and, asc, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { type Db, pgArray, resultRows } from '../db/client.ts';
import { questionAskers, questionSearch, questionStatus, topics } from '../db/schema/index.ts';
import type { QuestionStatus } from '../db/schema/index.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { parseSearch, type SearchQuery } from '../search/query.ts';
import type { Snippet } from '../search/snippet.ts';
import { type ListFilters, PAGE_SIZE, statusesOf } from './filters.ts';
import { pageDetails } from './page-details.ts';

export interface QuestionListRow {
  zaakId: string;
  nummer: string;
  title: string;
  submittedOn: string | null;
  dueOn: string | null;
  /** The due date that applies now: the extended one after a delay notice. */
  applicableDueOn: string | null;
  status: QuestionStatus;
  daysOpen: number | null;
  daysOverdue: number;
  answeredOn: string | null;
  delayed: boolean;
  statusAsOf: Date;
  askers: { name: string; party: string | null; role: string }[];
  ministries: string[];
  /** With a search: the passage that matched, words marked; null for a hit by number or without a search. */
  snippet: Snippet | null;
}

export interface QuestionList {
  rows: QuestionListRow[];
  /** How many sets match; with `totalCapped`, SEARCH_COUNT_CAP (more match). */
  total: number;
  /** A word search matched more sets than it counts (SEARCH_COUNT_CAP). */
  totalCapped: boolean;
  page: number;
  pages: number;
}

/**
 * A word search counts its hits up to here: a common word is in half of all sets, and each hit
 * counted is read from the index table and looked up in question_status (and a phrase's tested
 * against its big vector). Counting 1,000 took 25 ms at 100,000 sets, most of a search's time
 * (test/bench/search.ts); counting 250 takes 6, within a topic 3. "Meer dan 250" and the first
 * 10 pages of the ranked hits, hits in the title first; a narrower search (a filter, a second
 * word) counts exactly.
 */
export const SEARCH_COUNT_CAP = 250;

/** The search condition: a direct hit by zaak or document number, or the stems in the index. */
function searchCondition(search: SearchQuery): SQL {
  if (search.numbers.length > 0) {
    const numbers = pgArray(search.numbers);
    return sql`${questionStatus.zaakId} in (
      select z.id from zaken z where z.nummer = any(${numbers}::text[])
      union select dz.zaak_id from document_zaken dz join documents d on d.id = dz.document_id where d.document_nummer = any(${numbers}::text[]))`;
  }
  return sql`${questionSearch.vector} @@ ${search.tsquery}::tsquery`;
}

/** A word search and its topic on the search index alone (its GIN indexes and its copy of the topics). */
function onIndex(search: SearchQuery, topicId: number | null): SQL[] {
  const on = [searchCondition(search)];
  if (topicId !== null) on.push(onTopic(questionSearch.topicIds, topicId));
  return on;
}

/** A topic filter on a table's copy of the set's topics (question_status or question_search). */
function onTopic(column: AnyPgColumn, topicId: number): SQL {
  // Inlined (an integer from the database), so the planner estimates the topic's share from the
  // column's statistics: as a parameter it is planned as any topic, and a topic holding a tenth
  // of all sets then gets the plan of a rare one.
  return sql`${column} @> ${sql.raw(`'{${Math.trunc(topicId)}}'`)}::integer[]`;
}

/**
 * The list's conditions on question_status, but for the topic and the search: the askers'
 * parties and members and the ministries are copied onto each status row
 * (migrations/0018_question_status_filters.sql), so each filter is a GIN probe and a count reads
 * one table.
 */
function statusConditions(db: Db, f: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(inArray(questionStatus.status, [...statusesOf(f.status)]));
  if (f.from) where.push(gte(questionStatus.submittedOn, f.from));
  if (f.to) where.push(lte(questionStatus.submittedOn, f.to));
  if (f.party && f.member) {
    // Both: the member asked as a member of this party (the same asker), as the copies cannot say.
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(questionAskers)
          .where(and(eq(questionAskers.zaakId, questionStatus.zaakId), eq(questionAskers.party, f.party), eq(questionAskers.persoonId, f.member))),
      ),
    );
  } else if (f.party) {
    where.push(sql`${questionStatus.parties} @> array[${f.party}]::text[]`);
  } else if (f.member) {
    where.push(sql`${questionStatus.askerIds} @> array[${f.member}]::uuid[]`);
  }
  if (f.ministry) where.push(sql`${questionStatus.ministries} @> array[${f.ministry}]::text[]`);
  return where;
}

/** The filters, resolved: the conditions on the status rows, the topic's id (looked up once) and the search. */
interface ListWhere {
  status: SQL[];
  topicId: number | null;
  search: SearchQuery | null;
}

/** Every condition, the topic on question_status: for the count without words and for the page. */
function allConditions({ status, topicId, search }: ListWhere): SQL | undefined {
  const all = [...status];
  if (topicId !== null) all.push(onTopic(questionStatus.topicIds, topicId));
  if (search) all.push(searchCondition(search));
  return and(...all);
}

/** The conditions of a word search on the search index's rows; the status rows' as a subquery. */
function indexConditions(where: ListWhere): SQL | undefined {
  if (!where.search) return undefined;
  const on = onIndex(where.search, where.topicId);
  if (where.status.length > 0) {
    on.push(sql`exists (select 1 from ${questionStatus} where ${questionStatus.zaakId} = ${questionSearch.zaakId} and ${and(...where.status)})`);
  }
  return and(...on);
}

/** The filters as SQL, or null when they cannot match (a search for nothing, an unknown topic). */
async function listFilterSql(db: Db, f: ListFilters, search: SearchQuery | null): Promise<ListWhere | null> {
  if (searchesNothing(search)) return null;
  let topicId: number | null = null;
  if (f.topic) {
    const [topic] = await db.select({ id: topics.id }).from(topics).where(eq(topics.slug, f.topic));
    if (!topic) return null;
    topicId = topic.id;
  }
  return { status: statusConditions(db, f), topicId, search };
}

/**
 * The list's order. `fromIndex` false writes each key so no index can supply the order (`x + 0`,
 * `x || ''`): the planner then finds the rows by the filters' indexes and sorts them (see
 * SORT_FEW). Without it, for a LIMIT it may walk an order index and test every row against the
 * filters, which is quick when many match but reads all 100,000 rows when, against its estimate,
 * almost none do (a topic without a late answer, sorted by due date).
 */
function ordering(f: ListFilters, fromIndex = true) {
  const key = (column: SQL | AnyPgColumn) => (fromIndex ? column : sql`${column} + 0`);
  const nummer = fromIndex ? questionStatus.nummer : sql`${questionStatus.nummer} || ''`;
  switch (f.sort) {
    case 'relevantie':
      // With a word search, listQuestions ranks in two steps (pageRows); this is the second for a
      // common word, whose hits are read in the date index's order.
      return [desc(key(questionStatus.submittedOn)), desc(nummer)];
    case 'termijn':
      return [asc(key(sql`coalesce(case when ${questionStatus.delayNoticeAt} is not null then ${questionStatus.extendedDueOn} end, ${questionStatus.dueOn})`)), asc(nummer)];
    case 'te-laat':
      return [desc(key(questionStatus.daysOverdue)), desc(key(questionStatus.submittedOn)), desc(nummer)];
    default:
      return [desc(key(questionStatus.submittedOn)), desc(nummer)];
  }
}

/** Up to this many matching sets, a page is sorted from the matches rather than read in index order. */
const SORT_FEW = 2_000;

/** An empty list: a search with nothing to search for ('de', '-lek', punctuation), an unknown topic. */
const NOTHING: QuestionList = { rows: [], total: 0, totalCapped: false, page: 1, pages: 1 };

const searchOf = (f: ListFilters): SearchQuery | null => (f.text ? parseSearch(f.text) : null);
const searchesNothing = (search: SearchQuery | null) => search !== null && !search.tsquery && search.numbers.length === 0;

/** How many sets the list with these filters holds (its "N sets vragen gevonden"). */
export async function countQuestions(db: Db, f: ListFilters): Promise<number> {
  const search = searchOf(f);
  const where = await listFilterSql(db, f, search);
  return where === null ? 0 : (await countWhere(db, where)).total;
}

interface Counted {
  total: number;
  totalCapped: boolean;
  /** A word search that read all its hits: the sets it found. */
  hitIds?: string[];
  /** A phrase read past `sortFew` hits: more match than the planner expected. */
  pastSortFew?: boolean;
}

/**
 * `sortFew`, given when a page follows: a phrase the planner expects to find few sets of is
 * counted up to it, so the page is sorted among its hits.
 */
async function countWhere(db: Db, where: ListWhere, sortFew?: number): Promise<Counted> {
  // question_status alone: it holds a row only for a written-question set (see
  // server/derivation/pending-sets.ts), so the count needs neither zaken nor, for a topic,
  // topic_matches. A number is looked up directly; a word search's count stops past
  // SEARCH_COUNT_CAP.
  const { search } = where;
  if (search === null || search.numbers.length > 0) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(questionStatus).where(allConditions(where));
    return { total: row?.n ?? 0, totalCapped: false };
  }
  // The hits first, on the search index alone: the words and the topic through its GIN index.
  // Joined to the status rows first, PostgreSQL walks a topic's rows and tests each set's vector,
  // read from out of line (TOAST) for every candidate: 10 to 50 µs a set, most of a search's time
  // in a topic (test/bench/search.ts). Materialized, the hits are planned as if all were read (the
  // bitmap scans), and still read only until the LIMIT is met.
  const onStatus = where.status.length > 0 ? and(...where.status) : sql`true`;
  // A phrase's candidates are each tested against their big vector, here and again by the page
  // (which sorts all the hits when there are few): when the planner expects few, they are all
  // read here, once, up to sortFew. Otherwise the count stops past the cap.
  const wide = sortFew !== undefined && search.phrase && (await estimatedHits(db, search.tsquery!)) <= sortFew;
  const limit = wide ? sortFew + 1 : SEARCH_COUNT_CAP + 1;
  // The hits themselves rather than their number: below the cap, the page is then read from
  // these ids, without testing every set's index row against the words a second time.
  const hits = resultRows<{ id: string }>(
    await db.execute(sql`
      with hits as materialized (select ${questionSearch.zaakId} as id from ${questionSearch} where ${and(...onIndex(search, where.topicId))})
      select hits.id::text as id from hits join ${questionStatus} on ${questionStatus.zaakId} = hits.id
      where ${onStatus}
      limit ${limit}`),
  );
  if (hits.length <= SEARCH_COUNT_CAP) return { total: hits.length, totalCapped: false, hitIds: hits.map((h) => h.id) };
  // Past the cap, the hits are still worth having when there are few: the page is then sorted
  // among them instead of testing the candidates against the words again.
  if (hits.length < limit) return { total: SEARCH_COUNT_CAP, totalCapped: true, hitIds: hits.map((h) => h.id) };
  return { total: SEARCH_COUNT_CAP, totalCapped: true, pastSortFew: wide };
}

/**
 * Whether the page is read in an order index's order (many match: it stops after a page) or
 * sorted from the matches (few: walking the index would test thousands of rows for them).
 */
async function readsInIndexOrder(db: Db, counted: Counted, search: SearchQuery | null, sortFew: number): Promise<boolean> {
  if (counted.hitIds) return counted.hitIds.length > sortFew;
  if (counted.pastSortFew) return true;
  // A capped count says only that more than SEARCH_COUNT_CAP match: how many more, the
  // planner's estimate of the words' hits says (see estimatedHits).
  if (counted.totalCapped && search?.tsquery) return (await estimatedHits(db, search.tsquery)) > sortFew;
  return counted.total > sortFew;
}

/**
 * How many sets the planner expects a word search to find in the whole index, from the column's
 * statistics (the most common lexemes and their frequencies; a rarer word gets a small default).
 * A plan estimate costs a planning, not a scan: counting a common word's hits is what
 * SEARCH_COUNT_CAP avoids. Close for a common word (45,967 for 45,705 at 100,000 sets), low for a
 * rare one, which is the distinction the page needs: walking the date index stops after a page
 * of a common word's hits, and reads thousands of rows for a rare word's few.
 */
async function estimatedHits(db: Db, tsquery: string): Promise<number> {
  let known = estimates.get(db);
  if (!known) estimates.set(db, (known = new Map()));
  const held = known.get(tsquery);
  if (held && performance.now() - held.at < ESTIMATE_TTL_MS) return held.hits;
  const hits = await planRows(db, tsquery);
  if (known.size >= ESTIMATES_KEPT) known.delete(known.keys().next().value!);
  known.set(tsquery, { hits, at: performance.now() });
  return hits;
}

/**
 * The estimates of recent searches, per database. An estimate changes only when the table is
 * analyzed, and only decides how a page is read, never what it holds (the same page either way:
 * test/search/order-copy.test.ts), so a stale one costs at most a slower page; kept, it spares a
 * capped search a round trip to PostgreSQL.
 */
const estimates = new WeakMap<Db, Map<string, { hits: number; at: number }>>();
const ESTIMATE_TTL_MS = 10 * 60_000;
const ESTIMATES_KEPT = 1_000;

async function planRows(db: Db, tsquery: string): Promise<number> {
  const [row] = resultRows<{ 'QUERY PLAN': unknown }>(
    await db.execute(sql`explain (format json) select 1 from ${questionSearch} where ${questionSearch.vector} @@ ${tsquery}::tsquery`),
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
  return Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** `sortFew`: SORT_FEW, set by tests to read a small list either way. */
export async function listQuestions(db: Db, f: ListFilters, pageSize = PAGE_SIZE, sortFew = SORT_FEW): Promise<QuestionList> {
  const search = searchOf(f);
  const where = await listFilterSql(db, f, search);
  if (where === null) return NOTHING;
  const joinIndex = search !== null && search.numbers.length === 0;
  // A new builder per query: a dynamic builder is changed in place by innerJoin(). The page is
  // chosen on question_status alone and its titles read after: joined before the LIMIT, zaken is
  // probed for every row that matches (10,000 for a topic) when the planner sorts them.
  const selected = () => db
    .select({
      zaakId: questionStatus.zaakId,
      submittedOn: questionStatus.submittedOn,
      dueOn: questionStatus.dueOn,
      extendedDueOn: questionStatus.extendedDueOn,
      delayNoticeAt: questionStatus.delayNoticeAt,
      status: questionStatus.status,
      daysOpen: questionStatus.daysOpen,
      daysOverdue: questionStatus.daysOverdue,
      answeredOn: questionStatus.answeredOn,
      statusAsOf: questionStatus.statusAsOf,
    })
    .from(questionStatus)
    .$dynamic();
  const query = () => {
    const q = selected();
    return joinIndex ? q.innerJoin(questionSearch, eq(questionSearch.zaakId, questionStatus.zaakId)) : q;
  };
  type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
  /**
   * `among`: the page's conditions, the filters or the hits an exact count found; `amongIndex`:
   * the same on the search index's rows; `amongTitled`: the same for the hits in the title.
   */
  const pageRows = async (among: SQL | undefined, amongIndex: SQL | undefined, amongTitled: SQL | undefined, page: number, fromIndex: boolean): Promise<Row[]> => {
    const offset = (page - 1) * pageSize;
    if (joinIndex && f.sort === 'relevantie' && search.tsquery) {
      // Ranked: the hits in the title or subject first, by ts_rank on the small title vector (few,
      // through its own GIN index), then the other hits, newest first. Each step is its own query
      // with its own LIMIT, so PostgreSQL can walk the submission-date index for a common word
      // (stopping after a page of hits) or the GIN index for a rare one; ranking every hit of a
      // word found in half the sets would read all their texts.
      const inTitle = sql`${questionSearch.titleVector} @@ ${search.tsquery}::tsquery`;
      const need = offset + pageSize;
      const titled = await query()
        .where(and(amongTitled, inTitle))
        .orderBy(desc(sql`ts_rank(${questionSearch.titleVector}, ${search.tsquery}::tsquery)`), desc(questionStatus.submittedOn), desc(questionStatus.nummer))
        .limit(need);
      const notInTitle = sql`not (${inTitle})`;
      const restOfPage = async (limit: number): Promise<Row[]> => {
        if (fromIndex) return query().where(and(among, notInTitle)).orderBy(...ordering(f)).limit(limit);
        // A rare word's hits are sorted on the index's copy of the order
        // (migrations/0020_search_order_keys.sql), and only a page of them is looked up in
        // question_status: sorted there, each of a few thousand hits would be. The LIMIT in the
        // subquery keeps PostgreSQL from joining first.
        const sorted = db
          .select({ id: questionSearch.zaakId, submittedOn: questionSearch.submittedOn, nummer: questionSearch.nummer })
          .from(questionSearch)
          .where(and(amongIndex, notInTitle))
          .orderBy(desc(questionSearch.submittedOn), desc(questionSearch.nummer))
          .limit(limit)
          .as('sorted');
        return selected().innerJoin(sorted, eq(sorted.id, questionStatus.zaakId)).orderBy(desc(sorted.submittedOn), desc(sorted.nummer));
      };
      const rest = titled.length < need ? await restOfPage(need - titled.length) : [];
      return [...titled, ...rest].slice(offset, need);
    }
    return query().where(among).orderBy(...ordering(f, fromIndex)).limit(pageSize).offset(offset);
  };
  // The count first: how many match decides how the page is read (SORT_FEW).
  const counted = await countWhere(db, where, sortFew);
  const { total, totalCapped, hitIds } = counted;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const many = await readsInIndexOrder(db, counted, search, sortFew);
  // Counted with its hits, a word search's hits are known: the page is chosen among them.
  const among = hitIds ? sql`${questionStatus.zaakId} = any(${pgArray(hitIds)}::uuid[])` : allConditions(where);
  const amongIndex = hitIds ? sql`${questionSearch.zaakId} = any(${pgArray(hitIds)}::uuid[])` : indexConditions(where);
  // The vector begins with the title and subject as the title vector holds them (same words, same
  // positions: server/search/index-sets.ts), so a title that matches a query without exclusions
  // means the set matches: the hits in the title are found without testing the big vectors,
  // which a phrase ('Z-CERT') would read from out of line for every candidate.
  const amongTitled = hitIds || search?.excludes ? among : allConditions({ ...where, search: null });
  const base = await pageRows(among, amongIndex, amongTitled, page, many);
  const details = await pageDetails(db, base.map((r) => r.zaakId), search?.lexemes ?? []);
  const rows = base.map((r) => {
    const d = details.get(r.zaakId);
    return {
      zaakId: r.zaakId,
      nummer: d?.nummer ?? '',
      title: d?.title ?? '',
      submittedOn: r.submittedOn,
      dueOn: r.dueOn,
      applicableDueOn: r.delayNoticeAt ? r.extendedDueOn : r.dueOn,
      status: r.status,
      daysOpen: r.daysOpen,
      daysOverdue: r.daysOverdue,
      answeredOn: r.answeredOn,
      delayed: r.delayNoticeAt !== null,
      statusAsOf: r.statusAsOf,
      askers: d?.askers ?? [],
      ministries: d?.ministries ?? [],
      snippet: d?.snippet ?? null,
    };
  });
  return { rows, total, totalCapped, page, pages };
}
