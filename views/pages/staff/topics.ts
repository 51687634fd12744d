// Editing a topic: its rules and excluded contexts, with a preview of the question sets that
// would be added and dropped. With htmx the preview updates as you type (GET, no state change);
// without JavaScript the "Voorbeeld bekijken" button POSTs the form (with its CSRF token, which must
// never go into a URL) to the preview endpoint and gets the edit page with the preview.
import type { Topic, TopicPreview } from '../../../server/staff/topics.ts';
import { formatNumber } from '../../format.ts';
import { html, type SafeHtml } from '../../html.ts';
import type { PageContent } from '../../layout.ts';
import { type Errors, errorSummary, fieldError, invalid, notice, type StaffContext, staffNav } from './common.ts';

export function topicListPage(ctx: StaffContext, topics: Topic[]): PageContent {
  return {
    title: 'Onderwerpen',
    body: html`${staffNav(ctx)}
<h1>Onderwerpen</h1>
<ul>${topics.map((t) => html`<li><a href="/staff/onderwerpen/${t.id}">${t.name}</a> (versie ${t.version}, ${t.terms.length} regels)</li>`)}</ul>`,
  };
}

export function previewFragment(p: TopicPreview): SafeHtml {
  const list = (items: TopicPreview['added']) =>
    items.length === 0
      ? html`<p>Geen.</p>`
      : html`<ul>${items.slice(0, 100).map((i) => html`<li><a href="/vragen/${i.nummer}">${i.nummer}</a> ${i.title}${i.terms.length ? html` <span class="meta">(${i.terms.join(', ')})</span>` : ''}</li>`)}</ul>${items.length > 100 ? html`<p>En nog ${formatNumber(items.length - 100)}.</p>` : ''}`;
  return html`<h2 id="h-preview">Voorbeeld</h2>
<p role="status">Met deze regels komen er <strong>${formatNumber(p.added.length)}</strong> sets vragen bij, vallen er <strong>${formatNumber(p.dropped.length)}</strong> af en blijven er ${formatNumber(p.kept)}.</p>
<h3>Erbij</h3>${list(p.added)}
<h3>Eraf</h3>${list(p.dropped)}`;
}

export function topicEditPage(ctx: StaffContext, t: Topic, values: { terms: string; excluded: string }, preview: TopicPreview | null, errors: Errors = {}, message?: string): PageContent {
  return {
    title: Object.keys(errors).length ? `Fout: onderwerp ${t.name}` : `Onderwerp bewerken: ${t.name}`,
    body: html`${staffNav(ctx)}
<p><a href="/staff/onderwerpen">Alle onderwerpen</a></p>
<h1>Onderwerp bewerken: ${t.name}</h1>
${notice(message)}
<p>Versie ${t.version}. Eén regel per regel; <code>a | b</code> betekent a of b, <code>a + b</code> betekent a en b samen. Uitgesloten contexten: één term per regel.</p>
${errorSummary(errors, { terms: 'Regels' })}
<form method="post" action="/staff/onderwerpen/${t.id}" id="topic-form">
  ${ctx.csrf}
  <div class="field"><label for="terms">Regels</label>
  <textarea id="terms" name="terms" rows="14" maxlength="50000"${invalid(errors, 'terms')}
    data-hx-get="/staff/onderwerpen/${t.id}/voorbeeld" data-hx-trigger="input changed delay:600ms" data-hx-target="#preview" data-hx-include="#terms, #excluded">${values.terms}</textarea>${fieldError(errors, 'terms')}</div>
  <div class="field"><label for="excluded">Uitgesloten contexten</label>
  <textarea id="excluded" name="excluded" rows="6" maxlength="20000"
    data-hx-get="/staff/onderwerpen/${t.id}/voorbeeld" data-hx-trigger="input changed delay:600ms" data-hx-target="#preview" data-hx-include="#terms, #excluded">${values.excluded}</textarea></div>
  <button type="submit" formaction="/staff/onderwerpen/${t.id}/voorbeeld">Voorbeeld bekijken</button>
  <button type="submit">Opslaan en opnieuw indelen</button>
</form>
<section id="preview" aria-live="polite" aria-labelledby="h-preview">${preview ? previewFragment(preview) : ''}</section>`,
  };
}
