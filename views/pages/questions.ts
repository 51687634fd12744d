import type { FilterOptions, MemberOption } from '../../server/question-list/filter-options.ts';
import { type ListFilters, toQueryString } from '../../server/question-list/filters.ts';
import type { QuestionList, QuestionListRow } from '../../server/question-list/list-questions.ts';
import type { Snippet } from '../../server/search/snippet.ts';
import { QUESTION_STATUSES } from '../../server/db/schema/index.ts';
import { formatDate, formatNumber, isoDate } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';
import { STATUS_LABELS, statusBadge } from '../status.ts';

/** The element htmx swaps; the route returns resultsPartial() for htmx requests. */
const RESULTS_ID = 'resultaten';

function date(d: string | null): SafeHtml | string {
  return d ? html`<time datetime="${isoDate(d)}">${formatDate(d)}</time>` : '–';
}

function dueCell(r: QuestionListRow): SafeHtml | string {
  if (!r.applicableDueOn) return '–';
  const overdue = r.daysOverdue > 0 && (r.status === 'overdue' || r.status === 'answered_late')
    ? html`<br><small>${formatNumber(r.daysOverdue)} ${r.daysOverdue === 1 ? 'dag' : 'dagen'} te laat</small>`
    : '';
  return html`${date(r.applicableDueOn)}${r.delayed ? html`<br><small>na uitstel</small>` : ''}${overdue}`;
}

function askers(r: QuestionListRow): SafeHtml {
  return html`${r.askers.map((a, i) => html`${i > 0 ? ', ' : ''}${a.name}${a.party ? html` (${a.party})` : ''}`)}`;
}

const SNIPPET_SOURCES: Record<Snippet['source'], string> = { title: 'Onderwerp', question: 'Vraag', answer: 'Antwoord', delay: 'Uitstelbericht' };

/** The matched passage under a search hit; the marks are ours, the text is escaped. */
function snippetHtml(s: Snippet, nummer: string): SafeHtml {
  const where = s.questionNumber ? html`<a href="/vragen/${nummer}#vraag-${s.questionNumber}">${SNIPPET_SOURCES[s.source]} ${s.questionNumber}</a>` : SNIPPET_SOURCES[s.source];
  return html`<p class="snippet"><span class="snippet__source">${where}:</span> ${s.segments.map((seg) => (seg.mark ? html`<mark>${seg.text}</mark>` : seg.text))}</p>`;
}

function row(r: QuestionListRow): SafeHtml {
  return html`<tr>
  <td data-label="Nummer"><a href="/vragen/${r.nummer}">${r.nummer}</a></td>
  <td data-label="Onderwerp" class="long-text">${r.title}${r.snippet ? snippetHtml(r.snippet, r.nummer) : ''}</td>
  <td data-label="Vragensteller(s)">${askers(r)}</td>
  <td data-label="Ministerie">${r.ministries.join(', ')}</td>
  <td data-label="Ingediend">${date(r.submittedOn)}</td>
  <td data-label="Termijn">${dueCell(r)}</td>
  <td data-label="Status">${statusBadge(r.status)}</td>
</tr>`;
}

function pagination(list: QuestionList, f: ListFilters, defaultTopic: string | null): SafeHtml | string {
  if (list.pages <= 1) return '';
  const link = (page: number, label: string, rel: string) =>
    html`<a href="/vragen${toQueryString(f, defaultTopic, { page })}" rel="${rel}">${label}</a>`;
  return html`<nav class="pagination" aria-label="Paginering">
  ${list.page > 1 ? link(list.page - 1, 'Vorige', 'prev') : ''}
  <span>Pagina ${list.page} van ${list.pages}</span>
  ${list.page < list.pages ? link(list.page + 1, 'Volgende', 'next') : ''}
</nav>`;
}

/** The result table with its count and pagination: the page body and the htmx response. */
export function resultsPartial(list: QuestionList, f: ListFilters, defaultTopic: string | null): SafeHtml {
  const qs = toQueryString({ ...f, page: 1 }, defaultTopic);
  return html`<div id="${RESULTS_ID}" aria-live="polite">
<p class="result-count">${list.totalCapped
  ? html`Meer dan <strong>${formatNumber(list.total)}</strong> sets vragen gevonden; de eerste ${formatNumber(list.total)} staan hier. Voeg een woord of filter toe om verder te zoeken.`
  : html`<strong>${formatNumber(list.total)}</strong> ${list.total === 1 ? 'set vragen' : 'sets vragen'} gevonden.`}
${f.text ? html`<span class="formats"><a href="/abonneren?zoekwoorden=${encodeURIComponent(f.text)}">E-mail bij nieuwe vragen en antwoorden met deze zoekwoorden</a></span>` : ''}
<span class="formats">Ook als <a href="/vragen.csv${qs}">CSV</a> (<a href="/vragen.csv${qs}${qs ? '&' : '?'}voor=excel">voor Excel</a>) · <a href="/vragen.atom${qs}">Atom</a> · <a href="/vragen.ics${qs}">agenda (iCal)</a></span></p>
${list.rows.length === 0
  ? html`<p>Geen vragen gevonden met deze filters.</p>`
  : html`<table class="stack">
<caption class="visually-hidden">Schriftelijke vragen</caption>
<thead><tr><th scope="col">Nummer</th><th scope="col">Onderwerp</th><th scope="col">Vragensteller(s)</th><th scope="col">Ministerie</th><th scope="col">Ingediend</th><th scope="col">Termijn</th><th scope="col">Status</th></tr></thead>
<tbody>${list.rows.map(row)}</tbody>
</table>`}
${pagination(list, f, defaultTopic)}
</div>`;
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

function memberField(f: ListFilters, members: MemberOption[]): SafeHtml {
  return html`<div class="field"><label for="f-lid">Kamerlid (vragensteller)</label>
    <select id="f-lid" name="lid">
      ${option('', 'Alle', f.member === null)}
      ${members.map((m) => option(m.value, m.label, f.member === m.value))}
    </select></div>`;
}

function filterForm(f: ListFilters, options: FilterOptions): SafeHtml {
  return html`<form class="filters" method="get" action="/vragen" role="search"
  data-hx-get="/vragen" data-hx-target="#${RESULTS_ID}" data-hx-select="#${RESULTS_ID}" data-hx-swap="outerHTML"
  data-hx-push-url="true" data-hx-trigger="change, submit, input changed delay:400ms from:#f-q">
  <div class="field"><label for="f-onderwerp">Onderwerp</label>
    <select id="f-onderwerp" name="onderwerp">
      ${options.topics.map((t) => option(t.slug, t.name, f.topic === t.slug))}
      ${option('alle', 'Alle onderwerpen', f.topic === null)}
    </select></div>
  <div class="field"><label for="f-status">Status</label>
    <select id="f-status" name="status">
      ${option('', 'Alle', f.status === null)}
      ${option('wacht', 'Wacht op antwoord (open, bijna verlopen, uitgesteld, te laat)', f.status === 'wacht')}
      ${option('beantwoord', 'Beantwoord (op tijd of te laat)', f.status === 'beantwoord')}
      ${QUESTION_STATUSES.map((s) => option(s, STATUS_LABELS[s], f.status === s))}
    </select></div>
  <div class="field"><label for="f-fractie">Fractie (bij indiening)</label>
    <select id="f-fractie" name="fractie">
      ${option('', 'Alle', f.party === null)}
      ${options.parties.map((p) => option(p, p, f.party === p))}
    </select></div>
  <div class="field"><label for="f-ministerie">Ministerie</label>
    <select id="f-ministerie" name="ministerie">
      ${option('', 'Alle', f.ministry === null)}
      ${options.ministries.map((m) => option(m, m, f.ministry === m))}
    </select></div>
  <div class="field"><label for="f-van">Ingediend vanaf</label><input id="f-van" name="van" type="date" value="${f.from ?? ''}"></div>
  <div class="field"><label for="f-tot">Ingediend tot en met</label><input id="f-tot" name="tot" type="date" value="${f.to ?? ''}"></div>
  <div class="field field--wide"><label for="f-q">Zoeken in onderwerp, vragen en antwoorden</label><input id="f-q" name="q" type="search" value="${f.text ?? ''}"></div>
  <div class="field"><label for="f-sort">Sorteren op</label>
    <select id="f-sort" name="sort">
      ${option('', 'Standaard: relevantie bij zoeken, anders nieuwste eerst', f.sort === (f.text ? 'relevantie' : 'ingediend'))}
      ${option('ingediend', 'Datum van indiening (nieuwste eerst)', f.sort === 'ingediend' && f.text !== null)}
      ${option('termijn', 'Termijn (eerst verlopend eerst)', f.sort === 'termijn')}
      ${option('te-laat', 'Dagen te laat (meeste eerst)', f.sort === 'te-laat')}
    </select></div>
  ${memberField(f, options.members ?? [])}
  <div class="field field--actions"><button type="submit">Filteren</button> <a href="/vragen">Filters wissen</a></div>
</form>`;
}

export function questionsPage(list: QuestionList, f: ListFilters, options: FilterOptions, defaultTopic: string | null): PageContent {
  return {
    title: 'Schriftelijke vragen',
    body: html`<h1>Schriftelijke vragen</h1>
<p>Kamervragen met hun antwoordtermijn: drie weken na indiening, zes weken als de bewindspersoon uitstel heeft gemeld.</p>
${filterForm(f, options)}
${resultsPartial(list, f, defaultTopic)}`,
  };
}
