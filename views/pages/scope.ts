// The page of a ministry, a party or a member: timeliness statistics with SVG charts and a data
// table, and the list of their question sets.
import type { ListFilters } from '../../server/question-list/filters.ts';
import type { QuestionList } from '../../server/question-list/list-questions.ts';
import type { TimelinessRow } from '../../server/statistics/timeliness.ts';
import { barChart } from '../charts.ts';
import { formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';
import { resultsPartial } from './questions.ts';

export interface ScopeData {
  heading: string;
  intro: string;
  /** What the chart id and anchors are made from. */
  slug: string;
  stats: TimelinessRow[];
  distribution: { label: string; count: number }[];
  list: QuestionList;
  filters: ListFilters;
  defaultTopic: string | null;
  /** A section of its own after the answer-time figures (a ministry's promises kept on time). */
  after?: SafeHtml;
}

const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const daysText = (d: number | null) => (d === null ? '–' : formatNumber(Math.round(d)));
/** "2 van 3 (67%)": a figure always says what it is counted over. */
const ofText = (n: number, over: number) => (over === 0 ? '–' : html`${formatNumber(n)} van ${formatNumber(over)} <small>(${pct(n / over)})</small>`);

function statsTable(stats: TimelinessRow[], slug: string): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="${slug}-tijdigheid" tabindex="0"><table class="stats">
<caption id="${slug}-tijdigheid">Tijdigheid van antwoorden per jaar van indiening. Op tijd telt alleen over beantwoorde sets; openstaande en ingetrokken sets staan apart.</caption>
<thead><tr><th scope="col">Jaar</th><th scope="col">Sets vragen</th><th scope="col">Op tijd beantwoord (van de beantwoorde sets)</th><th scope="col">Wachten op antwoord</th><th scope="col">Nu te laat</th><th scope="col">Ingetrokken</th><th scope="col">Met uitstelbericht</th><th scope="col">Mediaan dagen tot antwoord</th><th scope="col">90e percentiel dagen</th></tr></thead>
<tbody>${stats.map(
    (s) => html`<tr${s.year === null ? html` class="stats__total"` : ''}><th scope="row">${s.year ?? 'Totaal'}</th><td>${formatNumber(s.sets)}</td><td>${ofText(s.answeredOnTime, s.answered)}</td><td>${ofText(s.waiting, s.sets)}</td><td>${ofText(s.overdueNow, s.sets)}</td><td>${ofText(s.withdrawn, s.sets)}</td><td>${ofText(s.delayNotices, s.sets)}</td><td>${daysText(s.medianDaysToAnswer)}</td><td>${daysText(s.p90DaysToAnswer)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export function scopePage(d: ScopeData): PageContent {
  const perYear = d.stats.filter((s) => s.year !== null);
  const answered = d.distribution.reduce((n, b) => n + b.count, 0);
  return {
    title: d.heading,
    body: html`<h1>${d.heading}</h1>
<p>${d.intro}</p>
<h2>Tijdigheid</h2>
${d.stats.length === 0
  ? html`<p>Nog geen gegevens over antwoordtermijnen.</p>`
  : html`<div class="charts">
${barChart(`${d.slug}-op-tijd`, 'Aandeel op tijd beantwoord, van de beantwoorde sets, per jaar', perYear.map((s) => ({ label: String(s.year), value: Math.round(s.onTimeRate * 100), text: s.answered ? pct(s.onTimeRate) : '–' })), 100)}
${answered > 0 ? barChart(`${d.slug}-antwoordtijd`, 'Aantal antwoorden naar dagen tot antwoord', d.distribution.map((b) => ({ label: b.label, value: b.count }))) : ''}
</div>
${statsTable(d.stats, d.slug)}
${answered > 0
  ? html`<div class="table-scroll" role="region" aria-labelledby="${d.slug}-dagen" tabindex="0"><table class="stats"><caption id="${d.slug}-dagen">Dagen tot antwoord (aantal beantwoorde sets)</caption>
<thead><tr>${d.distribution.map((b) => html`<th scope="col">${b.label}</th>`)}</tr></thead>
<tbody><tr>${d.distribution.map((b) => html`<td>${formatNumber(b.count)}</td>`)}</tr></tbody></table></div>`
  : ''}`}
${d.after ?? ''}
<h2>Vragen</h2>
${resultsPartial(d.list, d.filters, d.defaultTopic)}`,
  };
}
