// Shared pieces of the staff pages: the staff menu (with the logout button), field errors tied to
// their field, and an error summary. Staff pages are never linked from the public menu.
import { html, type SafeHtml } from '../../html.ts';

export interface StaffContext {
  email: string;
  role: 'staff' | 'admin';
  csrf: SafeHtml;
  path: string;
}

export type Errors = Record<string, string>;

const MENU = [
  { href: '/staff', label: 'Dashboard' },
  { href: '/staff/verzoeken', label: 'Verzoeken' },
  { href: '/staff/suggesties', label: 'Voorstellen' },
  { href: '/staff/zoeken', label: 'Zoeken' },
  { href: '/staff/onderwerpen', label: 'Onderwerpen' },
  { href: '/staff/quarantaine', label: 'Apart gezet' },
] as const;

export function staffNav(ctx: StaffContext): SafeHtml {
  const items = ctx.role === 'admin' ? [...MENU, { href: '/staff/audit', label: 'Auditlog' }] : MENU;
  return html`<nav class="staff-nav" aria-label="Stafmenu">
  <ul>
    ${items.map((i) => html`<li><a href="${i.href}"${ctx.path === i.href ? html` aria-current="page"` : ''}>${i.label}</a></li>`)}
  </ul>
  <form method="post" action="/staff/uitloggen">
    ${ctx.csrf}
    <p>Ingelogd als ${ctx.email} (${ctx.role === 'admin' ? 'beheerder' : 'staf'}) <button type="submit">Uitloggen</button></p>
  </form>
</nav>`;
}

export function fieldError(errors: Errors, field: string): SafeHtml | string {
  const msg = errors[field];
  return msg ? html`<p class="field-error" id="${field}-error"><strong>Fout:</strong> ${msg}</p>` : '';
}

export function invalid(errors: Errors, field: string): SafeHtml | string {
  return errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : '';
}

export function errorSummary(errors: Errors, labels: Record<string, string>): SafeHtml | string {
  const list = Object.entries(errors);
  if (list.length === 0) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">Het formulier is nog niet goed ingevuld</h2>
  <ul>${list.map(([f, m]) => html`<li><a href="#${f}">${labels[f] ?? f}: ${m}</a></li>`)}</ul>
</div>`;
}

export function notice(text: string | undefined): SafeHtml | string {
  return text ? html`<p class="notice" role="status">${text}</p>` : '';
}
