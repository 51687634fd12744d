import type { Overview, OverviewEvent } from '../../server/overview/counts.ts';
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

function figure(n: number, label: string, href: string): SafeHtml {
  return html`<li><a href="${href}"><span class="count">${formatNumber(n)}</span> ${label}</a></li>`;
}

export function homePage({ counts, events }: Overview): PageContent {
  const topicQs = counts.topic ? '' : '?onderwerp=alle';
  const sep = topicQs ? '&' : '?';
  return {
    title: 'Overzicht',
    body: html`
<h1>Kamerwacht</h1>
<p class="lead">Kamerwacht volgt schriftelijke Kamervragen, verzoeken om briefings en brieven, en de antwoorden van
bewindspersonen. Eerst over <strong>dataveiligheid in de zorg</strong>: datalekken, hacks en ransomware bij
ziekenhuizen en laboratoria, NEN 7510, Z-CERT en de Cyberbeveiligingswet.</p>
<h2>${counts.topic ? html`Vragen over ${counts.topic.name}` : 'Alle vragen'}</h2>
<ul class="counts">
  ${figure(counts.open, 'wachten op antwoord', `/vragen${topicQs}${sep}sort=termijn`.replace('?&', '?'))}
  ${figure(counts.dueThisWeek, 'moeten deze week beantwoord zijn', `/vragen${topicQs}${sep}sort=termijn`.replace('?&', '?'))}
  ${figure(counts.overdue, 'te laat', `/vragen${topicQs}${sep}status=overdue&sort=te-laat`)}
  ${figure(counts.delayed, 'uitgesteld', `/vragen${topicQs}${sep}status=delayed`)}
  ${figure(counts.answeredThisMonth, 'beantwoord deze maand', `/vragen${topicQs}${sep}status=answered`)}
  ${figure(counts.requests, 'verzoeken om een briefing of brief', '/verzoeken')}
</ul>
<p><a href="/vragen${topicQs}">Alle ${formatNumber(counts.questionSets)} sets vragen bekijken</a></p>
<h2>Laatste gebeurtenissen</h2>
${events.length === 0
  ? html`<p>Nog geen gebeurtenissen in de afgelopen 90 dagen.</p>`
  : html`<ul class="events">${events.map(
      (e) => html`<li><time datetime="${isoDate(e.occurredAt)}">${formatDate(e.occurredAt)}</time> · <strong>${EVENT_LABELS[e.kind] ?? e.kind}</strong>: <a href="/vragen/${e.nummer}">${e.nummer}</a> ${e.title}</li>`,
    )}</ul>`}`,
  };
}
