import { html } from '../html.ts';
import type { PageContent } from '../layout.ts';

export function notFoundPage(): PageContent {
  return {
    title: 'Pagina niet gevonden',
    body: html`<h1>Pagina niet gevonden</h1>
<p>Deze pagina bestaat niet (meer). Controleer het adres, of ga naar het <a href="/">overzicht</a>.</p>`,
  };
}

export function errorPage(status: number, requestId: string, invalidFields: string[] = []): PageContent {
  return status >= 500
    ? {
        title: 'Er ging iets mis',
        body: html`<h1>Er ging iets mis</h1>
<p>Er is een fout opgetreden bij het maken van deze pagina. Probeer het later opnieuw.</p>
<p>Noem bij contact deze code: <code>${requestId}</code></p>`,
      }
    : {
        title: 'Verzoek niet verwerkt',
        body: html`<h1>Verzoek niet verwerkt</h1>
<p>Dit verzoek kon niet worden verwerkt (status ${status}).</p>
${invalidFields.length > 0 ? html`<p>Controleer de waarde van: ${invalidFields.map((f, i) => html`${i > 0 ? ', ' : ''}<strong>${f}</strong>`)}.</p>` : ''}
<p>Code: <code>${requestId}</code></p>`,
      };
}
