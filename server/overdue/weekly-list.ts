// The overdue list: written questions past their answer term, per ministry, the most overdue
// first, as the Tweede Kamer's weekly list of late answers has them. A set addressed to two
// ministries is on both lists. All topics: the Kamer's list is not a topic lens.
import type { Db } from '../db/client.ts';
import { toFilters } from '../question-list/filters.ts';
import { listQuestions, type QuestionListRow } from '../question-list/list-questions.ts';
import { ministryByCode } from '../questions/ministries.ts';

// The whole list in one go: overdue sets are a few hundred at most in practice.
const MAX_ROWS = 10_000;

export interface OverdueMinistry {
  code: string;
  name: string;
  rows: QuestionListRow[];
}

export interface OverdueList {
  ministries: OverdueMinistry[];
  /** Sets on the list (each once, however many ministries it is addressed to). */
  total: number;
  /** When the statuses were last evaluated (the oldest evaluation among the rows). */
  statusAsOf: Date | null;
}

export async function overdueList(db: Db, ministry: string | null): Promise<OverdueList> {
  const filters = { ...toFilters({ onderwerp: 'alle' }, null), status: 'overdue' as const, sort: 'te-laat' as const, ministry };
  const { rows } = await listQuestions(db, filters, MAX_ROWS);
  const byCode = new Map<string, QuestionListRow[]>();
  for (const r of rows) {
    const codes = r.ministries.length > 0 ? r.ministries : [''];
    for (const code of codes) {
      if (ministry && code !== ministry) continue;
      byCode.set(code, [...(byCode.get(code) ?? []), r]);
    }
  }
  const ministries = [...byCode.entries()]
    .map(([code, list]) => ({ code, name: code ? (ministryByCode(code)?.name ?? code) : 'Ministerie onbekend', rows: list }))
    .sort((a, b) => (a.code === '' ? 1 : b.code === '' ? -1 : a.name.localeCompare(b.name, 'nl')));
  const statusAsOf = rows.reduce<Date | null>((min, r) => (min === null || r.statusAsOf < min ? r.statusAsOf : min), null);
  return { ministries, total: rows.length, statusAsOf };
}
