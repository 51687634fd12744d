import type { RequestView } from '../../server/requests/list-requests.ts';
import { formatDate, formatMonth, isoDate } from '../format.ts';
import { html, safeUrl, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';

export const REQUEST_STATUS_LABELS: Record<RequestView['status'], string> = {
  requested: 'Aangevraagd',
  scheduled: 'Gepland',
  fulfilled: 'Uitgevoerd',
  declined: 'Afgewezen',
  lapsed: 'Vervallen',
};

const KIND_LABELS: Record<RequestView['kind'], string> = { briefing: 'Briefing', letter: 'Brief' };

// Status is given in words with an icon, never by colour alone.
const STATUS_ICONS: Record<RequestView['status'], string> = {
  requested: '○',
  scheduled: '◔',
  fulfilled: '✓',
  declined: '✕',
  lapsed: '–',
};

function requestedOn(r: RequestView): SafeHtml | string {
  if (!r.requestedOn) return 'onbekend';
  const label = r.requestedOnPrecision === 'month' ? formatMonth(r.requestedOn) : formatDate(r.requestedOn);
  return html`<time datetime="${r.requestedOnPrecision === 'month' ? r.requestedOn.slice(0, 7) : isoDate(r.requestedOn)}">${label}</time>`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a link points. A Kamerstuk goes to officielebekendmakingen.nl; a mirrored document to its
 * file in the Gegevensmagazijn (`Document(<Id>)/resource`). Activities have no page address in the
 * open data we can vouch for, so they show their title, number and date only.
 */
function linkHref(l: RequestView['links'][number]): string | null {
  if (l.kind === 'kamerstuk') return `https://zoek.officielebekendmakingen.nl/kst-${l.target}.html`;
  if (l.kind === 'document' && GUID.test(l.target)) return `https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Document(${l.target.toLowerCase()})/resource`;
  return null;
}

function link(l: RequestView['links'][number]): SafeHtml {
  const label = l.kind === 'kamerstuk' ? `Kamerstuk ${l.target.replace('-', ', nr. ')}` : l.title;
  const href = linkHref(l);
  const extra = [
    ...(l.nummer ? [l.kind === 'activiteit' ? `activiteit ${l.nummer}` : l.nummer] : []),
    ...(l.activityStatus === 'Geannuleerd' ? ['geannuleerd'] : []),
  ];
  return html`<li>${href ? html`<a href="${href}">${label}</a>` : label}${l.kind === 'kamerstuk' ? html`: ${l.title}` : ''}${
    l.date ? html` (<time datetime="${isoDate(l.date)}">${formatDate(l.date)}</time>)` : ''
  }${extra.length > 0 ? `, ${extra.join(', ')}` : ''}${l.state === 'suggested' ? ' — voorgesteld, nog niet bevestigd' : ''}</li>`;
}

function requester(r: RequestView): SafeHtml | string {
  const persons = r.persons.map((p) => (p.party ? `${p.name} (${p.party})` : p.name));
  const who = [...(r.committee ? [`vaste commissie ${r.committee}`] : []), ...persons];
  return who.length > 0 ? who.join(', ') : r.requesterParties.join(', ') || 'onbekend';
}

function requestItem(r: RequestView): SafeHtml {
  const links = r.links.filter((l) => l.state !== 'rejected');
  return html`<article class="request" id="${r.slug}">
  <h2>${r.subject}</h2>
  <p class="meta">${KIND_LABELS[r.kind]} · gevraagd ${requestedOn(r)}</p>
  <dl class="facts">
    <dt>Status</dt><dd class="status"><span aria-hidden="true">${STATUS_ICONS[r.status]}</span> ${REQUEST_STATUS_LABELS[r.status]}</dd>
    <dt>Gevraagd door</dt><dd>${requester(r)}</dd>
    ${r.supporterParties.length > 0 ? html`<dt>Gesteund door</dt><dd>${r.supporterParties.join(', ')}</dd>` : ''}
    ${r.addressees.length > 0 ? html`<dt>Gericht aan</dt><dd>${r.addressees.join(', ')}</dd>` : ''}
    <dt>Uitgevoerd met</dt><dd>${links.length > 0 ? html`<ul>${links.map(link)}</ul>` : 'nog niets'}</dd>
  </dl>
  ${r.description ? html`<p>${r.description}</p>` : ''}
  ${r.sourceText ? html`<details><summary>Brontekst</summary><blockquote>${r.sourceText}</blockquote>${
    r.sourceUrl ? html`<p><a href="${safeUrl(r.sourceUrl)}">Bron</a></p>` : ''
  }</details>` : ''}
</article>`;
}

export function requestsPage(requests: RequestView[]): PageContent {
  return {
    title: 'Verzoeken om briefings en brieven',
    body: html`
<h1>Verzoeken om briefings en brieven</h1>
<p>Verzoeken van Kamerleden en commissies aan het kabinet om een technische briefing of een brief, gevolgd tot de
briefing of brief die eraan voldoet.</p>
${requests.length === 0 ? html`<p>Er zijn nog geen verzoeken vastgelegd.</p>` : requests.map(requestItem)}`,
  };
}
