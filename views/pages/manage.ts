// The manage page behind the keyed link in every mail: state in words, pause/resume, change
// events and frequency, unsubscribe, delete everything. No account, no JavaScript needed.
import type { Subscription } from '../../server/alerts/subscriptions.ts';
import { formatDateTime } from '../format.ts';
import { html } from '../html.ts';
import type { CsrfField, PageContent } from '../layout.ts';
import { eventAndFrequencyFields, type FieldErrors } from './subscribe.ts';

const STATE_LABELS: Record<Subscription['state'], string> = {
  pending: 'Nog niet bevestigd',
  active: 'Actief',
  paused: 'Gepauzeerd',
  unsubscribed: 'Afgemeld',
};

export function managePage(sub: Subscription, token: string, description: string, csrf: CsrfField, errors: FieldErrors = {}, notice?: string): PageContent {
  const action = (path: string) => `/abonnement/${token}${path}`;
  const active = sub.state === 'active' || sub.state === 'paused';
  return {
    csrfToken: csrf.token,
    title: errors.events ? 'Fout in het formulier: abonnement beheren' : 'Abonnement beheren',
    body: html`<h1>Abonnement beheren</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<dl>
  <dt>Status</dt><dd>${STATE_LABELS[sub.state]}${sub.pauseReason ? html` — ${sub.pauseReason}` : ''}</dd>
  <dt>Wat u volgt</dt><dd>${description}</dd>
  ${sub.confirmedAt ? html`<dt>Bevestigd op</dt><dd>${formatDateTime(sub.confirmedAt)}</dd>` : ''}
</dl>
${active
  ? html`<form method="post" action="${action('/wijzigen')}">
  ${csrf}
  ${eventAndFrequencyFields(sub.events, sub.frequency, errors)}
  <button type="submit">Wijzigingen opslaan</button>
</form>
<form method="post" action="${action(sub.state === 'paused' ? '/hervatten' : '/pauzeren')}">
  ${csrf}
  <button type="submit">${sub.state === 'paused' ? 'Abonnement hervatten' : 'Abonnement pauzeren'}</button>
</form>
<form method="post" action="${action('/afmelden')}">
  <button type="submit">Afmelden</button>
</form>`
  : ''}
<h2>Uw gegevens wissen</h2>
<p>Dit wist direct al uw abonnementen op dit e-mailadres, met uw toestemmingsgegevens en alle nog niet verstuurde berichten.</p>
<form method="post" action="${action('/wissen')}">
  ${csrf}
  <button type="submit">Wis al mijn gegevens</button>
</form>`,
  };
}

export function unsubscribeConfirmPage(token: string): PageContent {
  return {
    title: 'Afmelden',
    body: html`<h1>Afmelden</h1>
<p>Wilt u geen e-mail meer ontvangen voor dit abonnement?</p>
<form method="post" action="/abonnement/${token}/afmelden">
  <button type="submit">Ja, meld mij af</button>
</form>`,
  };
}

export function unsubscribedPage(): PageContent {
  return {
    title: 'Afgemeld',
    body: html`<h1>U bent afgemeld</h1>
<p role="status">U ontvangt geen e-mail meer voor dit abonnement. Wij wissen uw adres automatisch na 30 dagen.</p>`,
  };
}

export function erasedPage(): PageContent {
  return {
    title: 'Gegevens gewist',
    body: html`<h1>Uw gegevens zijn gewist</h1>
<p role="status">Wij hebben al uw abonnementen en gegevens bij Kamerwacht verwijderd.</p>`,
  };
}
