// Atom feed (RFC 4287) of a question list: an entry per question set, updated when its latest
// event happened (asked, delay notice, answer, a deadline passing), so a reader shows it as new
// when something happened to it and not each time statuses are evaluated.
import type { QuestionListRow } from '../../server/question-list/list-questions.ts';
import { startOfDay } from '../../server/calendar.ts';
import { escapeHtml } from '../html.ts';
import { STATUS_LABELS } from '../status.ts';

export function questionsAtom(rows: QuestionListRow[], opts: { publicUrl: string; selfUrl: string; title: string; eventTimes: Map<string, Date>; now: Date }): string {
  const x = escapeHtml;
  // A set without a recorded event: its submission day (Amsterdam midnight), else the evaluation.
  const updatedOf = (r: QuestionListRow) => opts.eventTimes.get(r.zaakId) ?? (r.submittedOn ? startOfDay(r.submittedOn) : r.statusAsOf);
  const feedUpdated = rows.reduce<Date | null>((m, r) => (m === null || updatedOf(r) > m ? updatedOf(r) : m), null) ?? opts.now;
  const entries = rows.map((r) => {
    const url = `${opts.publicUrl}/vragen/${r.nummer}`;
    const who = r.askers.map((a) => (a.party ? `${a.name} (${a.party})` : a.name)).join(', ');
    return `<entry>
<id>${x(url)}</id>
<title>${x(`${r.nummer}: ${r.title}`)}</title>
<link rel="alternate" type="text/html" href="${x(url)}"/>
<updated>${updatedOf(r).toISOString()}</updated>
${r.submittedOn ? `<published>${r.submittedOn}T00:00:00+00:00</published>` : ''}
${r.askers.map((a) => `<author><name>${x(a.name)}</name></author>`).join('') || '<author><name>Tweede Kamer</name></author>'}
<summary>${x(`${STATUS_LABELS[r.status]}. Ingediend ${r.submittedOn ?? 'onbekend'}, termijn ${r.applicableDueOn ?? 'onbekend'}. ${who}`)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
<id>${x(opts.selfUrl)}</id>
<title>${x(opts.title)}</title>
<link rel="self" type="application/atom+xml" href="${x(opts.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${x(opts.selfUrl.replace('/vragen.atom', '/vragen'))}"/>
<updated>${feedUpdated.toISOString()}</updated>
<generator>Kamerwacht</generator>
${entries.join('\n')}
</feed>
`;
}
