// CSV export of a question list in two dialects. `rfc4180`, for programs: comma-separated, CRLF,
// UTF-8 without a byte-order mark (a BOM would end up in the first column's name). `excel`, for a
// double click in Excel with Dutch settings: Excel splits on the locale's list separator (a
// semicolon in Dutch) and reads UTF-8 only after a BOM. Quoting is RFC 4180's in both.
import type { OverdueMinistry } from '../../server/overdue/weekly-list.ts';
import type { QuestionListRow } from '../../server/question-list/list-questions.ts';
import { STATUS_LABELS } from '../status.ts';

export type CsvDialect = 'rfc4180' | 'excel';

type Value = string | number | null;

export function cell(value: Value): string {
  const s = value === null ? '' : String(value);
  // Quote everything that could break a row in either dialect, and defuse spreadsheet formulas
  // (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",;\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document: the header and the rows in the dialect, each line ended by CRLF. */
function csvDocument(header: readonly string[], rows: Value[][], dialect: CsvDialect = 'rfc4180'): string {
  const sep = dialect === 'excel' ? ';' : ',';
  const lines = [header.map(cell).join(sep), ...rows.map((r) => r.map(cell).join(sep))];
  return `${dialect === 'excel' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

const HEADER = ['nummer', 'onderwerp', 'status', 'status_omschrijving', 'ingediend', 'termijn', 'uitstel', 'beantwoord', 'dagen_open', 'dagen_te_laat', 'vragenstellers', 'fracties_bij_indiening', 'ministeries', 'url'];

export function questionsCsv(rows: QuestionListRow[], publicUrl: string, dialect: CsvDialect = 'rfc4180'): string {
  return csvDocument(
    HEADER,
    rows.map((r) => [
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
    ]),
    dialect,
  );
}

const OVERDUE_HEADER = ['ministerie', 'ministerie_naam', 'nummer', 'onderwerp', 'ingediend', 'termijn', 'uitstelbericht', 'dagen_te_laat', 'vragenstellers', 'fracties_bij_indiening', 'url'];

/** The overdue list (/vragen/te-laat), one line per set and ministry, as the page groups it. */
export function overdueCsv(ministries: OverdueMinistry[], publicUrl: string, dialect: CsvDialect = 'rfc4180'): string {
  return csvDocument(
    OVERDUE_HEADER,
    ministries.flatMap((m) =>
      m.rows.map((r) => [
        m.code,
        m.name,
        r.nummer,
        r.title,
        r.submittedOn,
        r.applicableDueOn,
        r.delayed ? 'ja' : 'nee',
        r.daysOverdue,
        r.askers.map((a) => a.name).join('; '),
        [...new Set(r.askers.map((a) => a.party).filter(Boolean))].join('; '),
        `${publicUrl}/vragen/${r.nummer}`,
      ]),
    ),
    dialect,
  );
}
