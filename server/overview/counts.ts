// The figures and latest events on the home page, for the default topic. Each figure is the
// count of the /vragen list it links to, computed by that list's own query with the same
// filters, so a figure and its list always agree.
import { and, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { questionEvents, requests, topicMatches, topics, zaken } from '../db/schema/index.ts';
import type { QuestionEventKind } from '../db/schema/index.ts';
import { type ListFilters, type StatusFilter, toFilters, toQueryString } from '../question-list/filters.ts';
import { countQuestions } from '../question-list/list-questions.ts';

/** The figures, in the order the overview shows them. */
export const FIGURES = ['wacht', 'due_soon', 'overdue', 'delayed', 'answered', 'answered_late', 'withdrawn'] as const;
type FigureKey = (typeof FIGURES)[number];

const FIGURE_FILTERS: Record<FigureKey, { status: StatusFilter; sort?: ListFilters['sort'] }> = {
  wacht: { status: 'wacht', sort: 'termijn' },
  due_soon: { status: 'due_soon', sort: 'termijn' },
  overdue: { status: 'overdue', sort: 'te-laat' },
  delayed: { status: 'delayed', sort: 'termijn' },
  answered: { status: 'answered' },
  answered_late: { status: 'answered_late' },
  withdrawn: { status: 'withdrawn' },
};

interface Figure {
  count: number;
  /** The /vragen list this figure counts. */
  href: string;
}

interface OverviewCounts {
  topic: { slug: string; name: string } | null;
  questionSets: Figure;
  figures: Record<FigureKey, Figure>;
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

const SHOWN_EVENTS: QuestionEventKind[] = ['asked', 'delay_notice', 'answered', 'answered_late', 'nader_answer', 'withdrawn'];

export async function overview(db: Db, now: Date): Promise<Overview> {
  const [topic] = await db.select({ id: topics.id, slug: topics.slug, name: topics.name }).from(topics).where(eq(topics.isDefault, true)).limit(1);
  const defaultTopic = topic?.slug ?? null;
  const base = toFilters({}, defaultTopic);
  const figure = async (overrides: Partial<ListFilters>): Promise<Figure> => {
    const f = { ...base, ...overrides };
    return { count: await countQuestions(db, f), href: `/vragen${toQueryString(f, defaultTopic)}` };
  };
  const [questionSets, figureList, [reqs]] = await Promise.all([
    figure({}),
    Promise.all(FIGURES.map((k) => figure(FIGURE_FILTERS[k]))),
    db.select({ n: count() }).from(requests),
  ]);

  const onTopic = topic ? inArray(questionEvents.zaakId, db.select({ id: topicMatches.zaakId }).from(topicMatches).where(eq(topicMatches.topicId, topic.id))) : undefined;
  const events = await db
    .select({ kind: questionEvents.kind, occurredAt: questionEvents.occurredAt, nummer: zaken.nummer, titel: zaken.titel, onderwerp: zaken.onderwerp })
    .from(questionEvents)
    .innerJoin(zaken, eq(zaken.id, questionEvents.zaakId))
    .where(
      and(
        inArray(questionEvents.kind, SHOWN_EVENTS),
        lte(questionEvents.occurredAt, now),
        gte(questionEvents.occurredAt, new Date(now.getTime() - 90 * 86_400_000)),
        onTopic,
        // A late answer is recorded twice (the answer, then its lateness): one line, the late one.
        sql`not (${questionEvents.kind} = 'answered' and exists (select 1 from question_events l where l.zaak_id = ${questionEvents.zaakId} and l.kind = 'answered_late'))`,
      ),
    )
    .orderBy(desc(questionEvents.occurredAt), desc(questionEvents.id))
    .limit(10);

  return {
    counts: {
      topic: topic ? { slug: topic.slug, name: topic.name } : null,
      questionSets,
      figures: Object.fromEntries(FIGURES.map((k, i) => [k, figureList[i]!])) as Record<FigureKey, Figure>,
      requests: reqs?.n ?? 0,
    },
    events: events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt, nummer: e.nummer ?? '', title: e.onderwerp ?? e.titel ?? '' })),
  };
}
