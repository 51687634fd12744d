// /vragen/te-laat: written questions past their answer term per ministry, as the Kamer's weekly
// list reads. Made to be printed (the print style drops header, footer and the filter) and
// downloadable as CSV.
import type { OverdueList } from '../../server/overdue/weekly-list.ts';
import type { QuestionListRow } from '../../server/question-list/list-questions.ts';
import { formatDate, formatNumber, isoDate } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';

function date(d: string | null): SafeHtml | string {
  return d ? html`<time datetime="${isoDate(d)}">${formatDate(d)}</time>` : '–';
}

function row(r: QuestionListRow): SafeHtml {
  return html`<tr>
  <td data-label="Nummer"><a href="/vragen/${r.nummer}">${r.nummer}</a></td>
  <td data-label="Onderwerp" class="long-text">${r.title}</td>
  <td data-label="Vragensteller(s)">${r.askers.map((a, i) => html`${i > 0 ? ', ' : ''}${a.name}${a.party ? html` (${a.party})` : ''}`)}</td>
  <td data-label="Ingediend">${date(r.submittedOn)}</td>
  <td data-label="Termijn">${date(r.applicableDueOn)}${r.delayed ? html`<br><small>na uitstelbericht</small>` : ''}</td>
  <td data-label="Dagen te laat"><strong>${formatNumber(r.daysOverdue)}</strong></td>
</tr>`;
}

export function overduePage(list: OverdueList, ministry: { code: string; name: string } | null, ministries: { code: string; name: string }[]): PageContent {
  const csv = `/vragen/te-laat.csv${ministry ? `?ministerie=${encodeURIComponent(ministry.code)}` : ''}`;
  const heading = ministry ? `Te late antwoorden: ${ministry.name}` : 'Te late antwoorden per ministerie';
  return {
    title: heading,
    description: 'Schriftelijke vragen waarvan de antwoordtermijn is verstreken, per ministerie, met het aantal dagen te laat.',
    body: html`<p class="meta no-print"><a href="/vragen">Schriftelijke vragen</a> › Te laat</p>
<h1>${heading}</h1>
<p>Schriftelijke vragen die na de termijn nog niet beantwoord zijn: drie weken na indiening, zes weken als er een
uitstelbericht kwam. Zoals het wekelijkse overzicht van de Tweede Kamer; alle onderwerpen, het langst te laat eerst.
${list.total === 0 ? 'Er staan op dit moment geen vragen open na de termijn.' : html`<strong>${formatNumber(list.total)}</strong> ${list.total === 1 ? 'set vragen is' : 'sets vragen zijn'} te laat.`}
${list.statusAsOf ? html`Stand per <time datetime="${list.statusAsOf.toISOString()}">${formatDate(list.statusAsOf)}</time>.` : ''}</p>
<form class="filters no-print" method="get" action="/vragen/te-laat">
  <div class="field"><label for="f-ministerie">Ministerie</label>
    <select id="f-ministerie" name="ministerie">
      <option value=""${ministry ? '' : html` selected`}>Alle ministeries</option>
      ${ministries.map((m) => html`<option value="${m.code}"${ministry?.code === m.code ? html` selected` : ''}>${m.name}</option>`)}
    </select></div>
  <div class="field field--actions"><button type="submit">Tonen</button></div>
</form>
<p class="no-print">Download als <a href="${csv}">CSV</a> of <a href="${csv}${ministry ? '&' : '?'}voor=excel">CSV voor Excel</a>, met het aantal dagen te laat · Deze pagina is geschikt om af te drukken.</p>
${list.ministries.map(
  (m, i) => html`<section aria-labelledby="te-laat-${i}">
<h2 id="te-laat-${i}">${m.name}${m.code ? html` (${m.code})` : ''}: ${formatNumber(m.rows.length)} te laat</h2>
<table class="stack overdue">
<caption class="visually-hidden">Te late antwoorden van ${m.name}</caption>
<thead><tr><th scope="col">Nummer</th><th scope="col">Onderwerp</th><th scope="col">Vragensteller(s)</th><th scope="col">Ingediend</th><th scope="col">Termijn</th><th scope="col">Dagen te laat</th></tr></thead>
<tbody>${m.rows.map(row)}</tbody>
</table>
</section>`,
)}`,
  };
}
