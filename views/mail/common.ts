// Shared pieces of every Kamerwacht mail: a plain HTML frame with inline-free markup (no remote
// images, no tracking pixels, no scripts) and the footer with the manage and unsubscribe links.
import { html, safeUrl, type SafeHtml } from '../html.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface ManageLinks {
  manageUrl: string;
  unsubscribeUrl: string;
}

export function frame(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
</body>
</html>`.value;
}

export function footerHtml(links: ManageLinks, filterDescription: string): SafeHtml {
  return html`<hr>
<p>U ontvangt dit bericht omdat u zich hebt aangemeld bij Kamerwacht: ${filterDescription}</p>
<p><a href="${safeUrl(links.manageUrl)}">Abonnement beheren</a> (pauzeren, wijzigen, afmelden of uw gegevens wissen)
· <a href="${safeUrl(links.unsubscribeUrl)}">Direct afmelden</a></p>`;
}

export function footerText(links: ManageLinks, filterDescription: string): string {
  return [
    '--',
    `U ontvangt dit bericht omdat u zich hebt aangemeld bij Kamerwacht: ${filterDescription}`,
    `Abonnement beheren (pauzeren, wijzigen, afmelden, gegevens wissen): ${links.manageUrl}`,
    `Direct afmelden: ${links.unsubscribeUrl}`,
  ].join('\n');
}
