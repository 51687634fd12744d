// Sign-in and set-password pages. The same message for every failed sign-in (no enumeration).
import { html, type SafeHtml } from '../../html.ts';
import type { PageContent } from '../../layout.ts';
import { type Errors, errorSummary, fieldError, invalid, notice } from './common.ts';

export function loginPage(csrf: SafeHtml, values: { email: string; next: string }, error?: string, message?: string): PageContent {
  return {
    title: error ? 'Fout bij inloggen' : 'Inloggen voor staf',
    body: html`<h1>Inloggen voor staf</h1>
${notice(message)}
${error ? html`<div class="error-summary" role="alert"><p id="login-error"><strong>Fout:</strong> ${error}</p></div>` : ''}
<form method="post" action="/staff/inloggen">
  ${csrf}
  <input type="hidden" name="next" value="${values.next}">
  <div class="field">
    <label for="email">E-mailadres</label>
    <input type="email" id="email" name="email" autocomplete="username" required maxlength="254" value="${values.email}"${error ? html` aria-describedby="login-error"` : ''}>
  </div>
  <div class="field">
    <label for="password">Wachtwoord</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="128"${error ? html` aria-describedby="login-error"` : ''}>
  </div>
  <button type="submit">Inloggen</button>
</form>`,
  };
}

export function setPasswordPage(token: string, email: string, csrf: SafeHtml, errors: Errors = {}): PageContent {
  return {
    title: Object.keys(errors).length ? 'Fout: wachtwoord instellen' : 'Wachtwoord instellen',
    body: html`<h1>Wachtwoord instellen</h1>
<p>Voor het stafaccount ${email}. Deze link werkt één keer en 24 uur lang.</p>
${errorSummary(errors, { password: 'Nieuw wachtwoord', confirm: 'Herhaal het wachtwoord' })}
<form method="post" action="/staff/wachtwoord/${token}">
  ${csrf}
  <input type="text" name="username" autocomplete="username" value="${email}" hidden>
  <div class="field">
    <label for="password">Nieuw wachtwoord (ten minste 12 tekens)</label>
    <input type="password" id="password" name="password" autocomplete="new-password" required minlength="12" maxlength="128"${invalid(errors, 'password')}>
    ${fieldError(errors, 'password')}
  </div>
  <div class="field">
    <label for="confirm">Herhaal het wachtwoord</label>
    <input type="password" id="confirm" name="confirm" autocomplete="new-password" required maxlength="128"${invalid(errors, 'confirm')}>
    ${fieldError(errors, 'confirm')}
  </div>
  <button type="submit">Wachtwoord opslaan</button>
</form>`,
  };
}

export function invalidPasswordLinkPage(): PageContent {
  return {
    title: 'Link ongeldig of verlopen',
    body: html`<h1>Link ongeldig of verlopen</h1>
<p>Deze link werkt niet (meer): hij is al gebruikt, verlopen of niet helemaal gekopieerd. Vraag een beheerder om een nieuwe link.</p>`,
  };
}

export function tooManyAttemptsPage(): PageContent {
  return {
    title: 'Even wachten',
    body: html`<h1>Even wachten</h1>
<p role="status">Er is in korte tijd te vaak geprobeerd in te loggen. Probeer het over een kwartier opnieuw.</p>`,
  };
}
