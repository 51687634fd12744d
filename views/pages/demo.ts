// /demo: the demo's own page. It tells a newcomer how to try the alerts on the demo data, moves
// the demo's date on to the feed's next moment, and shows the mails written to DATA_DIR/mail/.
import { formatDate, formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { CsrfField, PageContent } from '../layout.ts';

export interface DemoMail {
  file: string;
  to: string;
  subject: string;
  date: Date | null;
}

export function demoPage(now: Date, next: Date | null, mails: DemoMail[], csrf: CsrfField): PageContent {
  return {
    title: 'Demo: e-mailberichten uitproberen',
    csrfToken: csrf.token,
    body: html`<h1>Demo: e-mailberichten uitproberen</h1>
<p>De demo staat op <strong>${formatDate(now)}</strong>. Zo ziet u welke berichten Kamerwacht stuurt:</p>
<ol>
  <li>Kies op een vraagpagina <a href="/vragen/2025Z18977">Volg deze vraag</a> (of <a href="/abonneren">abonneer</a> op het onderwerp) en meld u aan met een willekeurig adres.</li>
  <li>Open hieronder de bevestigingsmail en bevestig via de link daarin.</li>
  <li>Zet de demo verder in de tijd: er komen nieuwe vragen, termijnen verlopen en antwoorden komen binnen. De berichten daarover verschijnen hieronder.</li>
</ol>
${next
  ? html`<form method="post" action="/demo/verder">${csrf}<button type="submit">Verder naar ${formatDate(next)}</button></form>`
  : html`<p>Dit is het einde van het demoverhaal. Begin opnieuw door de map met demogegevens te wissen en <code>npm run demo</code> opnieuw te starten.</p>`}
<h2>Verstuurde e-mails</h2>
${mails.length === 0
  ? html`<p>Nog geen e-mails.</p>`
  : html`<table class="stack">
<caption class="visually-hidden">Verstuurde e-mails, nieuwste eerst</caption>
<thead><tr><th scope="col">Verstuurd</th><th scope="col">Aan</th><th scope="col">Onderwerp</th></tr></thead>
<tbody>${mails.map((m) => html`<tr><td data-label="Verstuurd">${m.date ? formatDateTime(m.date) : '–'}</td><td data-label="Aan">${m.to}</td><td data-label="Onderwerp"><a href="/demo/mail/${encodeURIComponent(m.file)}">${m.subject}</a></td></tr>`)}</tbody>
</table>`}
<p class="meta">Zonder <code>SMTP_URL</code> schrijft Kamerwacht elke e-mail als <code>.eml</code>-bestand in de map <code>mail</code> van de demogegevens; dit zijn die bestanden.</p>`,
  };
}

/** The mail's text with its http(s) links clickable (confirm, manage, unsubscribe). */
function withLinks(text: string): SafeHtml[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : html`${part}`));
}

export function demoMailPage(mail: DemoMail, text: string): PageContent {
  return {
    title: mail.subject,
    body: html`<p class="meta"><a href="/demo">Demo</a> › e-mail</p>
<h1>${mail.subject}</h1>
<p class="meta">Aan ${mail.to}${mail.date ? html`, ${formatDateTime(mail.date)}` : ''}</p>
<pre class="mail-text">${withLinks(text)}</pre>`,
  };
}
