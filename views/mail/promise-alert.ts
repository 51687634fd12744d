// The mail of a promise event (made, due soon, overdue, fulfilled …) and of the weekly rappel of
// a ministry: the parts that depend only on the event, like alert.ts does for question events.
// Everything from the data is escaped in the HTML part; the text part is plain text.
import type { PromiseEventKind, PromiseSource, RequestKind, RequestStatus } from '../../server/db/schema/index.ts';
import { formatDate } from '../format.ts';
import { html, safeUrl } from '../html.ts';
import { KIND_LABELS, PROMISE_EVENT_LABELS, REQUEST_STATUS_LABELS } from '../promise-status.ts';
import type { AlertParts } from './alert.ts';

export interface PromiseAlertFacts {
  eventId: number;
  kind: PromiseEventKind;
  occurredAt: Date;
  details: Record<string, unknown>;
  ministry: string | null;
  promise: {
    slug: string;
    subject: string;
    number: string | null;
    kind: RequestKind;
    source: PromiseSource;
    status: RequestStatus;
    registerStatus: string | null;
    dueOn: string | null;
    dueText: string | null;
    dueFromText: boolean;
    daysOverdue: number;
    fulfilledOn: string | null;
    minister: string | null;
    ministries: string[];
    letters: { title: string; date: string | null }[];
  } | null;
  rappel: { slug: string; subject: string; number: string | null; dueOn: string | null; daysOverdue: number }[];
}

const HEADLINES = PROMISE_EVENT_LABELS;

const days = (n: number) => `${n} ${n === 1 ? 'dag' : 'dagen'}`;

type Promise_ = NonNullable<PromiseAlertFacts['promise']>;

function deadline(p: Promise_): string {
  if (p.dueOn) return `${formatDate(p.dueOn)}${p.dueFromText && p.dueText ? ` (gelezen uit "${p.dueText}")` : ''}`;
  return p.dueText ? `"${p.dueText}" (geen datum af te leiden)` : 'geen termijn';
}

/** One sentence: what happened, with the deadline in words. */
function promiseSentence(f: PromiseAlertFacts): string {
  const p = f.promise;
  if (!p) return 'Nieuwe gebeurtenis.';
  switch (f.kind) {
    case 'made':
      return `Vastgelegd op ${formatDate(f.occurredAt)}. Termijn: ${deadline(p)}.`;
    case 'due_soon':
      return `De termijn verloopt op ${p.dueOn ? formatDate(p.dueOn) : 'een nog onbekende datum'}.`;
    case 'overdue':
      return `Over de termijn: die verliep op ${p.dueOn ? formatDate(p.dueOn) : 'onbekend'}${p.daysOverdue > 0 ? `; nu ${days(p.daysOverdue)} over de termijn` : ''}.`;
    case 'fulfilled':
    case 'partly_fulfilled': {
      const with_ = p.letters.length > 0 ? ` met ${p.letters.map((l) => l.title).join('; ')}` : '';
      const when = p.fulfilledOn ? ` op ${formatDate(p.fulfilledOn)}` : '';
      return `${f.kind === 'fulfilled' ? 'Nagekomen' : 'Deels nagekomen'}${when}${with_}${p.registerStatus ? ` (register: ${p.registerStatus})` : ''}.`;
    }
    case 'lapsed':
      return `Vervallen${p.registerStatus === 'Vervallen' ? ' volgens het register' : ''}.`;
    case 'declined':
      return 'Afgewezen.';
    default:
      return '';
  }
}

function title(p: Promise_): string {
  const t = `${KIND_LABELS[p.kind]}${p.number ? ` ${p.number}` : ''}: ${p.subject}`;
  return t.length > 100 ? `${t.slice(0, 97)}…` : t;
}

export function promiseAlertParts(f: PromiseAlertFacts, publicUrl: string): AlertParts {
  if (f.kind === 'rappel') {
    const ministry = f.ministry ?? 'onbekend';
    const subject = `Rappel ${ministry}: ${f.rappel.length} ${f.rappel.length === 1 ? 'toezegging' : 'toezeggingen en verzoeken'} over de termijn`;
    const page = `${publicUrl}/ministeries/${encodeURIComponent(ministry)}/rappel`;
    const line = (r: PromiseAlertFacts['rappel'][number]) =>
      `${r.number ? `${r.number}: ` : ''}${r.subject} (termijn ${r.dueOn ? formatDate(r.dueOn) : 'onbekend'}, ${days(r.daysOverdue)} over de termijn)`;
    return {
      subject,
      text: [subject, ...f.rappel.map((r) => `- ${line(r)}\n  ${publicUrl}/verzoeken/${r.slug}`), `De hele lijst: ${page}`].join('\n'),
      html: html`<h2>${subject}</h2>
<ul>${f.rappel.map((r) => html`<li><a href="${safeUrl(`${publicUrl}/verzoeken/${r.slug}`)}">${r.number ? `${r.number}: ` : ''}${r.subject}</a> (termijn ${r.dueOn ? formatDate(r.dueOn) : 'onbekend'}, ${days(r.daysOverdue)} over de termijn)</li>`)}</ul>
<p><a href="${safeUrl(page)}">De hele lijst, om af te drukken of als CSV</a></p>`,
    };
  }
  const p = f.promise;
  if (!p) return { subject: HEADLINES[f.kind], text: HEADLINES[f.kind], html: html`<p>${HEADLINES[f.kind]}</p>` };
  const url = `${publicUrl}/verzoeken/${p.slug}`;
  const who = [p.minister, p.ministries.join(', ')].filter(Boolean).join(', ') || 'onbekend';
  const subject = `${HEADLINES[f.kind]}: ${title(p)}`;
  return {
    subject,
    text: [subject, promiseSentence(f), `Status: ${REQUEST_STATUS_LABELS[p.status]}`, `Door: ${who}`, `Termijn: ${deadline(p)}`, `Op Kamerwacht: ${url}`].join('\n'),
    html: html`<h2>${HEADLINES[f.kind]}: ${KIND_LABELS[p.kind]}${p.number ? ` ${p.number}` : ''}</h2>
<p><strong>${p.subject}</strong></p>
<p>${promiseSentence(f)}</p>
<ul>
  <li>Status: ${REQUEST_STATUS_LABELS[p.status]}${p.registerStatus ? ` (register: ${p.registerStatus})` : ''}</li>
  <li>Door: ${who}</li>
  <li>Termijn: ${deadline(p)}</li>
</ul>
<p><a href="${safeUrl(url)}">Bekijk het verloop op Kamerwacht</a></p>`,
  };
}
