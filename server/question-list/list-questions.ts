// The filtered, sorted, paginated list of question sets. Filters run on the materialized status
// (question_status) and the indexed askers/addressees/topic tables; one count, one page, then
// the askers and addressees of just that page.
import { and, asc, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { questionAddressees, questionAskers, questionStatus, topicMatches, topics, zaken } from '../db/schema/index.ts';
import type { QuestionStatus } from '../db/schema/index.ts';
import { QUESTION_ZAAK_SOORT } from '../questions/documents.ts';
import { type ListFilters, PAGE_SIZE, statusesOf } from './filters.ts';

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
}

export interface QuestionList {
  rows: QuestionListRow[];
  total: number;
  page: number;
  pages: number;
}

/** Dutch full-text search over title and subject; the same expression as the GIN index. */
const ZAAK_SEARCH_VECTOR = sql`to_tsvector('dutch', coalesce(${zaken.titel}, '') || ' ' || coalesce(${zaken.onderwerp}, ''))`;

function conditions(db: Db, f: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(inArray(questionStatus.status, [...statusesOf(f.status)]));
  if (f.from) where.push(gte(questionStatus.submittedOn, f.from));
  if (f.to) where.push(lte(questionStatus.submittedOn, f.to));
  if (f.topic) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(topicMatches)
          .innerJoin(topics, eq(topics.id, topicMatches.topicId))
          .where(and(eq(topicMatches.zaakId, questionStatus.zaakId), eq(topics.slug, f.topic))),
      ),
    );
  }
  if (f.party || f.member) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(questionAskers)
          .where(
            and(
              eq(questionAskers.zaakId, questionStatus.zaakId),
              f.party ? eq(questionAskers.party, f.party) : undefined,
              f.member ? eq(questionAskers.persoonId, f.member) : undefined,
            ),
          ),
      ),
    );
  }
  if (f.ministry) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(questionAddressees)
          .where(and(eq(questionAddressees.zaakId, questionStatus.zaakId), eq(questionAddressees.ministry, f.ministry))),
      ),
    );
  }
  if (f.text) where.push(sql`${ZAAK_SEARCH_VECTOR} @@ websearch_to_tsquery('dutch', ${f.text})`);
  return where;
}

function ordering(f: ListFilters) {
  switch (f.sort) {
    case 'termijn':
      return [asc(sql`coalesce(case when ${questionStatus.delayNoticeAt} is not null then ${questionStatus.extendedDueOn} end, ${questionStatus.dueOn})`), asc(zaken.nummer)];
    case 'te-laat':
      return [desc(questionStatus.daysOverdue), desc(questionStatus.submittedOn), desc(zaken.nummer)];
    default:
      return [desc(questionStatus.submittedOn), desc(zaken.nummer)];
  }
}

/** How many sets the list with these filters holds (its "N sets vragen gevonden"). */
export async function countQuestions(db: Db, f: ListFilters): Promise<number> {
  const [countRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(questionStatus)
    .innerJoin(zaken, eq(zaken.id, questionStatus.zaakId))
    .where(and(eq(zaken.soort, QUESTION_ZAAK_SOORT), ...conditions(db, f)));
  return countRow?.n ?? 0;
}

export async function listQuestions(db: Db, f: ListFilters, pageSize = PAGE_SIZE): Promise<QuestionList> {
  const where = and(eq(zaken.soort, QUESTION_ZAAK_SOORT), ...conditions(db, f));
  const total = await countQuestions(db, f);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pages);
  const base = await db
    .select({
      zaakId: questionStatus.zaakId,
      nummer: zaken.nummer,
      titel: zaken.titel,
      onderwerp: zaken.onderwerp,
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
    .innerJoin(zaken, eq(zaken.id, questionStatus.zaakId))
    .where(where)
    .orderBy(...ordering(f))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = base.map((r) => r.zaakId);
  const [askers, addressees] = ids.length
    ? await Promise.all([
        db.select().from(questionAskers).where(inArray(questionAskers.zaakId, ids)).orderBy(asc(questionAskers.role), asc(questionAskers.name)),
        db.select().from(questionAddressees).where(inArray(questionAddressees.zaakId, ids)),
      ])
    : [[], []];
  const rows = base.map((r) => ({
    zaakId: r.zaakId,
    nummer: r.nummer ?? '',
    // For written questions the onderwerp is the real subject; titel is often a dossier title.
    title: r.onderwerp ?? r.titel ?? '',
    submittedOn: r.submittedOn,
    dueOn: r.dueOn,
    applicableDueOn: r.delayNoticeAt ? r.extendedDueOn : r.dueOn,
    status: r.status,
    daysOpen: r.daysOpen,
    daysOverdue: r.daysOverdue,
    answeredOn: r.answeredOn,
    delayed: r.delayNoticeAt !== null,
    statusAsOf: r.statusAsOf,
    askers: askers
      .filter((a) => a.zaakId === r.zaakId)
      .map((a) => ({ name: a.name ?? '', party: a.party, role: a.role })),
    ministries: [...new Set(addressees.filter((a) => a.zaakId === r.zaakId && a.ministry).map((a) => a.ministry as string))],
  }));
  return { rows, total, page, pages };
}
