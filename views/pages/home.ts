import { FIGURES, type Overview, type OverviewEvent } from '../../server/overview/counts.ts';
import { formatDate, formatNumber, isoDate } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';

const EVENT_LABELS: Partial<Record<OverviewEvent['kind'], string>> = {
  asked: 'Vragen gesteld',
  delay_notice: 'Uitstel gemeld',
  answered: 'Beantwoord',
  answered_late: 'Te laat beantwoord',
  nader_answer: 'Nader antwoord',
  withdrawn: 'Ingetrokken',
};

const FIGURE_LABELS: Record<(typeof FIGURES)[number], string> = {
  wacht: 'wachten op antwoord',
  due_soon: 'bijna verlopen',
  overdue: 'te laat',
  delayed: 'uitgesteld (binnen de verlengde termijn)',
  answered: 'op tijd beantwoord',
  answered_late: 'te laat beantwoord',
  withdrawn: 'ingetrokken',
};

function figure(n: number, label: string, href: string): SafeHtml {
  return html`<li><a href="${href}"><span class="count">${formatNumber(n)}</span> ${label}</a></li>`;
}

export function homePage({ counts, events }: Overview): PageContent {
  const { answered, answered_late: late } = counts.figures;
  const answeredSets = answered.count + late.count;
  return {
    title: 'Overzicht',
    body: html`
<h1>Kamerwacht</h1>
<p class="lead">Kamerwacht volgt schriftelijke Kamervragen, verzoeken om briefings en brieven, en de antwoorden van
bewindspersonen. Eerst over <strong>dataveiligheid in de zorg</strong>: datalekken, hacks en ransomware bij
ziekenhuizen en laboratoria, NEN 7510, Z-CERT en de Cyberbeveiligingswet.</p>
<h2>${counts.topic ? html`Vragen over ${counts.topic.name}` : 'Alle vragen'}</h2>
<ul class="counts">
  ${FIGURES.map((k) => figure(counts.figures[k].count, FIGURE_LABELS[k], counts.figures[k].href))}
  ${figure(counts.requests, 'verzoeken om een briefing of brief', '/verzoeken')}
</ul>
<p>${answeredSets === 0
  ? 'Nog geen beantwoorde sets.'
  : html`Op tijd beantwoord: <strong>${Math.round((answered.count / answeredSets) * 100)}%</strong> van de ${formatNumber(answeredSets)} beantwoorde sets (openstaande en ingetrokken sets tellen hierin niet mee).`}
<a href="/vragen/te-laat">Lijst van te late antwoorden per ministerie</a></p>
<p><a href="${counts.questionSets.href}">Alle ${formatNumber(counts.questionSets.count)} sets vragen bekijken</a></p>
<h2>Laatste gebeurtenissen</h2>
${events.length === 0
  ? html`<p>Nog geen gebeurtenissen in de afgelopen 90 dagen.</p>`
  : html`<ul class="events">${events.map(
      (e) => html`<li><time datetime="${isoDate(e.occurredAt)}">${formatDate(e.occurredAt)}</time> · <strong>${EVENT_LABELS[e.kind] ?? e.kind}</strong>: <a href="/vragen/${e.nummer}">${e.nummer}</a> ${e.title}</li>`,
    )}</ul>`}`,
  };
}
