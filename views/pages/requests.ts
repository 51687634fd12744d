// /verzoeken: the promises ledger. Every commitment, committee request, deferred answer and
// recorded request, with its status in words, who owes it, to whom, the deadline (or "geen
// termijn") and what fulfilled it. The filter form works without JavaScript (GET); htmx swaps the
// results only. A list of cards, not a wide table, so it fits a phone.
import type { LedgerFilters, LedgerOptions, LinkView, PromiseList, PromiseRowView } from '../../server/promises/ledger.ts';
import { ledgerQueryString } from '../../server/promises/ledger-filters.ts';
import { formatDate, formatNumber, isoDate } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';
import { deadlineText, KIND_LABELS, madeOn, owedByText, promiseStatusBadge, REQUEST_STATUS_LABELS, SOURCE_LABELS, toWhomText } from '../promise-status.ts';

const LEDGER_RESULTS_ID = 'resultaten';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a link points. A Kamerstuk goes to officielebekendmakingen.nl; a mirrored document to its
 * file in the Gegevensmagazijn (`Document(<Id>)/resource`); an activity to its record there
 * (`Activiteit(<Id>)`): the open data has no page address for activities we can vouch for.
 */
export function linkHref(l: Pick<LinkView, 'kind' | 'target'>): string | null {
  if (l.kind === 'kamerstuk') return `https://zoek.officielebekendmakingen.nl/kst-${l.target}.html`;
  if (!GUID.test(l.target)) return null;
  if (l.kind === 'document') return `https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Document(${l.target.toLowerCase()})/resource`;
  return `https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Activiteit(${l.target.toLowerCase()})`;
}

function linkItem(l: LinkView): SafeHtml {
  const label = l.kind === 'kamerstuk' ? `Kamerstuk ${l.target.replace('-', ', nr. ')}` : l.title;
  const href = linkHref(l);
  const extra = [
    ...(l.nummer ? [l.kind === 'activiteit' ? `activiteit ${l.nummer}` : l.nummer] : []),
    ...(l.activityStatus === 'Geannuleerd' ? ['geannuleerd'] : []),
    ...(l.origin === 'register' ? ['genoemd in het register'] : []),
  ];
  return html`<li>${href ? html`<a href="${href}">${label}</a>` : label}${l.kind === 'kamerstuk' ? html`: ${l.title}` : ''}${
    l.date ? html` (<time datetime="${isoDate(l.date)}">${formatDate(l.date)}</time>)` : ''
  }${extra.length > 0 ? `, ${extra.join(', ')}` : ''}${l.state === 'suggested' ? ' — voorgesteld, nog niet bevestigd' : ''}</li>`;
}

/** What fulfilled it: confirmed and suggested links, and a register letter not (yet) in the mirror. */
export function fulfilment(r: PromiseRowView): SafeHtml {
  const links = r.links.filter((l) => l.state !== 'rejected');
  const missing = r.fulfilmentNumber && r.fulfilmentFound === false
    ? html`<li>Kamerbrief ${r.fulfilmentNumber}: <strong>brief nog niet gevonden</strong> in de gegevens van de Tweede Kamer</li>`
    : '';
  if (links.length === 0 && !missing) return html`nog niets`;
  return html`<ul>${missing}${links.map(linkItem)}</ul>`;
}

function card(r: PromiseRowView): SafeHtml {
  return html`<li class="promise"><article>
  <h2><a href="/verzoeken/${r.slug}">${r.subject}</a></h2>
  <p class="meta">${KIND_LABELS[r.kind]}${r.number ? ` ${r.number}` : ''} · ${SOURCE_LABELS[r.source]} · ${r.source === 'staff' ? 'gevraagd' : 'gedaan'} ${madeOn(r)}</p>
  <dl class="facts">
    <dt>Status</dt><dd>${promiseStatusBadge(r.status)}${r.registerStatus ? html` <small>(register: ${r.registerStatus})</small>` : ''}${
      r.status === 'overdue' ? html` <small>${formatNumber(r.daysOverdue)} ${r.daysOverdue === 1 ? 'dag' : 'dagen'} over de termijn</small>` : ''
    }</dd>
    <dt>Door</dt><dd>${owedByText(r)}</dd>
    <dt>${r.source === 'staff' ? 'Gevraagd door' : 'Aan'}</dt><dd>${toWhomText(r)}</dd>
    ${r.supporterParties.length > 0 ? html`<dt>Gesteund door</dt><dd>${r.supporterParties.join(', ')}</dd>` : ''}
    <dt>Termijn</dt><dd>${deadlineText(r)}</dd>
    <dt>Nagekomen met</dt><dd>${fulfilment(r)}</dd>
  </dl>
</article></li>`;
}

function pagination(list: PromiseList, f: LedgerFilters): SafeHtml | string {
  if (list.pages <= 1) return '';
  const link = (page: number, label: string, rel: string) => html`<a href="/verzoeken${ledgerQueryString(f, { page })}" rel="${rel}">${label}</a>`;
  return html`<nav class="pagination" aria-label="Paginering">
  ${list.page > 1 ? link(list.page - 1, 'Vorige', 'prev') : ''}
  <span>Pagina ${list.page} van ${list.pages}</span>
  ${list.page < list.pages ? link(list.page + 1, 'Volgende', 'next') : ''}
</nav>`;
}

/** The results with their count and pagination: the page body and the htmx response. */
export function ledgerResults(list: PromiseList, f: LedgerFilters): SafeHtml {
  const qs = ledgerQueryString({ ...f, page: 1 });
  return html`<div id="${LEDGER_RESULTS_ID}" aria-live="polite">
<p class="result-count"><strong>${formatNumber(list.total)}</strong> ${list.total === 1 ? 'toezegging of verzoek' : 'toezeggingen en verzoeken'} gevonden.
<span class="formats">Ook als <a href="/verzoeken.csv${qs}">CSV</a> · <a href="/verzoeken.atom${qs}">Atom</a> · <a href="/verzoeken.ics${qs}">termijnen in een agenda (iCal)</a></span></p>
${list.rows.length === 0 ? html`<p>Geen toezeggingen of verzoeken gevonden met deze filters.</p>` : html`<ol class="promises">${list.rows.map(card)}</ol>`}
${pagination(list, f)}
</div>`;
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

function filterForm(f: LedgerFilters, o: LedgerOptions): SafeHtml {
  return html`<form class="filters" method="get" action="/verzoeken" role="search"
  data-hx-get="/verzoeken" data-hx-target="#${LEDGER_RESULTS_ID}" data-hx-select="#${LEDGER_RESULTS_ID}" data-hx-swap="outerHTML"
  data-hx-push-url="true" data-hx-trigger="change, submit, input changed delay:400ms from:#v-q">
  <div class="field"><label for="v-bron">Bron</label>
    <select id="v-bron" name="bron">${option('', 'Alle', f.source === null)}${o.sources.map((s) => option(s, SOURCE_LABELS[s], f.source === s))}</select></div>
  <div class="field"><label for="v-status">Status</label>
    <select id="v-status" name="status">${option('', 'Alle', f.status === null)}${o.statuses.map((s) => option(s, REQUEST_STATUS_LABELS[s], f.status === s))}</select></div>
  <div class="field"><label for="v-ministerie">Ministerie</label>
    <select id="v-ministerie" name="ministerie">${option('', 'Alle', f.ministry === null)}${o.ministries.map((m) => option(m.value, `${m.value} (${m.label})`, f.ministry === m.value))}</select></div>
  <div class="field"><label for="v-commissie">Commissie</label>
    <select id="v-commissie" name="commissie">${option('', 'Alle', f.committee === null)}${o.committees.map((c) => option(c, c, f.committee?.toLowerCase() === c.toLowerCase()))}</select></div>
  <div class="field"><label for="v-onderwerp">Onderwerp</label>
    <select id="v-onderwerp" name="onderwerp">${option('', 'Alle onderwerpen', f.topic === null)}${o.topics.map((t) => option(t.slug, t.name, f.topic === t.slug))}</select></div>
  <div class="field"><label for="v-q">Zoeken in de tekst of het nummer</label><input id="v-q" name="q" type="search" maxlength="200" value="${f.text ?? ''}"></div>
  <div class="field"><label for="v-sort">Sorteren op</label>
    <select id="v-sort" name="sort">
      ${option('gemaakt', 'Datum (nieuwste eerst)', f.sort === 'gemaakt')}
      ${option('termijn', 'Termijn (eerst verlopend eerst)', f.sort === 'termijn')}
      ${option('te-laat', 'Dagen over de termijn (meeste eerst)', f.sort === 'te-laat')}
    </select></div>
  <div class="field field--actions"><button type="submit">Filteren</button> <a href="/verzoeken">Filters wissen</a></div>
</form>`;
}

export function ledgerPage(list: PromiseList, f: LedgerFilters, options: LedgerOptions): PageContent {
  return {
    title: 'Toezeggingen en verzoeken',
    description: 'Wat de regering de Kamer verschuldigd is: toezeggingen van bewindspersonen, verzoeken van commissies en uitgestelde antwoorden, gevolgd tot ze zijn nagekomen.',
    body: html`<h1>Toezeggingen en verzoeken</h1>
<p>Wat de regering de Kamer verschuldigd is, naast antwoorden op Kamervragen: toezeggingen van bewindspersonen in debatten (uit het
toezeggingenregister van de Tweede Kamer), verzoeken van commissies om een brief, reactie of technische briefing, antwoorden die de
inhoud uitstellen ("in een aparte brief"), en verzoeken die wij zelf vastlegden. Elk gevolgd tot de brief of briefing die eraan voldoet.</p>
${filterForm(f, options)}
${ledgerResults(list, f)}`,
  };
}
