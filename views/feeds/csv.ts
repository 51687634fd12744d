// CSV export of a question list (RFC 4180, UTF-8 with BOM so spreadsheet programs read the accents).
import type { QuestionListRow } from '../../server/question-list/list-questions.ts';
import { STATUS_LABELS } from '../status.ts';

export function cell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  // Quote everything that could break a row, and defuse spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const HEADER = ['nummer', 'onderwerp', 'status', 'status_omschrijving', 'ingediend', 'termijn', 'uitstel', 'beantwoord', 'dagen_open', 'dagen_te_laat', 'vragenstellers', 'fracties_bij_indiening', 'ministeries', 'url'];

export function questionsCsv(rows: QuestionListRow[], publicUrl: string): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.nummer,
        r.title,
        r.status,
        STATUS_LABELS[r.status],
        r.submittedOn,
        r.applicableDueOn,
        r.delayed ? 'ja' : 'nee',
        r.answeredOn,
        r.daysOpen,
        r.daysOverdue,
        r.askers.map((a) => a.name).join('; '),
        [...new Set(r.askers.map((a) => a.party).filter(Boolean))].join('; '),
        r.ministries.join('; '),
        `${publicUrl}/vragen/${r.nummer}`,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
