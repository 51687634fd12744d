import { distinctAddressees } from '../../server/questions/ministries.ts';
import type { QuestionView } from '../../server/questions/question-view.ts';
import type { TextDetails } from '../../server/texts/question-texts.ts';
import { NOT_AVAILABLE, paragraphs, questionTextsSection, TK_SOURCE_NOTE } from '../question-texts.ts';
import { formatDate, formatNumber, isoDate } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';
import { statusBadge } from '../status.ts';

const KIND_LABELS: Record<string, string> = {
  'Schriftelijke vragen': 'Vragen ingediend',
  'Mededeling (uitstel antwoord)': 'Uitstelbericht',
  'Antwoord schriftelijke vragen': 'Antwoord',
  'Antwoord schriftelijke vragen (nader)': 'Nader antwoord',
  Mededeling: 'Mededeling',
  'Brief regering': 'Brief van de regering',
};

function when(value: string | null): SafeHtml | string {
  return value ? html`<time datetime="${isoDate(value.length === 10 ? value : new Date(value))}">${formatDate(value.length === 10 ? value : new Date(value))}</time>` : 'onbekend';
}

function days(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'dag' : 'dagen'}`;
}

function summary(q: QuestionView): SafeHtml {
  const due = q.dueAt ? html`uiterlijk ${when(q.dueAt)}` : '';
  switch (q.status) {
    case 'answered':
      return html`Beantwoord op ${when(q.answeredAt)}${q.daysOpen !== null ? `, na ${days(q.daysOpen)}` : ''}, binnen de termijn.`;
    case 'answered_late':
      return html`Beantwoord op ${when(q.answeredAt)}${q.daysOpen !== null ? `, na ${days(q.daysOpen)}` : ''}: ${days(q.daysOverdue)} na de termijn (${when(q.dueAt)}).`;
    case 'withdrawn':
      return html`De vragen zijn ingetrokken op ${when(q.withdrawnAt)}.`;
    case 'overdue':
      return html`Nog niet beantwoord: ${days(q.daysOverdue)} te laat. De termijn verliep op ${when(q.dueAt)}${q.daysOpen !== null ? html`; de vragen staan ${days(q.daysOpen)} open` : ''}.`;
    case 'delayed':
      return html`De bewindspersoon heeft uitstel gemeld op ${when(q.delayNoticeAt)}. Nieuwe termijn: ${due}.`;
    default:
      return html`Nog niet beantwoord. Antwoord verwacht ${due}${q.daysOpen !== null ? html`; de vragen staan ${days(q.daysOpen)} open` : ''}.`;
  }
}

const TEXT_KINDS = new Set(['Schriftelijke vragen', 'Mededeling (uitstel antwoord)', 'Antwoord schriftelijke vragen', 'Antwoord schriftelijke vragen (nader)']);

/** Whether a document's text was read, in words, for the kinds whose text Kamerwacht reads. */
function textState(d: QuestionView['documents'][number], details: TextDetails): SafeHtml | string {
  if (!TEXT_KINDS.has(d.kind ?? '')) return '';
  const state = details.documents.get(d.id);
  if (state?.state === 'ok') return state.source === 'tk' ? html`<br><small class="text-note">${TK_SOURCE_NOTE}</small>` : '';
  return html`<br><small class="text-note">${NOT_AVAILABLE}</small>`;
}

function timeline(q: QuestionView, feedUrl: string, details: TextDetails): SafeHtml {
  const docs = [...q.documents].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  return html`<ol class="timeline">
${docs.map(
  (d) => html`<li><strong>${KIND_LABELS[d.kind ?? ''] ?? d.kind ?? 'Document'}</strong> · ${when(d.date)}
  ${d.title ? html`<br>${d.title}` : ''}
  ${d.kind === 'Mededeling (uitstel antwoord)' && q.delayReason ? html`<blockquote class="delay-reason">${paragraphs(q.delayReason)}</blockquote>` : ''}${textState(d, details)}
  <br><small>${d.number ? html`${d.number} · ` : ''}<a href="${feedUrl}/Resources/${d.id}">document bij de Tweede Kamer</a></small></li>`,
)}
${q.status === 'overdue' || q.status === 'open' || q.status === 'due_soon' || q.status === 'delayed'
  ? html`<li class="timeline__pending"><strong>Antwoord verwacht</strong> · ${when(q.dueAt)}</li>`
  : ''}
</ol>`;
}

/** A party abbreviation linking to its page (abbreviations may hold spaces: "Lid Keijzer"). */
function partyLink(afkorting: string): SafeHtml {
  return html`<a href="/fracties/${encodeURIComponent(afkorting)}">${afkorting}</a>`;
}

function askers(q: QuestionView): SafeHtml {
  if (q.askers.length === 0) return html`<p>Geen vragenstellers bekend.</p>`;
  return html`<table class="stack">
<thead><tr><th scope="col">Naam</th><th scope="col">Rol</th><th scope="col">Fractie bij indiening</th><th scope="col">Huidige fractie</th></tr></thead>
<tbody>${q.askers.map(
    (a) => html`<tr><td data-label="Naam">${a.personId ? html`<a href="/personen/${a.personId}">${a.name}</a>` : a.name}</td><td data-label="Rol">${a.role === 'Indiener' ? 'Indiener' : 'Mede-indiener'}</td>
<td data-label="Fractie bij indiening">${a.party ? partyLink(a.party) : html`<em>onbekend</em>`}${a.partySource === 'correction' ? html` <small>(gecorrigeerd)</small>` : ''}</td>
<td data-label="Huidige fractie">${a.currentParty && a.currentParty !== a.party ? partyLink(a.currentParty) : a.currentParty ? 'zelfde' : '–'}</td></tr>`,
  )}</tbody>
</table>`;
}

function addressees(q: QuestionView): SafeHtml {
  const named = distinctAddressees(q.addressees, (a) => [a.name, a.function]);
  if (named.length === 0) return html`<p>Onbekend.</p>`;
  return html`<ul>${named.map(({ item: a, label }) => html`<li>${label}${a.ministry ? html` (<a href="/ministeries/${a.ministry}">${a.ministry}</a>)` : ''}</li>`)}</ul>`;
}

export function questionPage(q: QuestionView, feedUrl: string, canonicalUrl: string, details: TextDetails): PageContent {
  const title = q.subject ?? q.title ?? `Vragen ${q.number}`;
  return {
    title: `${q.number}: ${title}`,
    description: `Schriftelijke vragen ${q.number}: ${title}`,
    canonicalUrl,
    body: html`<p class="meta"><a href="/vragen">Schriftelijke vragen</a> › ${q.number}</p>
<h1>${title}</h1>
${q.title && q.subject && q.title !== q.subject ? html`<p class="meta">Dossier: ${q.title}</p>` : ''}
<p class="status-line">${statusBadge(q.status)}</p>
<p>${summary(q)}</p>
<p class="meta"><small>Status per ${when(q.statusAsOf)}. ${q.rule}</small></p>
<p><a class="button" href="/abonneren?vraag=${q.number}">Volg deze vraag</a></p>

${questionTextsSection(q, details)}

<h2>Verloop</h2>
${timeline(q, feedUrl, details)}

<h2>Vragenstellers</h2>
${askers(q)}

<h2>Gericht aan</h2>
${addressees(q)}

${q.topics.length > 0
  ? html`<h2>Waarom staat dit hier?</h2>
<ul>${q.topics.map(
    (t) => html`<li>Onderwerp <strong>${t.name}</strong>: gevonden op ${t.matchedTerms.map((m, i) => html`${i > 0 ? ', ' : ''}<q>${m}</q>`)}.${t.passage
      ? html` In <a href="#vraag-${t.passage.questionNumber}">${t.passage.source === 'question' ? 'vraag' : 'het antwoord op vraag'} ${t.passage.questionNumber}</a>:
<blockquote>${t.passage.text}</blockquote>`
      : ''}</li>`,
  )}</ul>`
  : ''}

<h2>Officiële publicatie</h2>
<ul>
  <li><a href="https://zoek.officielebekendmakingen.nl/kv-tk-${q.number}.html">Kamervragen ${q.number} op officielebekendmakingen.nl</a></li>
  <li><a href="https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=${q.number}">Op tweedekamer.nl</a></li>
  <li><a href="/api/v1/questions/${q.number}">Als JSON</a></li>
</ul>`,
  };
}
