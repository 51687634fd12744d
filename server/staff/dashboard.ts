// The staff dashboard: what is due this week, what is overdue, what was answered recently, for
// every topic, filtered by member, party (at the time of asking) and ministry. Built on the
// public list (server/question-list), so it agrees with /vragen and its CSV export.
import type { QuestionStatus } from '../db/schema/index.ts';
import type { ListFilters } from '../question-list/filters.ts';
import { listQuestions, type QuestionListRow } from '../question-list/list-questions.ts';
import { addDays, amsterdamDate } from '../calendar.ts';

export interface DashboardFilters {
  member: string | null;
  party: string | null;
  ministry: string | null;
}

export interface Dashboard {
  today: string;
  dueThisWeek: QuestionListRow[];
  overdue: QuestionListRow[];
  recentlyAnswered: QuestionListRow[];
}

const LIMIT = 1000;
const RECENT_DAYS = 14;

export async function staffDashboard(db: Parameters<typeof listQuestions>[0], now: Date, f: DashboardFilters): Promise<Dashboard> {
  const today = amsterdamDate(now);
  const base: ListFilters = { topic: null, status: null, party: f.party, member: f.member, ministry: f.ministry, from: null, to: null, text: null, sort: 'termijn', page: 1 };
  const list = async (status: QuestionStatus, sort: ListFilters['sort'] = 'termijn') => (await listQuestions(db, { ...base, status, sort }, LIMIT)).rows;
  const [open, dueSoon, delayed, overdue, answered, answeredLate] = await Promise.all([
    list('open'),
    list('due_soon'),
    list('delayed'),
    list('overdue', 'te-laat'),
    list('answered'),
    list('answered_late'),
  ]);
  const weekEnd = addDays(today, 7);
  const dueThisWeek = [...open, ...dueSoon, ...delayed]
    .filter((r) => r.applicableDueOn !== null && r.applicableDueOn >= today && r.applicableDueOn <= weekEnd)
    .sort((a, b) => (a.applicableDueOn ?? '').localeCompare(b.applicableDueOn ?? ''));
  const since = addDays(today, -RECENT_DAYS);
  const recentlyAnswered = [...answered, ...answeredLate]
    .filter((r) => r.answeredOn !== null && r.answeredOn >= since)
    .sort((a, b) => (b.answeredOn ?? '').localeCompare(a.answeredOn ?? ''));
  return { today, dueThisWeek, overdue, recentlyAnswered };
}
