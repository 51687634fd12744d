// The confirmation mail of the double opt-in, strictly a confirmation (no promotion), and the
// mail an already subscribed address gets instead (same form answer, so no enumeration).
import { html, safeUrl } from '../html.ts';
import { frame, type MailContent } from './common.ts';

export function confirmMail(confirmUrl: string, filterDescription: string, validDays: number): MailContent {
  const subject = 'Bevestig uw aanmelding bij Kamerwacht';
  const text = [
    'Iemand, waarschijnlijk u, heeft dit e-mailadres aangemeld voor e-mailberichten van Kamerwacht:',
    filterDescription,
    '',
    `Bevestigen kan op deze pagina (met één knop): ${confirmUrl}`,
    `De link is ${validDays} dagen geldig. Deed u dit niet? Dan hoeft u niets te doen; zonder bevestiging sturen wij niets en wissen wij het adres na ${validDays} dagen.`,
  ].join('\n');
  const body = html`<p>Iemand, waarschijnlijk u, heeft dit e-mailadres aangemeld voor e-mailberichten van Kamerwacht:</p>
<p>${filterDescription}</p>
<p><a href="${safeUrl(confirmUrl)}">Open de bevestigingspagina</a> en klik daar op de knop om te bevestigen.</p>
<p>De link is ${validDays} dagen geldig. Deed u dit niet? Dan hoeft u niets te doen; zonder bevestiging sturen wij niets en wissen wij het adres na ${validDays} dagen.</p>`;
  return { subject, text, html: frame(subject, body) };
}

export function alreadySubscribedMail(manageUrl: string, filterDescription: string): MailContent {
  const subject = 'U bent al aangemeld bij Kamerwacht';
  const text = [
    'Iemand, waarschijnlijk u, vroeg opnieuw om e-mailberichten van Kamerwacht voor:',
    filterDescription,
    '',
    'Dit adres is daarvoor al aangemeld. Uw abonnement beheren kan hier:',
    manageUrl,
  ].join('\n');
  const body = html`<p>Iemand, waarschijnlijk u, vroeg opnieuw om e-mailberichten van Kamerwacht voor:</p>
<p>${filterDescription}</p>
<p>Dit adres is daarvoor al aangemeld. <a href="${safeUrl(manageUrl)}">Beheer uw abonnement</a>.</p>`;
  return { subject, text, html: frame(subject, body) };
}
