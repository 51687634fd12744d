// Promise status, kind, source and deadline in words (with an icon, never colour alone), shared
// by the ledger pages, the promise page, the staff pages, the feeds and the alert mails.
import type { PromiseRowView } from '../server/promises/ledger.ts';
import type { PromiseEventKind, PromiseSource, RequestKind, RequestStatus } from '../server/db/schema/index.ts';
import { formatDate, formatMonth, isoDate } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'Open',
  due_soon: 'Termijn verloopt binnenkort',
  overdue: 'Over de termijn',
  scheduled: 'Gepland',
  fulfilled: 'Nagekomen',
  partly_fulfilled: 'Deels nagekomen',
  declined: 'Afgewezen',
  lapsed: 'Vervallen',
};

const ICONS: Record<RequestStatus, string> = {
  open: '○',
  due_soon: '◔',
  overdue: '⚠',
  scheduled: '◔',
  fulfilled: '✓',
  partly_fulfilled: '◑',
  declined: '✕',
  lapsed: '–',
};

/** The CSS status classes of questions where the meaning is the same. */
const CLASSES: Record<RequestStatus, string> = {
  open: 'open',
  due_soon: 'due_soon',
  overdue: 'overdue',
  scheduled: 'delayed',
  fulfilled: 'answered',
  partly_fulfilled: 'answered',
  declined: 'withdrawn',
  lapsed: 'withdrawn',
};

export function promiseStatusBadge(status: RequestStatus): SafeHtml {
  return html`<span class="status status--${CLASSES[status]}"><span aria-hidden="true">${ICONS[status]}</span> ${REQUEST_STATUS_LABELS[status]}</span>`;
}

/** What happened to a promise, as a heading (mails) or a timeline entry (the promise page). */
export const PROMISE_EVENT_LABELS: Record<PromiseEventKind, string> = {
  made: 'Nieuw',
  due_soon: 'Termijn verloopt binnenkort',
  overdue: 'Over de termijn',
  fulfilled: 'Nagekomen',
  partly_fulfilled: 'Deels nagekomen',
  lapsed: 'Vervallen',
  declined: 'Afgewezen',
  rappel: 'Rappel',
};

export const KIND_LABELS: Record<RequestKind, string> = {
  briefing: 'Verzoek om een briefing',
  letter: 'Verzoek om een brief',
  commitment: 'Toezegging',
  deferral: 'Uitgesteld antwoord',
};

export const SOURCE_LABELS: Record<PromiseSource, string> = {
  staff: 'Vastgelegd verzoek',
  toezegging: 'Toezegging (register)',
  besluit: 'Besluit van een commissie',
  answer: 'Uitgesteld antwoord op Kamervragen',
};

export function madeOn(r: Pick<PromiseRowView, 'madeOn' | 'madeOnPrecision'>): SafeHtml | string {
  if (!r.madeOn) return 'onbekend';
  const month = r.madeOnPrecision === 'month';
  return html`<time datetime="${month ? r.madeOn.slice(0, 7) : isoDate(r.madeOn)}">${month ? formatMonth(r.madeOn) : formatDate(r.madeOn)}</time>`;
}

/** The deadline in words: the date and where it came from, the wording without a day, or "geen termijn". */
export function deadlineText(r: Pick<PromiseRowView, 'dueOn' | 'dueText' | 'dueSource'>): SafeHtml {
  if (r.dueOn) {
    const date = html`<time datetime="${isoDate(r.dueOn)}">${formatDate(r.dueOn)}</time>`;
    if (r.dueSource === 'text' && r.dueText) return html`${date} <small>(gelezen uit de tekst: <q>${r.dueText}</q>)</small>`;
    if (r.dueSource === 'feed') return html`${date} <small>(termijn in het register)</small>`;
    return date;
  }
  if (r.dueText) return html`<q>${r.dueText}</q> <small>(geen datum af te leiden)</small>`;
  return html`geen termijn`;
}

/** The ministries that owe it, each linking to its page. */
function ministryLinks(codes: string[]): SafeHtml | string {
  if (codes.length === 0) return '';
  return html`${codes.map((c, i) => html`${i > 0 ? ', ' : ''}<a href="/ministeries/${encodeURIComponent(c)}">${c}</a>`)}`;
}

/** Who owes it: the minister as named, with the ministries. */
export function owedByText(r: Pick<PromiseRowView, 'minister' | 'ministerFunction' | 'addressees' | 'source'>): SafeHtml {
  const who = [r.minister, r.ministerFunction].filter(Boolean).join(', ');
  const codes = ministryLinks(r.addressees);
  // A committee decision often asks "the minister" or a briefing without naming a ministry.
  if (!who && codes === '') return r.source === 'besluit' ? html`niet genoemd in het besluit` : html`onbekend`;
  return html`${who}${who && codes !== '' ? ' (' : ''}${codes}${who && codes !== '' ? ')' : ''}`;
}

/** To whom it was made: the committee, the members and the parties. */
export function toWhomText(r: Pick<PromiseRowView, 'committee' | 'persons' | 'requesterParties'>): string {
  const persons = r.persons.map((p) => (p.party ? `${p.name} (${p.party})` : p.name));
  const parties = r.requesterParties.filter((p) => !r.persons.some((x) => x.party === p));
  const who = [...(r.committee ? [`vaste commissie ${r.committee}`] : []), ...persons, ...parties];
  return who.length > 0 ? who.join(', ') : 'onbekend';
}
