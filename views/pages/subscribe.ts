// The subscribe form, the "check your mailbox" answer, the confirm landing page (a button, since
// link scanners fetch GET links) and the pages around them. All text is Dutch; every field has a
// label, groups have a legend, errors are tied to their field with aria-describedby.
import type { FilterOptions } from '../../server/alerts/filters.ts';
import { formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { CsrfField, PageContent } from '../layout.ts';

const EVENT_OPTIONS: { value: string; label: string }[] = [
  { value: 'asked', label: 'Nieuwe vragen gesteld' },
  { value: 'delay_notice', label: 'Uitstelbericht ontvangen' },
  { value: 'due_soon', label: 'Antwoordtermijn verloopt binnenkort' },
  { value: 'overdue', label: 'Antwoord te laat' },
  { value: 'answered', label: 'Beantwoord (op tijd of te laat)' },
  { value: 'answered_late', label: 'Alleen als er te laat is beantwoord' },
];

/** Events of the promises ledger (toezeggingen, verzoeken, uitgestelde antwoorden). */
const PROMISE_EVENT_OPTIONS: { value: string; label: string }[] = [
  { value: 'promise_made', label: 'Nieuwe toezegging of nieuw verzoek' },
  { value: 'promise_due_soon', label: 'Termijn verloopt binnenkort' },
  { value: 'promise_overdue', label: 'Over de termijn' },
  { value: 'promise_fulfilled', label: 'Nagekomen (of vervallen, afgewezen)' },
  { value: 'promise_rappel', label: 'Elke week de rappel: alles wat over de termijn is (bij een ministerie)' },
];

export interface SubscribeFormValues {
  email: string;
  kind: string;
  topic: string;
  party: string;
  member: string;
  ministry: string;
  question: string;
  /** The slug of a promise (filter kind `promise`). */
  promise: string;
  /** Search words (filter kind `keyword`). */
  keyword: string;
  events: string[];
  frequency: string;
}

export type FieldErrors = Partial<Record<'email' | 'kind' | 'topic' | 'party' | 'member' | 'ministry' | 'question' | 'promise' | 'keyword' | 'events' | 'frequency', string>>;

export const EMPTY_FORM: SubscribeFormValues = {
  email: '',
  kind: 'topic',
  topic: '',
  party: '',
  member: '',
  ministry: '',
  question: '',
  promise: '',
  keyword: '',
  // A topic subscription hears of new questions and nearing deadlines too: that is what a
  // watchdog subscribes to a topic for.
  events: ['asked', 'delay_notice', 'due_soon', 'overdue', 'answered'],
  frequency: 'immediate',
};

const FIELD_LABELS: Record<keyof FieldErrors, string> = {
  email: 'E-mailadres',
  kind: 'Wat wilt u volgen',
  topic: 'Onderwerp',
  party: 'Partij',
  member: 'Kamerlid',
  ministry: 'Ministerie',
  question: 'Zaaknummer',
  promise: 'Adres van de toezegging of het verzoek',
  keyword: 'Zoekwoorden',
  events: 'Gebeurtenissen',
  frequency: 'Hoe vaak',
};

function errorText(errors: FieldErrors, field: keyof FieldErrors): SafeHtml | string {
  const msg = errors[field];
  return msg ? html`<p class="field-error" id="${field}-error"><strong>Fout:</strong> ${msg}</p>` : '';
}

function invalidAttrs(errors: FieldErrors, field: keyof FieldErrors): SafeHtml | string {
  return errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : '';
}

/** The events and frequency fieldsets, shared by the subscribe form and the manage page. */
export function eventAndFrequencyFields(events: readonly string[], frequency: string, errors: FieldErrors): SafeHtml {
  const box = (o: { value: string; label: string }) => html`<div class="check">
      <input type="checkbox" id="events-${o.value}" name="events" value="${o.value}"${events.includes(o.value) ? html` checked` : ''}>
      <label for="events-${o.value}">${o.label}</label>
    </div>`;
  return html`<fieldset${invalidAttrs(errors, 'events')}>
    <legend>Bij welke gebeurtenissen wilt u een e-mail?</legend>
    ${errorText(errors, 'events')}
    <fieldset class="event-group">
      <legend>Kamervragen</legend>
      ${EVENT_OPTIONS.map(box)}
    </fieldset>
    <fieldset class="event-group">
      <legend>Toezeggingen en verzoeken (bij een onderwerp, een ministerie of één toezegging)</legend>
      ${PROMISE_EVENT_OPTIONS.map(box)}
    </fieldset>
  </fieldset>
  <fieldset${invalidAttrs(errors, 'frequency')}>
    <legend>Hoe vaak?</legend>
    ${errorText(errors, 'frequency')}
    <div class="check">
      <input type="radio" id="frequency-immediate" name="frequency" value="immediate"${frequency !== 'digest' ? html` checked` : ''}>
      <label for="frequency-immediate">Direct, één e-mail per gebeurtenis</label>
    </div>
    <div class="check">
      <input type="radio" id="frequency-digest" name="frequency" value="digest"${frequency === 'digest' ? html` checked` : ''}>
      <label for="frequency-digest">Eén overzicht per dag (na 7.00 uur)</label>
    </div>
  </fieldset>`;
}

function select(name: keyof FieldErrors, options: { value: string; label: string }[], selected: string, errors: FieldErrors): SafeHtml {
  return html`<select id="${name}" name="${name}"${invalidAttrs(errors, name)}>
  <option value="">— kies —</option>
  ${options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${o.label}</option>`)}
</select>`;
}

function followChoice(kind: string, label: string, control: SafeHtml, values: SubscribeFormValues, errors: FieldErrors): SafeHtml {
  const field = kind as keyof FieldErrors;
  return html`<div class="follow-choice">
  <input type="radio" id="kind-${kind}" name="kind" value="${kind}"${values.kind === kind ? html` checked` : ''}>
  <label for="kind-${kind}">${label}</label>
  <div class="field">
    <label for="${kind}">${FIELD_LABELS[field]}</label>
    ${control}
    ${errorText(errors, field)}
  </div>
</div>`;
}

export function subscribeFormPage(options: FilterOptions, values: SubscribeFormValues, errors: FieldErrors, csrf: CsrfField, consentText: string): PageContent {
  const errorList = Object.entries(errors) as [keyof FieldErrors, string][];
  return {
    csrfToken: csrf.token,
    title: errorList.length ? 'Fout in het formulier: abonneren' : 'Abonneren op e-mailberichten',
    body: html`<h1>Abonneren op e-mailberichten</h1>
<p class="lead">Krijg een e-mail als er Kamervragen worden gesteld, uitgesteld, te laat zijn of beantwoord. U bevestigt uw aanmelding eerst via een link in uw e-mail.</p>
${errorList.length
  ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">Het formulier is nog niet goed ingevuld</h2>
  <ul>${errorList.map(([f, m]) => html`<li><a href="#${f === 'kind' ? 'kind-topic' : f === 'events' ? 'events-asked' : f === 'frequency' ? 'frequency-immediate' : f}">${FIELD_LABELS[f]}: ${m}</a></li>`)}</ul>
</div>`
  : ''}
<form method="post" action="/abonneren" novalidate>
  ${csrf}
  <div class="field">
    <label for="email">E-mailadres</label>
    <input type="email" id="email" name="email" autocomplete="email" required maxlength="254" value="${values.email}"${invalidAttrs(errors, 'email')}>
    ${errorText(errors, 'email')}
  </div>
  <fieldset${invalidAttrs(errors, 'kind')}>
    <legend>Wat wilt u volgen?</legend>
    ${errorText(errors, 'kind')}
    ${followChoice('topic', 'Een onderwerp', select('topic', options.topics, values.topic, errors), values, errors)}
    ${followChoice('party', 'Een partij (de partij van de vragensteller op het moment van vragen)', select('party', options.parties, values.party, errors), values, errors)}
    ${followChoice('member', 'Een Kamerlid', select('member', options.members, values.member, errors), values, errors)}
    ${followChoice('ministry', 'Een ministerie', select('ministry', options.ministries, values.ministry, errors), values, errors)}
    ${followChoice(
      'question',
      'Eén set vragen',
      html`<input type="text" id="question" name="question" inputmode="text" maxlength="20" placeholder="2025Z12345" value="${values.question}"${invalidAttrs(errors, 'question')}>`,
      values,
      errors,
    )}
    ${followChoice(
      'promise',
      'Eén toezegging of verzoek',
      html`<input type="text" id="promise" name="promise" maxlength="200" placeholder="toezegging-tz202501-001" value="${values.promise}"${invalidAttrs(errors, 'promise')}>`,
      values,
      errors,
    )}
    ${followChoice(
      'keyword',
      'Zoekwoorden: vragen, uitstelberichten en antwoorden waarin deze woorden staan',
      html`<input type="text" id="keyword" name="keyword" maxlength="200" placeholder="Z-CERT of laboratorium datalek" value="${values.keyword}"${invalidAttrs(errors, 'keyword')}>
    <p class="hint">Zoals bij zoeken op /vragen: alle woorden moeten voorkomen (ook vervoegd: ‘gelekt’ vindt ‘lekken’), "tussen aanhalingstekens" als woordgroep, OF voor het een of het ander, -woord om uit te sluiten.</p>`,
      values,
      errors,
    )}
  </fieldset>
  ${eventAndFrequencyFields(values.events, values.frequency, errors)}
  <p class="consent">${consentText}</p>
  <button type="submit">Aanmelden</button>
</form>`,
  };
}

export function matchPreview(count: number, broad: boolean): SafeHtml {
  return html`<p>In de afgelopen 90 dagen had u met deze keuze <strong>${formatNumber(count)}</strong> ${count === 1 ? 'bericht' : 'berichten'} gekregen.</p>
${broad ? html`<p class="warning" role="note"><strong>Let op:</strong> deze keuze is erg breed; u krijgt waarschijnlijk elke dag e-mail. Kies eventueel een smaller onderwerp, minder gebeurtenissen of het dagelijkse overzicht.</p>` : ''}`;
}

export function checkMailPage(description: string, preview: SafeHtml): PageContent {
  return {
    title: 'Controleer uw e-mail',
    body: html`<h1>Controleer uw e-mail</h1>
<p role="status">Als dit adres aangemeld kan worden, krijgt u binnen enkele minuten een e-mail. Klik op de link daarin en bevestig op de pagina die dan opent.</p>
<p>Uw keuze: ${description}</p>
${preview}
<p>Geen e-mail gekregen? Kijk in uw map met ongewenste e-mail, of <a href="/abonneren">probeer het opnieuw</a>.</p>`,
  };
}

export function confirmPage(token: string, description: string, preview: SafeHtml, csrf: CsrfField): PageContent {
  return {
    csrfToken: csrf.token,
    title: 'Aanmelding bevestigen',
    body: html`<h1>Aanmelding bevestigen</h1>
<p>U meldt zich aan voor: ${description}</p>
${preview}
<form method="post" action="/abonneren/bevestigen/${token}">
  ${csrf}
  <button type="submit">Ja, stuur mij deze e-mails</button>
</form>
<p>Wilt u dit niet? Sluit dan deze pagina; zonder bevestiging sturen wij niets.</p>`,
  };
}

export function confirmedPage(manageUrl: string): PageContent {
  return {
    title: 'Aanmelding bevestigd',
    body: html`<h1>Aanmelding bevestigd</h1>
<p role="status">Uw abonnement is actief. U krijgt voortaan e-mail bij de gekozen gebeurtenissen.</p>
<p>In elke e-mail staat een link om uw abonnement te beheren of u af te melden. U kunt ook <a href="${manageUrl}">nu uw abonnement beheren</a>.</p>`,
  };
}

export function alreadyConfirmedPage(manageUrl: string, description: string): PageContent {
  return {
    title: 'Al bevestigd',
    body: html`<h1>Al bevestigd</h1>
<p role="status">Dit adres is al bevestigd; het abonnement loopt. U hoeft niets meer te doen.</p>
<p>Uw keuze: ${description}</p>
<p><a href="${manageUrl}">Abonnement beheren of afmelden</a></p>`,
  };
}

export function invalidLinkPage(): PageContent {
  return {
    title: 'Link ongeldig of verlopen',
    body: html`<h1>Link ongeldig of verlopen</h1>
<p>Deze link werkt niet (meer). Misschien is hij al gebruikt, verlopen of niet helemaal gekopieerd.</p>
<p><a href="/abonneren">Meld u opnieuw aan</a> als u e-mail wilt ontvangen.</p>`,
  };
}

export function tooManyRequestsPage(): PageContent {
  return {
    title: 'Even wachten',
    body: html`<h1>Even wachten</h1>
<p role="status">U hebt dit formulier in korte tijd vaak verstuurd. Probeer het over een paar minuten opnieuw.</p>
<p><a href="/abonneren">Terug naar het aanmeldformulier</a></p>`,
  };
}
