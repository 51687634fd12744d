// Staff pages for the promises ledger: the requests staff recorded, the form to record one, one
// promise (of any source) with its status, links (confirm/reject), search-to-link and notes, the
// queue of suggested fulfilments to confirm or reject in one click, and the search page whose
// result list is also the htmx fragment.
import type { RequestKind, RequestStatus } from '../../../server/db/schema/index.ts';
import { STAFF_STATUSES } from '../../../server/requests/request-status.ts';
import type { Note } from '../../../server/staff/notes.ts';
import type { RequestForm, RequestFormErrors, SearchHit, StaffRequest, SuggestionRow } from '../../../server/staff/requests.ts';
import { formatDate, formatDateTime, isoDate } from '../../format.ts';
import { html, type SafeHtml } from '../../html.ts';
import type { PageContent } from '../../layout.ts';
import { KIND_LABELS, REQUEST_STATUS_LABELS, SOURCE_LABELS } from '../../promise-status.ts';
import { type Errors, errorSummary, fieldError, invalid, notice, type StaffContext, staffNav } from './common.ts';

const LINK_STATE = { suggested: 'Voorgesteld', confirmed: 'Bevestigd', rejected: 'Afgewezen' } as const;
const day = (d: string | null) => (d ? html`<time datetime="${isoDate(d)}">${formatDate(d)}</time>` : 'onbekend');

export function requestListPage(ctx: StaffContext, rows: { id: number; subject: string; kind: RequestKind; requestedOn: string | null; status: RequestStatus }[], message?: string): PageContent {
  return {
    title: 'Verzoeken (staf)',
    body: html`${staffNav(ctx)}
<h1>Vastgelegde briefing- en briefverzoeken</h1>
${notice(message)}
<p><a href="/staff/verzoeken/nieuw">Nieuw verzoek vastleggen</a> · <a href="/staff/suggesties">Voorgestelde nakomingen beoordelen</a> ·
<a href="/verzoeken">Alle toezeggingen en verzoeken</a> (ook uit het register en uit besluiten van commissies)</p>
${rows.length === 0
  ? html`<p>Nog geen verzoeken.</p>`
  : html`<table>
<caption class="visually-hidden">Verzoeken</caption>
<thead><tr><th scope="col">Datum</th><th scope="col">Soort</th><th scope="col">Onderwerp</th><th scope="col">Status</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${day(r.requestedOn)}</td><td>${KIND_LABELS[r.kind]}</td><td><a href="/staff/verzoeken/${r.id}">${r.subject}</a></td><td>${REQUEST_STATUS_LABELS[r.status]}</td></tr>`)}</tbody>
</table>`}`,
  };
}

const LABELS: Record<keyof RequestFormErrors | 'committee' | 'supporters' | 'sourceText' | 'dueText', string> = {
  kind: 'Soort verzoek',
  requestedOn: 'Datum van het verzoek',
  committee: 'Commissie',
  subject: 'Onderwerp',
  persons: 'Aanvragers',
  supporters: 'Steunende fracties',
  addressees: 'Gericht aan (ministeries)',
  sourceText: 'Brontekst',
  sourceUrl: 'Bron-URL',
  dueOn: 'Termijn (datum)',
  dueText: 'Termijn in woorden',
};

export function requestFormPage(ctx: StaffContext, values: RequestForm, errors: RequestFormErrors = {}): PageContent {
  const e = errors as Errors;
  const text = (name: keyof RequestForm, extra: SafeHtml | string = '') =>
    html`<div class="field"><label for="${name}">${LABELS[name]}</label>
    <input type="text" id="${name}" name="${name}" maxlength="500" value="${values[name]}"${invalid(e, name)}${extra}>${fieldError(e, name)}</div>`;
  return {
    title: Object.keys(errors).length ? 'Fout in het formulier: nieuw verzoek' : 'Nieuw verzoek vastleggen',
    body: html`${staffNav(ctx)}
<h1>Nieuw verzoek vastleggen</h1>
${errorSummary(e, LABELS)}
<form method="post" action="/staff/verzoeken" novalidate>
  ${ctx.csrf}
  <fieldset${invalid(e, 'kind')}>
    <legend>Soort verzoek</legend>${fieldError(e, 'kind')}
    <div class="check"><input type="radio" id="kind" name="kind" value="briefing"${values.kind !== 'letter' ? html` checked` : ''}><label for="kind">Briefing (bijvoorbeeld een technische briefing)</label></div>
    <div class="check"><input type="radio" id="kind-letter" name="kind" value="letter"${values.kind === 'letter' ? html` checked` : ''}><label for="kind-letter">Brief van de regering</label></div>
  </fieldset>
  <div class="field"><label for="requestedOn">${LABELS.requestedOn}</label>
    <input type="date" id="requestedOn" name="requestedOn" required value="${values.requestedOn}"${invalid(e, 'requestedOn')}>${fieldError(e, 'requestedOn')}</div>
  ${text('subject', html` required`)}
  <div class="field"><label for="dueOn">${LABELS.dueOn} (als die is afgesproken)</label>
    <input type="date" id="dueOn" name="dueOn" value="${values.dueOn}"${invalid(e, 'dueOn')}>${fieldError(e, 'dueOn')}</div>
  ${text('dueText')}
  <div class="field"><label for="persons">${LABELS.persons}: één per regel, als Naam (Partij)</label>
    <textarea id="persons" name="persons" rows="3" maxlength="2000"${invalid(e, 'persons')}>${values.persons}</textarea>${fieldError(e, 'persons')}</div>
  ${text('committee')}
  ${text('supporters')}
  ${text('addressees')}
  <div class="field"><label for="sourceText">${LABELS.sourceText} (waar het verzoek staat, bijvoorbeeld uit een nieuwsbericht of verslag)</label>
    <textarea id="sourceText" name="sourceText" rows="5" maxlength="10000">${values.sourceText}</textarea></div>
  ${text('sourceUrl')}
  <button type="submit">Verzoek opslaan</button>
</form>`,
  };
}

export function searchResults(hits: SearchHit[], q: string, requestId: number | null, csrf: SafeHtml): SafeHtml {
  if (q.trim().length < 2) return html`<p>Typ ten minste twee tekens.</p>`;
  if (hits.length === 0) return html`<p role="status">Niets gevonden voor ‘${q}’.</p>`;
  return html`<p role="status">${hits.length} resultaten voor ‘${q}’.</p>
<ul class="search-results">
${hits.map(
  (h) => html`<li>
  <strong>${h.soort ?? (h.kind === 'activiteit' ? 'Activiteit' : 'Document')}</strong>: ${h.title}
  <span class="meta">${h.number ? `${h.number} · ` : ''}${day(h.date)}</span>
  ${requestId !== null
    ? html`<form method="post" action="/staff/verzoeken/${requestId}/koppelingen">
    ${csrf}
    <input type="hidden" name="kind" value="${h.kind}">
    <input type="hidden" name="target" value="${h.id}">
    <button type="submit">Koppelen aan dit verzoek</button>
  </form>`
    : ''}
</li>`,
)}
</ul>`;
}

function searchForm(q: string, requestId: number | null): SafeHtml {
  return html`<form method="get" action="/staff/zoeken" role="search">
  ${requestId !== null ? html`<input type="hidden" name="verzoek" value="${requestId}">` : ''}
  <div class="field"><label for="q">Zoek een activiteit of document (onderwerp, titel of nummer)</label>
  <input type="search" id="q" name="q" maxlength="200" value="${q}" autocomplete="off"
    data-hx-get="/staff/zoeken" data-hx-trigger="input changed delay:300ms, search" data-hx-target="#zoekresultaten" data-hx-include="closest form" data-hx-push-url="false"></div>
  <button type="submit">Zoeken</button>
</form>`;
}

export function searchPage(ctx: StaffContext, q: string, requestId: number | null, hits: SearchHit[]): PageContent {
  return {
    title: q ? `Zoeken: ${q}` : 'Zoeken',
    body: html`${staffNav(ctx)}
<h1>Activiteiten en documenten zoeken</h1>
${requestId !== null ? html`<p><a href="/staff/verzoeken/${requestId}">Terug naar het verzoek</a></p>` : ''}
${searchForm(q, requestId)}
<div id="zoekresultaten" aria-live="polite">${q ? searchResults(hits, q, requestId, ctx.csrf) : ''}</div>`,
  };
}

export function notesSection(notes: Note[], action: string, csrf: SafeHtml, errors: Errors = {}): SafeHtml {
  return html`<section aria-labelledby="h-notes"><h2 id="h-notes">Notities (alleen voor staf)</h2>
${notes.length === 0 ? html`<p>Nog geen notities.</p>` : html`<ul class="notes">${notes.map((n) => html`<li><p>${n.body}</p><p class="meta">${n.author}, <time datetime="${n.createdAt.toISOString()}">${formatDateTime(n.createdAt)}</time></p></li>`)}</ul>`}
<form method="post" action="${action}">
  ${csrf}
  <div class="field"><label for="note">Nieuwe notitie</label>
  <textarea id="note" name="note" rows="3" maxlength="4000" required${invalid(errors, 'note')}></textarea>${fieldError(errors, 'note')}</div>
  <button type="submit">Notitie toevoegen</button>
</form></section>`;
}

export function requestDetailPage(ctx: StaffContext, r: StaffRequest, notes: Note[], message?: string, errors: Errors = {}): PageContent {
  return {
    title: `Verzoek: ${r.subject}`,
    body: html`${staffNav(ctx)}
<p><a href="/staff/verzoeken">Alle verzoeken</a></p>
<h1>${r.subject}</h1>
${notice(message)}
<p><a href="/verzoeken/${r.slug}">Openbare pagina</a></p>
<dl>
  <dt>Soort</dt><dd>${KIND_LABELS[r.kind]}${r.number ? ` ${r.number}` : ''} · ${SOURCE_LABELS[r.source]}</dd>
  <dt>Datum</dt><dd>${day(r.requestedOn)}</dd>
  <dt>Termijn</dt><dd>${r.dueOn ? day(r.dueOn) : r.dueText ? html`<q>${r.dueText}</q>` : 'geen termijn'}</dd>
  <dt>Status</dt><dd>${REQUEST_STATUS_LABELS[r.status]}${r.registerStatus ? ` (register: ${r.registerStatus})` : ''}${r.decidedStatus ? html` <small>— vastgelegd door ${r.decidedBy ?? 'de staf'}</small>` : ''}</dd>
  ${r.committee ? html`<dt>Commissie</dt><dd>${r.committee}</dd>` : ''}
  <dt>Aanvragers</dt><dd>${r.persons.length ? r.persons.map((p, i) => html`${i ? ', ' : ''}${p.name}${p.party ? ` (${p.party})` : ''}`) : '—'}</dd>
  <dt>Gesteund door</dt><dd>${r.supporterParties.join(', ') || '—'}</dd>
  <dt>Gericht aan</dt><dd>${r.addressees.join(', ')}</dd>
  ${r.sourceText ? html`<dt>Brontekst</dt><dd><blockquote>${r.sourceText}</blockquote></dd>` : ''}
</dl>
<section aria-labelledby="h-status"><h2 id="h-status">Status</h2>
<form method="post" action="/staff/verzoeken/${r.id}/status">
  ${ctx.csrf}
  <div class="field"><label for="status">Uitkomst (wint van het register en de koppelingen)</label>
  <select id="status" name="status">${STAFF_STATUSES.map(
    (s) => html`<option value="${s}"${s === (r.decidedStatus ?? 'open') ? html` selected` : ''}>${s === 'open' ? 'Geen besluit van de staf (status volgt uit de gegevens)' : REQUEST_STATUS_LABELS[s]}</option>`,
  )}</select></div>
  <button type="submit">Status opslaan</button>
</form></section>
<section aria-labelledby="h-links"><h2 id="h-links">Waarmee is het verzoek uitgevoerd?</h2>
${r.links.length === 0
  ? html`<p>Nog niets gekoppeld.</p>`
  : html`<div class="table-scroll" role="region" aria-label="Koppelingen" tabindex="0"><table><caption class="visually-hidden">Koppelingen</caption>
<thead><tr><th scope="col">Soort</th><th scope="col">Titel</th><th scope="col">Datum</th><th scope="col">Stand</th><th scope="col">Actie</th></tr></thead>
<tbody>${r.links.map(
      (l) => html`<tr><td>${l.kind}</td><td>${l.title}</td><td>${day(l.date)}</td><td>${LINK_STATE[l.state]}</td><td>
  ${l.state !== 'confirmed' ? html`<form method="post" action="/staff/verzoeken/${r.id}/koppelingen/${l.id}">${ctx.csrf}<input type="hidden" name="besluit" value="bevestigen"><button type="submit">Bevestigen</button></form>` : ''}
  ${l.state !== 'rejected' ? html`<form method="post" action="/staff/verzoeken/${r.id}/koppelingen/${l.id}">${ctx.csrf}<input type="hidden" name="besluit" value="afwijzen"><button type="submit">Afwijzen</button></form>` : ''}
</td></tr>`,
    )}</tbody></table></div>`}
<h3>Koppelen via zoeken</h3>
${searchForm('', r.id)}
<div id="zoekresultaten" aria-live="polite"></div>
</section>
${notesSection(notes, `/staff/verzoeken/${r.id}/notities`, ctx.csrf, errors)}`,
  };
}

function reasonText(reason: Record<string, unknown> | null): string {
  if (!reason) return '';
  const why = { zaak: 'in dezelfde zaak', dossier: 'in hetzelfde dossier', committee: 'van dezelfde commissie' }[String(reason.why)] ?? '';
  const terms = [...(Array.isArray(reason.sharedTerms) ? reason.sharedTerms : []), ...(Array.isArray(reason.topicTerms) ? reason.topicTerms : [])];
  return [why, terms.length > 0 ? `gedeelde woorden: ${terms.join(', ')}` : ''].filter(Boolean).join('; ');
}

function decisionForms(ctx: StaffContext, s: SuggestionRow): SafeHtml {
  const form = (value: 'bevestigen' | 'afwijzen', label: string) =>
    html`<form method="post" action="/staff/verzoeken/${s.requestId}/koppelingen/${s.linkId}">${ctx.csrf}<input type="hidden" name="besluit" value="${value}"><input type="hidden" name="terug" value="suggesties"><button type="submit">${label}</button></form>`;
  return html`${form('bevestigen', 'Bevestigen')} ${form('afwijzen', 'Afwijzen')}`;
}

/** The queue of suggested fulfilments: one click confirms or rejects; decided ones stay listed with who decided. */
export function suggestionsPage(ctx: StaffContext, rows: { open: SuggestionRow[]; decided: SuggestionRow[] }, message?: string): PageContent {
  const promise = (s: SuggestionRow) => html`<a href="/staff/verzoeken/${s.requestId}">${s.subject}</a><br><small>${SOURCE_LABELS[s.source as keyof typeof SOURCE_LABELS] ?? s.source}${s.number ? ` ${s.number}` : ''}</small>`;
  const target = (s: SuggestionRow) => html`${s.target.kind === 'activiteit' ? 'Activiteit' : 'Document'}: ${s.target.title}${s.target.date ? html`<br><small>${day(s.target.date)}</small>` : ''}`;
  return {
    title: 'Voorgestelde nakomingen',
    body: html`${staffNav(ctx)}
<h1>Voorgestelde nakomingen</h1>
${notice(message)}
<p>Kamerwacht stelt brieven en briefings voor die een verzoek of toezegging kunnen nakomen. Bevestig of wijs af; beide blijven bewaard,
met wie besloot en wanneer. Een afgewezen voorstel komt niet terug.</p>
<h2>Te beoordelen (${rows.open.length})</h2>
${rows.open.length === 0
  ? html`<p>Er zijn geen voorstellen om te beoordelen.</p>`
  : html`<div class="table-scroll" role="region" aria-label="Te beoordelen voorstellen" tabindex="0"><table><caption class="visually-hidden">Te beoordelen voorstellen</caption>
<thead><tr><th scope="col">Verzoek of toezegging</th><th scope="col">Voorgesteld</th><th scope="col">Waarom</th><th scope="col">Besluit</th></tr></thead>
<tbody>${rows.open.map((s) => html`<tr><td>${promise(s)}</td><td>${target(s)}</td><td>${reasonText(s.reason)}<br><small>voorgesteld ${formatDateTime(s.createdAt)}</small></td><td>${decisionForms(ctx, s)}</td></tr>`)}</tbody></table></div>`}
<h2>Laatst beoordeeld</h2>
${rows.decided.length === 0
  ? html`<p>Nog niets beoordeeld.</p>`
  : html`<div class="table-scroll" role="region" aria-label="Beoordeelde voorstellen" tabindex="0"><table><caption class="visually-hidden">Beoordeelde voorstellen</caption>
<thead><tr><th scope="col">Verzoek of toezegging</th><th scope="col">Voorgesteld</th><th scope="col">Besluit</th></tr></thead>
<tbody>${rows.decided.map((s) => html`<tr><td>${promise(s)}</td><td>${target(s)}</td><td>${LINK_STATE[s.state]}${s.decidedBy ? ` door ${s.decidedBy}` : ''}${s.decidedAt ? html`<br><small>${formatDateTime(s.decidedAt)}</small>` : ''}</td></tr>`)}</tbody></table></div>`}`,
  };
}
