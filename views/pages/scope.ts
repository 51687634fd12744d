// The page of a ministry, a party or a member: timeliness statistics with SVG charts and a data
// table, how the questions were answered (unanswered, grouped, referred, deferred), and the list
// of their question sets.
import type { ListFilters } from '../../server/question-list/filters.ts';
import type { QuestionList } from '../../server/question-list/list-questions.ts';
import type { StatisticsRow } from '../../server/statistics/answer-quality.ts';
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
  stats: StatisticsRow[];
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

function statsTable(stats: StatisticsRow[], slug: string): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="${slug}-tijdigheid" tabindex="0"><table class="stats">
<caption id="${slug}-tijdigheid">Tijdigheid van antwoorden per jaar van indiening. Op tijd telt alleen over beantwoorde sets; openstaande en ingetrokken sets staan apart.</caption>
<thead><tr><th scope="col">Jaar</th><th scope="col">Sets vragen</th><th scope="col">Op tijd beantwoord (van de beantwoorde sets)</th><th scope="col">Wachten op antwoord</th><th scope="col">Nu te laat</th><th scope="col">Ingetrokken</th><th scope="col">Met uitstelbericht</th><th scope="col">Mediaan dagen tot antwoord</th><th scope="col">90e percentiel dagen</th></tr></thead>
<tbody>${stats.map(
    (s) => html`<tr${s.year === null ? html` class="stats__total"` : ''}><th scope="row">${s.year ?? 'Totaal'}</th><td>${formatNumber(s.sets)}</td><td>${ofText(s.answeredOnTime, s.answered)}</td><td>${ofText(s.waiting, s.sets)}</td><td>${ofText(s.overdueNow, s.sets)}</td><td>${ofText(s.withdrawn, s.sets)}</td><td>${ofText(s.delayNotices, s.sets)}</td><td>${daysText(s.medianDaysToAnswer)}</td><td>${daysText(s.p90DaysToAnswer)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** A soft hyphen: long column headings may break there on a phone. */
const SHY = '\u00ad';
const share = (rate: number, count: number) => html`${pct(rate)} <span class="stats__count">(${formatNumber(count)})</span>`;

/** How the questions of answered sets were answered, per year; the question count is the base of each share. */
function qualitySection(stats: StatisticsRow[]): SafeHtml {
  const rows = stats.filter((s) => s.answerQuality !== null);
  if (rows.length === 0) return html`<h2>Hoe werd geantwoord</h2>
<p>Nog geen antwoordteksten gelezen van beantwoorde vragen.</p>`;
  return html`<h2>Hoe werd geantwoord</h2>
<p>Per vraag in beantwoorde sets waarvan de tekst is gelezen: bleef de vraag onbeantwoord, werd ze samen met andere vragen beantwoord, verwees het antwoord naar een ander antwoord, of werd het antwoord uitgesteld (bijvoorbeeld naar een aparte brief)? Een vraag kan meer dan één van deze kenmerken hebben.</p>
<div class="table-scroll" role="region" aria-label="Hoe werd geantwoord" tabindex="0"><table class="stats stats--quality">
<caption>Antwoorden per jaar van indiening, als aandeel van de vragen</caption>
<thead><tr><th scope="col">Jaar</th><th scope="col">Vragen (sets)</th><th scope="col">Onbe${SHY}antwoord</th><th scope="col">Samen beant${SHY}woord</th><th scope="col">Verwe${SHY}zen</th><th scope="col">Uitge${SHY}steld</th></tr></thead>
<tbody>${rows.map((s) => {
    const q = s.answerQuality;
    if (!q) return '';
    return html`<tr${s.year === null ? html` class="stats__total"` : ''}><th scope="row">${s.year ?? 'Totaal'}</th><td>${formatNumber(q.questions)} (${formatNumber(q.sets)})</td><td>${share(q.unansweredRate, q.unanswered)}</td><td>${share(q.groupedRate, q.grouped)}</td><td>${share(q.referredRate, q.referred)}</td><td>${share(q.deferredRate, q.deferred)}</td></tr>`;
  })}</tbody>
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
${qualitySection(d.stats)}
${d.after ?? ''}
<h2>Vragen</h2>
${resultsPartial(d.list, d.filters, d.defaultTopic)}`,
  };
}
