// /ministeries/<code>/rappel: the promises a ministry owes past their deadline, longest overdue
// first, as the Eerste Kamer's "rappel" lists them. Made to be printed (the print style drops the
// site's header, footer and links list) and downloadable as CSV.
import type { PromiseRowView } from '../../server/promises/ledger.ts';
import { formatDate, formatNumber, isoDate } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';
import { KIND_LABELS, madeOn, toWhomText } from '../promise-status.ts';

function row(r: PromiseRowView): SafeHtml {
  return html`<tr>
  <td><a href="/verzoeken/${r.slug}">${r.number ?? KIND_LABELS[r.kind]}</a>${r.number ? html`<br><small>${KIND_LABELS[r.kind]}</small>` : ''}</td>
  <td>${r.subject}${r.minister ? html`<br><small>${r.minister}</small>` : ''}</td>
  <td>${madeOn(r)}</td>
  <td>${r.dueOn ? html`<time datetime="${isoDate(r.dueOn)}">${formatDate(r.dueOn)}</time>` : '–'}${r.dueSource === 'text' && r.dueText ? html`<br><small>uit <q>${r.dueText}</q></small>` : ''}</td>
  <td>${formatNumber(r.daysOverdue)}</td>
  <td>${toWhomText(r)}</td>
</tr>`;
}

export function rappelPage(ministry: { code: string; name: string }, rows: PromiseRowView[], statusAsOf: Date | null): PageContent {
  return {
    title: `Rappel: ${ministry.name}`,
    description: `Toezeggingen en verzoeken aan ${ministry.name} die over de termijn zijn.`,
    body: html`<p class="meta no-print"><a href="/ministeries/${encodeURIComponent(ministry.code)}">Ministerie van ${ministry.name}</a> › Rappel</p>
<h1>Rappel: toezeggingen en verzoeken van ${ministry.name} over de termijn</h1>
<p>${rows.length === 0
  ? 'Er is op dit moment niets over de termijn.'
  : html`<strong>${formatNumber(rows.length)}</strong> ${rows.length === 1 ? 'toezegging of verzoek is' : 'toezeggingen en verzoeken zijn'} niet nagekomen terwijl de termijn verstreken is, de oudste eerst.`}
${statusAsOf ? html` Stand per <time datetime="${statusAsOf.toISOString()}">${formatDate(statusAsOf)}</time>.` : ''}</p>
<p class="no-print"><a href="/ministeries/${encodeURIComponent(ministry.code)}/rappel.csv">Download als CSV</a> · Deze pagina is geschikt om af te drukken.</p>
${rows.length === 0
  ? ''
  : html`<div class="table-scroll" role="region" aria-label="Rappel" tabindex="0"><table class="rappel">
<caption class="visually-hidden">Toezeggingen en verzoeken over de termijn</caption>
<thead><tr><th scope="col">Nummer</th><th scope="col">Wat</th><th scope="col">Gedaan</th><th scope="col">Termijn</th><th scope="col">Dagen over de termijn</th><th scope="col">Aan</th></tr></thead>
<tbody>${rows.map(row)}</tbody>
</table></div>`}`,
  };
}
