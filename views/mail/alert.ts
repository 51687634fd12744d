// One alert (immediate) and the daily digest. Everything from the data is escaped in the HTML
// part by the html template; the text part is plain text.
import type { AlertFacts } from '../../server/alerts/content.ts';
import { distinctAddressees } from '../../server/questions/ministries.ts';
import { formatDate, isoDate } from '../format.ts';
import { html, safeUrl, type SafeHtml } from '../html.ts';
import { footerHtml, footerText, frame, type MailContent, type ManageLinks } from './common.ts';

const HEADLINES: Record<string, string> = {
  asked: 'Nieuwe vragen',
  delay_notice: 'Uitstel',
  due_soon: 'Termijn verloopt binnenkort',
  overdue: 'Te laat',
  answered: 'Beantwoord',
  answered_by_letter: 'Beantwoord per brief',
  answered_late: 'Te laat beantwoord',
  nader_answer: 'Aanvullend antwoord',
  withdrawn: 'Ingetrokken',
};

const days = (n: number) => `${n} ${n === 1 ? 'dag' : 'dagen'}`;

function calendarDaysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** One sentence: what happened and when, with the deadline arithmetic in words. */
function eventSentence(f: AlertFacts, now: Date): string {
  const on = formatDate(f.occurredAt);
  const detailDue = typeof f.details.dueOn === 'string' ? f.details.dueOn : null;
  switch (f.kind) {
    case 'asked':
      return `Nieuwe schriftelijke vragen ingediend op ${on}.${f.dueOn ? ` Antwoord uiterlijk ${formatDate(f.dueOn)}.` : ''}`;
    case 'delay_notice':
      return `Uitstelbericht ontvangen op ${on}.${f.extendedDueOn ? ` Nieuwe uiterste antwoorddatum: ${formatDate(f.extendedDueOn)}.` : ''}`;
    case 'due_soon': {
      const due = detailDue ?? f.dueOn;
      return due ? `De antwoordtermijn verloopt op ${formatDate(due)}.` : 'De antwoordtermijn verloopt binnenkort.';
    }
    case 'overdue': {
      const due = detailDue ?? f.dueOn;
      if (!due) return `Het antwoord is te laat (sinds ${on}).`;
      const late = Math.max(1, calendarDaysBetween(due, isoDate(now)));
      return `Het antwoord is te laat: de termijn verliep op ${formatDate(due)}; nu ${days(late)} over de termijn.`;
    }
    case 'answered':
    case 'answered_by_letter':
    case 'answered_late': {
      const after = f.daysOpen != null ? `, na ${days(f.daysOpen)}` : '';
      const lateDays = typeof f.details.daysOverdue === 'number' ? f.details.daysOverdue : f.daysOverdue;
      const verdict = f.answeredLate || f.kind === 'answered_late' ? `${days(lateDays)} te laat` : 'op tijd';
      const how = f.kind === 'answered_by_letter' ? 'Beantwoord per brief' : 'Beantwoord';
      return `${how} op ${on}${after}: ${verdict}.`;
    }
    case 'nader_answer':
      return `Aanvullend antwoord ontvangen op ${on}.`;
    case 'withdrawn':
      return `De vragen zijn ingetrokken op ${on}.`;
    default:
      return `Nieuwe gebeurtenis op ${on}.`;
  }
}

function who(f: AlertFacts): { askers: string; addressees: string } {
  return {
    askers: f.askers.map((a) => (a.party ? `${a.name ?? 'onbekend'} (${a.party})` : (a.name ?? 'onbekend'))).join(', ') || 'onbekend',
    addressees:
      distinctAddressees(f.addressees, (a) => [a.name, a.functie])
        .map((a) => a.label)
        .join('; ') || 'onbekend',
  };
}

function questionUrl(publicUrl: string, f: Pick<AlertFacts, 'nummer'>): string | null {
  return f.nummer ? `${publicUrl}/vragen/${encodeURIComponent(f.nummer)}` : null;
}

/** The start of each answer, each linked to its question on the page (#vraag-1). */
function answersHtml(f: AlertFacts, url: string | null): SafeHtml | string {
  if (f.answers.length === 0) return '';
  return html`<h3>Uit het antwoord</h3>
<dl>${f.answers.map(
    (a) => html`<dt>${url ? html`<a href="${safeUrl(`${url}#vraag-${encodeURIComponent(a.number)}`)}">Antwoord op vraag ${a.number}</a>` : `Antwoord op vraag ${a.number}`}</dt>
<dd><blockquote>${a.start}</blockquote></dd>`,
  )}</dl>`;
}

function answersText(f: AlertFacts, url: string | null): string[] {
  if (f.answers.length === 0) return [];
  return ['', 'Uit het antwoord:', ...f.answers.flatMap((a) => [`Antwoord op vraag ${a.number}${url ? ` (${url}#vraag-${encodeURIComponent(a.number)})` : ''}:`, `  “${a.start}”`])];
}

function itemHtml(f: AlertFacts, publicUrl: string, now: Date): SafeHtml {
  const w = who(f);
  const url = questionUrl(publicUrl, f);
  return html`<h2>${HEADLINES[f.kind] ?? 'Nieuws'}: ${f.title ?? f.nummer ?? 'schriftelijke vragen'}</h2>
<p>${eventSentence(f, now)}</p>
<ul>
  <li>Nummer: ${f.nummer ?? 'onbekend'}</li>
  <li>Gesteld door: ${w.askers}</li>
  <li>Gericht aan: ${w.addressees}</li>
</ul>
${answersHtml(f, url)}
${url ? html`<p><a href="${safeUrl(url)}">Bekijk de vragen en de hele tijdlijn op Kamerwacht</a></p>` : ''}`;
}

function itemText(f: AlertFacts, publicUrl: string, now: Date): string {
  const w = who(f);
  const url = questionUrl(publicUrl, f);
  return [
    `${HEADLINES[f.kind] ?? 'Nieuws'}: ${f.title ?? f.nummer ?? 'schriftelijke vragen'}`,
    eventSentence(f, now),
    `Nummer: ${f.nummer ?? 'onbekend'}`,
    `Gesteld door: ${w.askers}`,
    `Gericht aan: ${w.addressees}`,
    ...answersText(f, url),
    ...(url ? [`Op Kamerwacht: ${url}`] : []),
  ].join('\n');
}

function shortTitle(f: AlertFacts): string {
  const t = f.title ?? 'schriftelijke vragen';
  return t.length > 90 ? `${t.slice(0, 87)}…` : t;
}

/** The parts of an alert that depend only on the event: rendered once per event per batch. */
export interface AlertParts {
  subject: string;
  text: string;
  html: SafeHtml;
}

export function alertParts(f: AlertFacts, publicUrl: string, now: Date): AlertParts {
  return {
    subject: `${HEADLINES[f.kind] ?? 'Nieuws'}: ${shortTitle(f)}${f.nummer ? ` (${f.nummer})` : ''}`,
    text: itemText(f, publicUrl, now),
    html: itemHtml(f, publicUrl, now),
  };
}

/** One subscriber's alert from the shared parts: only the footer is per subscriber. */
export function alertMailFrom(parts: AlertParts, links: ManageLinks, filterDescription: string): MailContent {
  const text = `${parts.text}\n\n${footerText(links, filterDescription)}\n`;
  const body = html`${parts.html}${footerHtml(links, filterDescription)}`;
  return { subject: parts.subject, text, html: frame(parts.subject, body) };
}

/** The daily digest from the items' rendered parts (question events and promise events alike). */
export function digestOf(items: AlertParts[], links: ManageLinks, filterDescription: string, now: Date): MailContent {
  const subject = `Kamerwacht-overzicht van ${formatDate(now)}: ${items.length} ${items.length === 1 ? 'gebeurtenis' : 'gebeurtenissen'}`;
  const text = `${items.map((p) => p.text).join('\n\n')}\n\n${footerText(links, filterDescription)}\n`;
  const body = html`<h1>${subject}</h1>${items.map((p) => p.html)}${footerHtml(links, filterDescription)}`;
  return { subject, text, html: frame(subject, body) };
}
