// The index pages: /fracties, /ministeries and /personen (with a name search).
import type { MinistryEntry, PartyEntry, PersonEntry } from '../../server/browse/indexes.ts';
import { formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';

const n = (v: number) => formatNumber(v);
const partyHref = (afkorting: string) => `/fracties/${encodeURIComponent(afkorting)}`;

function partyRows(parties: PartyEntry[]): SafeHtml {
  return html`<table class="stack">
<caption class="visually-hidden">Fracties</caption>
<thead><tr><th scope="col">Fractie</th><th scope="col">Naam</th><th scope="col">Zetels nu</th><th scope="col">Oud-leden</th><th scope="col">Sets vragen</th></tr></thead>
<tbody>${parties.map(
    (p) => html`<tr><td data-label="Fractie"><a href="${partyHref(p.afkorting)}">${p.afkorting}</a></td><td data-label="Naam">${p.name ?? '–'}</td><td data-label="Zetels nu">${n(p.currentSeats)}</td><td data-label="Oud-leden">${n(p.formerMembers)}</td><td data-label="Sets vragen">${n(p.questionSets)}</td></tr>`,
  )}</tbody>
</table>`;
}

export function partiesPage(parties: PartyEntry[]): PageContent {
  const current = parties.filter((p) => p.currentSeats > 0);
  const former = parties.filter((p) => p.currentSeats === 0);
  return {
    title: 'Fracties',
    description: 'Alle fracties in de Tweede Kamer, met hun zetels en schriftelijke vragen.',
    body: html`<h1>Fracties</h1>
<p>Fracties met hun zetels nu, hun oud-leden en het aantal sets schriftelijke vragen die hun leden indienden
(de fractie bij het indienen telt). Op de pagina van een fractie staan de vragen en hoe snel ze beantwoord werden.</p>
<h2>In de Kamer</h2>
${current.length === 0 ? html`<p>Nog geen fracties met zetels in de gegevens.</p>` : partyRows(current)}
<h2>Vroegere fracties</h2>
${former.length === 0 ? html`<p>Geen vroegere fracties in de gegevens.</p>` : partyRows(former)}`,
  };
}

export function ministriesPage(ministries: MinistryEntry[]): PageContent {
  return {
    title: 'Ministeries',
    description: 'Alle ministeries met hun schriftelijke vragen, de te late antwoorden en de bewindspersonen.',
    body: html`<h1>Ministeries</h1>
<p>Ministeries waaraan schriftelijke vragen gericht zijn, met de bewindspersonen aan wie hun recentste vragen
gericht waren. Zie ook de <a href="/vragen/te-laat">te late antwoorden per ministerie</a>.</p>
${ministries.length === 0
  ? html`<p>Nog geen vragen aan ministeries in de gegevens.</p>`
  : html`<table class="stack">
<caption class="visually-hidden">Ministeries</caption>
<thead><tr><th scope="col">Ministerie</th><th scope="col">Bewindspersonen (recent aangeschreven)</th><th scope="col">Sets vragen</th><th scope="col">Wachten op antwoord</th><th scope="col">Te laat</th></tr></thead>
<tbody>${ministries.map(
    (m) => html`<tr><td data-label="Ministerie"><a href="/ministeries/${encodeURIComponent(m.code)}">${m.name}</a> (${m.code})</td>
<td data-label="Bewindspersonen">${m.recentMinisters.length === 0 ? '–' : m.recentMinisters.map((p, i) => html`${i > 0 ? html`<br>` : ''}${p.name}${p.post ? html` <small>(${p.post})</small>` : ''}`)}</td>
<td data-label="Sets vragen">${n(m.questionSets)}</td>
<td data-label="Wachten op antwoord">${n(m.waiting)}</td>
<td data-label="Te laat">${m.overdue > 0 ? html`<a href="/vragen/te-laat?ministerie=${encodeURIComponent(m.code)}">${n(m.overdue)}</a>` : '0'}</td></tr>`,
  )}</tbody>
</table>`}`,
  };
}

export function peoplePage(people: PersonEntry[], more: boolean, search: string | null): PageContent {
  return {
    title: search ? `Kamerleden: ${search}` : 'Kamerleden',
    description: 'Kamerleden met hun fractie en hun schriftelijke vragen; zoek op naam.',
    body: html`<h1>Kamerleden</h1>
<p>Kamerleden met een zetel nu, en iedereen die vragen indiende die Kamerwacht volgt.</p>
<form class="filters" method="get" action="/personen" role="search">
  <div class="field field--wide"><label for="f-naam">Zoeken op naam</label><input id="f-naam" name="naam" type="search" value="${search ?? ''}"></div>
  <div class="field field--actions"><button type="submit">Zoeken</button>${search ? html` <a href="/personen">Wissen</a>` : ''}</div>
</form>
<p role="status"><strong>${n(people.length)}${more ? '+' : ''}</strong> ${people.length === 1 ? 'Kamerlid' : 'Kamerleden'}${search ? html` met <q>${search}</q> in de naam` : ''}.${more ? ' Verfijn de zoekopdracht om de rest te zien.' : ''}</p>
${people.length === 0
  ? html`<p>Geen Kamerleden gevonden.</p>`
  : html`<table class="stack">
<caption class="visually-hidden">Kamerleden</caption>
<thead><tr><th scope="col">Naam</th><th scope="col">Fractie nu</th><th scope="col">Sets vragen</th></tr></thead>
<tbody>${people.map(
    (p) => html`<tr><td data-label="Naam"><a href="/personen/${p.id}">${p.name}</a></td><td data-label="Fractie nu">${p.currentParty ? html`<a href="${partyHref(p.currentParty)}">${p.currentParty}</a>` : '–'}</td><td data-label="Sets vragen">${n(p.questionSets)}</td></tr>`,
  )}</tbody>
</table>`}`,
  };
}
