// The ledger in machine formats: CSV (the /verzoeken list and a ministry's rappel), Atom (an
// entry per promise, updated when its status is) and iCalendar (an all-day event on each open
// promise's deadline). Escaping and line folding are the question feeds' (csv.ts, ical.ts).
import type { PromiseRowView } from '../../server/promises/ledger.ts';
import { escapeHtml } from '../html.ts';
import { KIND_LABELS, REQUEST_STATUS_LABELS, SOURCE_LABELS } from '../promise-status.ts';
import { cell } from './csv.ts';
import { addDays } from '../../server/calendar.ts';
import { escapeText, fold, stamp } from './ical.ts';

const HEADER = [
  'slug', 'soort', 'bron', 'nummer', 'onderwerp', 'ministeries', 'bewindspersoon', 'gedaan_op', 'termijn', 'termijn_in_woorden',
  'termijn_uit_tekst', 'status', 'status_omschrijving', 'status_register', 'dagen_over_termijn', 'nagekomen_op', 'kamerbrief_nakoming', 'aan', 'url',
];

export function promisesCsv(rows: PromiseRowView[], publicUrl: string): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.slug,
        KIND_LABELS[r.kind],
        r.source,
        r.number,
        r.subject,
        r.addressees.join('; '),
        r.minister,
        r.madeOn,
        r.dueOn,
        r.dueText,
        r.dueSource === 'text' ? 'ja' : 'nee',
        r.status,
        REQUEST_STATUS_LABELS[r.status],
        r.registerStatus,
        r.daysOverdue,
        r.fulfilledOn,
        r.fulfilmentNumber,
        [...(r.committee ? [r.committee] : []), ...r.persons.map((p) => p.name), ...r.requesterParties].join('; '),
        `${publicUrl}/verzoeken/${r.slug}`,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function promisesAtom(rows: PromiseRowView[], opts: { publicUrl: string; selfUrl: string; title: string; updated: Date }): string {
  const x = escapeHtml;
  const entries = rows.map((r) => {
    const url = `${opts.publicUrl}/verzoeken/${r.slug}`;
    const due = r.dueOn ? `termijn ${r.dueOn}` : r.dueText ? `termijn "${r.dueText}"` : 'geen termijn';
    return `<entry>
<id>${x(url)}</id>
<title>${x(`${KIND_LABELS[r.kind]}${r.number ? ` ${r.number}` : ''}: ${r.subject}`)}</title>
<link rel="alternate" type="text/html" href="${x(url)}"/>
<updated>${(r.statusAsOf ?? opts.updated).toISOString()}</updated>
${r.madeOn ? `<published>${r.madeOn}T00:00:00+00:00</published>` : ''}
<author><name>${x(r.minister ?? (r.addressees.join(', ') || 'Tweede Kamer'))}</name></author>
<category term="${x(r.source)}" label="${x(SOURCE_LABELS[r.source])}"/>
<summary>${x(`${REQUEST_STATUS_LABELS[r.status]}${r.registerStatus ? ` (register: ${r.registerStatus})` : ''}. Gedaan ${r.madeOn ?? 'onbekend'}, ${due}. ${r.description.slice(0, 500)}`)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
<id>${x(opts.selfUrl)}</id>
<title>${x(opts.title)}</title>
<link rel="self" type="application/atom+xml" href="${x(opts.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${x(opts.selfUrl.replace('/verzoeken.atom', '/verzoeken'))}"/>
<updated>${opts.updated.toISOString()}</updated>
<generator>Kamerwacht</generator>
${entries.join('\n')}
</feed>
`;
}

/** One all-day event per open promise with a deadline date; a moved deadline raises SEQUENCE so calendars update it. */
export function promiseDeadlinesCalendar(rows: PromiseRowView[], publicUrl: string, host: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kamerwacht//Termijnen van toezeggingen//NL', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Kamerwacht: termijnen van toezeggingen en verzoeken', 'X-WR-TIMEZONE:Europe/Amsterdam'];
  for (const r of rows) {
    if (!r.dueOn) continue;
    const url = `${publicUrl}/verzoeken/${r.slug}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:verzoek-${r.id}@${host}`,
      // The deadline as a number of days since 2000: a later deadline is a higher sequence.
      `SEQUENCE:${Math.max(0, Math.round((Date.parse(`${r.dueOn}T00:00:00Z`) - Date.UTC(2000, 0, 1)) / 86_400_000))}`,
      `DTSTAMP:${stamp(r.statusAsOf ?? new Date(`${r.dueOn}T00:00:00Z`))}`,
      `DTSTART;VALUE=DATE:${r.dueOn.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(r.dueOn, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(`Termijn: ${KIND_LABELS[r.kind]}${r.number ? ` ${r.number}` : ''} ${r.subject}`)}`,
      `DESCRIPTION:${escapeText(`${REQUEST_STATUS_LABELS[r.status]}.${r.dueSource === 'text' && r.dueText ? ` Termijn gelezen uit "${r.dueText}".` : ''} ${r.addressees.join(', ')} ${url}`)}`,
      `URL:${url}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
