// iCalendar (RFC 5545) of due dates: one all-day event per open question set on the date its
// answer is due. A delay notice moves the event and raises its SEQUENCE so calendars update it.
import { addDays } from '../../server/calendar.ts';
import type { QuestionListRow } from '../../server/question-list/list-questions.ts';
import { STATUS_LABELS } from '../status.ts';

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const day = (iso: string) => iso.replace(/-/g, '');


export function dueDatesCalendar(rows: QuestionListRow[], publicUrl: string, host: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kamerwacht//Antwoordtermijnen//NL', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Kamerwacht: antwoordtermijnen', 'X-WR-TIMEZONE:Europe/Amsterdam'];
  for (const r of rows) {
    if (!r.applicableDueOn) continue;
    const url = `${publicUrl}/vragen/${r.nummer}`;
    const who = r.askers.map((a) => (a.party ? `${a.name} (${a.party})` : a.name)).join(', ');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${r.nummer}@${host}`,
      `SEQUENCE:${r.delayed ? 1 : 0}`,
      `DTSTAMP:${stamp(r.statusAsOf)}`,
      `DTSTART;VALUE=DATE:${day(r.applicableDueOn)}`,
      `DTEND;VALUE=DATE:${day(addDays(r.applicableDueOn, 1))}`,
      `SUMMARY:${escapeText(`Antwoord verwacht: ${r.nummer} ${r.title}`)}`,
      `DESCRIPTION:${escapeText(`${STATUS_LABELS[r.status]}${r.delayed ? ' (na uitstel)' : ''}. Vragensteller(s): ${who}. ${url}`)}`,
      `URL:${url}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
