// /staff/quarantaine: feed entries set aside because they cannot be stored (server/sync/quarantine.ts).
import type { SetAside } from '../../../server/sync/quarantine.ts';
import { formatDateTime } from '../../format.ts';
import { html } from '../../html.ts';
import type { PageContent } from '../../layout.ts';
import { type StaffContext, staffNav } from './common.ts';

const at = (d: Date) => html`<time datetime="${d.toISOString()}">${formatDateTime(d)}</time>`;

export function quarantinePage(ctx: StaffContext, entries: SetAside[]): PageContent {
  return {
    title: 'Apart gezette feedregels',
    body: html`${staffNav(ctx)}
<h1>Apart gezette feedregels</h1>
<p>Regels uit de SyncFeed van de Tweede Kamer die niet konden worden opgeslagen, bijvoorbeeld omdat een ID geen geldige GUID is. De rest van hun pagina is wel verwerkt. Elke synchronisatie probeert ze opnieuw; lukt dat, dan verdwijnen ze van deze lijst.</p>
${
  entries.length === 0
    ? html`<p role="status">Er staan geen regels apart.</p>`
    : html`<p role="status">${entries.length === 1 ? 'Er staat 1 regel apart.' : `Er staan ${entries.length} regels apart.`}</p>
${entries.map(
  (e) => html`<section class="set-aside" aria-labelledby="set-aside-${e.id}">
  <h2 id="set-aside-${e.id}">${e.category} ${e.entityId ?? '(zonder ID)'}</h2>
  <dl class="facts">
    <dt>Reden</dt><dd>${e.reason}</dd>
    <dt>Bijgewerkt</dt><dd>${e.bijgewerkt ?? 'onbekend'}</dd>
    <dt>Eerst gezien</dt><dd>${at(e.firstSeenAt)}</dd>
    <dt>Laatste poging</dt><dd>${at(e.lastTriedAt)} (${e.attempts === 1 ? '1 poging' : `${e.attempts} pogingen`})</dd>
    <dt>Pagina</dt><dd>${e.skiptoken ?? 'eerste pagina'}</dd>
  </dl>
  ${e.xml ? html`<details><summary>XML zoals ontvangen</summary><pre class="raw-xml">${e.xml}</pre></details>` : html`<p>De XML was bij het opnieuw ophalen niet meer beschikbaar.</p>`}
</section>`,
)}`
}`,
  };
}
