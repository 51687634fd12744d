// The figures and latest events on the home page, for the default topic.
import { and, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { questionEvents, questionStatus, requests, topicMatches, topics, zaken } from '../db/schema/index.ts';
import type { QuestionEventKind } from '../db/schema/index.ts';
import { addDays, amsterdamDate } from '../calendar.ts';

interface OverviewCounts {
  topic: { slug: string; name: string } | null;
  questionSets: number;
  open: number;
  dueThisWeek: number;
  overdue: number;
  delayed: number;
  answeredThisMonth: number;
  requests: number;
}

export interface OverviewEvent {
  kind: QuestionEventKind;
  occurredAt: Date;
  nummer: string;
  title: string;
}

export interface Overview {
  counts: OverviewCounts;
  events: OverviewEvent[];
}

const WAITING = ['open', 'due_soon', 'delayed', 'overdue'] as const;
const SHOWN_EVENTS: QuestionEventKind[] = ['asked', 'delay_notice', 'answered', 'answered_late', 'nader_answer', 'withdrawn'];

export async function overview(db: Db, now: Date): Promise<Overview> {
  const [topic] = await db.select({ id: topics.id, slug: topics.slug, name: topics.name }).from(topics).where(eq(topics.isDefault, true)).limit(1);
  const onTopic = topic
    ? inArray(
        questionStatus.zaakId,
        db.select({ id: topicMatches.zaakId }).from(topicMatches).where(eq(topicMatches.topicId, topic.id)),
      )
    : undefined;
  const today = amsterdamDate(now);
  const weekEnd = addDays(today, 7);
  const monthStart = `${today.slice(0, 8)}01`;
  const applicableDue = sql`coalesce(case when ${questionStatus.delayNoticeAt} is not null then ${questionStatus.extendedDueOn} end, ${questionStatus.dueOn})`;

  const [[figures], [reqs]] = await Promise.all([
    db
      .select({
        total: count(),
        open: sql<number>`count(*) filter (where ${inArray(questionStatus.status, [...WAITING])})::int`,
        dueThisWeek: sql<number>`count(*) filter (where ${inArray(questionStatus.status, ['open', 'due_soon', 'delayed'])} and ${applicableDue} between ${today} and ${weekEnd})::int`,
        overdue: sql<number>`count(*) filter (where ${eq(questionStatus.status, 'overdue')})::int`,
        delayed: sql<number>`count(*) filter (where ${eq(questionStatus.status, 'delayed')})::int`,
        answeredThisMonth: sql<number>`count(*) filter (where ${questionStatus.answeredOn} >= ${monthStart} and ${questionStatus.answeredOn} <= ${today})::int`,
      })
      .from(questionStatus)
      .where(onTopic),
    db.select({ n: count() }).from(requests),
  ]);

  const events = await db
    .select({ kind: questionEvents.kind, occurredAt: questionEvents.occurredAt, nummer: zaken.nummer, titel: zaken.titel, onderwerp: zaken.onderwerp })
    .from(questionEvents)
    .innerJoin(zaken, eq(zaken.id, questionEvents.zaakId))
    .where(
      and(
        inArray(questionEvents.kind, SHOWN_EVENTS),
        lte(questionEvents.occurredAt, now),
        gte(questionEvents.occurredAt, new Date(now.getTime() - 90 * 86_400_000)),
        topic ? inArray(questionEvents.zaakId, db.select({ id: topicMatches.zaakId }).from(topicMatches).where(eq(topicMatches.topicId, topic.id))) : undefined,
      ),
    )
    .orderBy(desc(questionEvents.occurredAt), desc(questionEvents.id))
    .limit(10);

  return {
    counts: {
      topic: topic ? { slug: topic.slug, name: topic.name } : null,
      questionSets: figures?.total ?? 0,
      open: figures?.open ?? 0,
      dueThisWeek: figures?.dueThisWeek ?? 0,
      overdue: figures?.overdue ?? 0,
      delayed: figures?.delayed ?? 0,
      answeredThisMonth: figures?.answeredThisMonth ?? 0,
      requests: reqs?.n ?? 0,
    },
    events: events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt, nummer: e.nummer ?? '', title: e.onderwerp ?? e.titel ?? '' })),
  };
}
