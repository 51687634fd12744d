// /verzoeken/<slug>: one promise with its status (Kamerwacht's beside the register's), what was
// promised or asked, by whom and to whom, the deadline and where it came from, what fulfilled it
// (or "brief nog niet gevonden"), and its timeline.
import type { PromiseDetail, PromiseTimelineEntry } from '../../server/promises/ledger.ts';
import { formatDate, formatDateTime, formatNumber, isoDate } from '../format.ts';
import { html, safeUrl, type SafeHtml } from '../html.ts';
import type { PageContent } from '../layout.ts';
import { deadlineText, KIND_LABELS, madeOn, owedByText, PROMISE_EVENT_LABELS, promiseStatusBadge, REQUEST_STATUS_LABELS, SOURCE_LABELS, toWhomText } from '../promise-status.ts';
import { fulfilment, linkHref } from './requests.ts';

const day = (d: string | null) => (d ? html`<time datetime="${isoDate(d)}">${formatDate(d)}</time>` : html`onbekend`);
const days = (n: number) => `${formatNumber(n)} ${n === 1 ? 'dag' : 'dagen'}`;

function summary(p: PromiseDetail): SafeHtml {
  switch (p.status) {
    case 'overdue':
      return html`Nog niet nagekomen: de termijn verliep op ${day(p.dueOn)}; ${days(p.daysOverdue)} over de termijn.`;
    case 'due_soon':
      return html`Nog niet nagekomen; de termijn verloopt op ${day(p.dueOn)}.`;
    case 'open':
      return p.dueOn ? html`Nog niet nagekomen; termijn ${day(p.dueOn)}.` : html`Nog niet nagekomen; er is geen termijn met een datum.`;
    case 'scheduled':
      return html`Gepland: de briefing is vastgelegd en moet nog plaatsvinden.`;
    case 'fulfilled':
    case 'partly_fulfilled': {
      const how = p.status === 'fulfilled' ? 'Nagekomen' : 'Deels nagekomen';
      if (!p.fulfilledOn) return html`${how}${p.registerStatus && !p.decidedStatus ? ' volgens het register' : ''}.`;
      const late = p.dueOn && p.fulfilledOn > p.dueOn ? html`, ${days(p.daysOverdue)} na de termijn` : p.dueOn ? ', binnen de termijn' : '';
      return html`${how} op ${day(p.fulfilledOn)}${late}.`;
    }
    case 'lapsed':
      return html`Vervallen${p.registerStatus === 'Vervallen' ? ' volgens het register' : ''}.`;
    case 'declined':
      return html`Afgewezen.`;
  }
}


interface TimelineItem {
  at: string;
  label: SafeHtml | string;
  pending?: boolean;
}

function timeline(p: PromiseDetail): SafeHtml {
  const items: TimelineItem[] = [];
  const seen = new Set<string>();
  const at = (d: Date) => isoDate(d);
  if (p.madeOn) items.push({ at: p.madeOn, label: html`<strong>${p.source === 'staff' ? 'Gevraagd' : 'Gedaan'}</strong>${p.activity ? html` in ${p.activity.soort ?? 'activiteit'}${p.activity.onderwerp ? `: ${p.activity.onderwerp}` : ''}` : ''}` });
  seen.add('made');
  for (const e of p.events as PromiseTimelineEntry[]) {
    if (seen.has(e.kind) || e.kind === 'rappel') continue;
    seen.add(e.kind);
    items.push({ at: at(e.at), label: html`<strong>${PROMISE_EVENT_LABELS[e.kind as keyof typeof PROMISE_EVENT_LABELS] ?? e.kind}</strong>` });
  }
  for (const l of p.links) {
    if (l.origin === 'suggestion') items.push({ at: at(l.createdAt), label: html`Voorgesteld als nakoming: ${l.title}` });
    if (l.decidedAt && l.state !== 'suggested') {
      items.push({ at: at(l.decidedAt), label: html`${l.state === 'confirmed' ? 'Bevestigd' : 'Afgewezen'} als nakoming door de staf: ${l.title}` });
    }
    if (l.state === 'confirmed' && l.date) items.push({ at: l.date, label: html`<strong>${l.kind === 'activiteit' ? 'Briefing' : 'Brief'}</strong>: ${l.title}` });
  }
  const open = p.status === 'open' || p.status === 'due_soon' || p.status === 'overdue' || p.status === 'scheduled';
  if (open && p.dueOn) items.push({ at: p.dueOn, label: html`<strong>Termijn</strong>`, pending: p.dueOn >= (p.statusAsOf ? isoDate(p.statusAsOf) : p.dueOn) });
  items.sort((a, b) => a.at.localeCompare(b.at));
  return html`<ol class="timeline">${items.map(
    (i) => html`<li${i.pending ? html` class="timeline__pending"` : ''}><time datetime="${i.at}">${formatDate(i.at)}</time> · ${i.label}</li>`,
  )}</ol>`;
}

function source(p: PromiseDetail): SafeHtml {
  const rows: SafeHtml[] = [];
  if (p.activity) {
    const href = linkHref({ kind: 'activiteit', target: p.activity.id });
    rows.push(html`<dt>${p.source === 'toezegging' ? 'Gedaan in' : 'Besloten in'}</dt><dd>${href ? html`<a href="${href}">${p.activity.soort ?? 'Activiteit'}${p.activity.onderwerp ? `: ${p.activity.onderwerp}` : ''}</a>` : p.activity.onderwerp}${
      p.activity.nummer ? `, ${p.activity.nummer}` : ''
    }${p.activity.datum ? html`, ${day(p.activity.datum)}` : ''}</dd>`);
  } else if (p.source === 'toezegging' && typeof p.details.activiteitNummer === 'string') {
    rows.push(html`<dt>Gedaan in</dt><dd>activiteit ${p.details.activiteitNummer} (nog niet in de gegevens)</dd>`);
  }
  if (p.source === 'answer' && p.zaak?.nummer) {
    const numbers = Array.isArray(p.details.questionNumbers) ? (p.details.questionNumbers as string[]) : [];
    rows.push(html`<dt>Bij de vragen</dt><dd><a href="/vragen/${p.zaak.nummer}">${p.zaak.nummer}</a>${numbers.length ? `, vraag ${numbers.join(', ')}` : ''}${p.zaak.onderwerp ? html`: ${p.zaak.onderwerp}` : ''}</dd>`);
  } else if (p.zaak?.nummer) {
    rows.push(html`<dt>Zaak</dt><dd>${p.zaak.nummer}${p.zaak.onderwerp ? html`: ${p.zaak.onderwerp}` : ''}</dd>`);
  }
  if (typeof p.details.agendapunt === 'string' && p.details.agendapunt) rows.push(html`<dt>Agendapunt</dt><dd>${p.details.agendapunt}</dd>`);
  for (const r of p.related) {
    const label = { herhaling: 'Herhaling van', aanvulling: 'Aanvulling op', wijziging: 'Wijziging van' }[r.relation];
    rows.push(html`<dt>${label}</dt><dd>${r.slug ? html`<a href="/verzoeken/${r.slug}">toezegging ${r.number ?? ''}</a>` : `toezegging ${r.number ?? '(nog niet in de gegevens)'}`}</dd>`);
  }
  return html`${rows}`;
}

function owedBy(p: PromiseDetail): SafeHtml {
  const unresolved = p.source === 'toezegging' && p.minister && !p.ministerPersoonId;
  return html`${owedByText(p)}${unresolved ? html` <small>(naam zoals in het register; niet aan een persoon in de gegevens gekoppeld)</small>` : ''}`;
}

export function promisePage(p: PromiseDetail, canonicalUrl: string): PageContent {
  const kind = `${KIND_LABELS[p.kind]}${p.number ? ` ${p.number}` : ''}`;
  return {
    title: `${kind}: ${p.subject}`,
    description: `${kind}: ${p.subject}. Status: ${REQUEST_STATUS_LABELS[p.status]}.`,
    canonicalUrl,
    body: html`<p class="meta"><a href="/verzoeken">Toezeggingen en verzoeken</a> › ${kind}</p>
<h1>${p.subject}</h1>
${p.removed ? html`<p class="notice" role="note">Deze ${p.source === 'besluit' ? 'beslissing' : 'toezegging'} staat niet meer in de gegevens van de Tweede Kamer (verwijderd of gewijzigd). Wij bewaren haar met haar geschiedenis.</p>` : ''}
<p class="status-line">${promiseStatusBadge(p.status)}${p.registerStatus ? html` · Register van de Tweede Kamer: <strong>${p.registerStatus}</strong>` : ''}</p>
<p>${summary(p)}</p>
<p class="meta"><small>Status per ${p.statusAsOf ? html`<time datetime="${p.statusAsOf.toISOString()}">${formatDateTime(p.statusAsOf)}</time>` : 'onbekend (nog niet beoordeeld)'}.${
      p.decidedStatus ? ' Uitkomst vastgelegd door de staf.' : ''
    }</small></p>
${p.removed ? '' : html`<p><a class="button" href="/abonneren?toezegging=${encodeURIComponent(p.slug)}">Volg deze ${p.kind === 'commitment' ? 'toezegging' : 'belofte'}</a></p>`}

<h2>Wat is ${p.source === 'staff' || p.source === 'besluit' ? 'gevraagd' : 'toegezegd'}</h2>
${p.description ? html`<blockquote>${p.description}</blockquote>` : html`<p>De tekst is niet bekend.</p>`}
<dl class="facts">
  <dt>Soort</dt><dd>${kind} · ${SOURCE_LABELS[p.source]}</dd>
  <dt>${p.source === 'staff' ? 'Gevraagd op' : 'Gedaan op'}</dt><dd>${madeOn(p)}</dd>
  ${source(p)}
  <dt>Door</dt><dd>${owedBy(p)}</dd>
  <dt>Aan</dt><dd>${toWhomText(p)}</dd>
  ${p.supporterParties.length > 0 ? html`<dt>Gesteund door</dt><dd>${p.supporterParties.join(', ')}</dd>` : ''}
  <dt>Termijn</dt><dd>${deadlineText(p)}</dd>
  <dt>Nagekomen met</dt><dd>${fulfilment(p)}</dd>
</dl>

<h2>Verloop</h2>
${timeline(p)}

${p.topics.length > 0
  ? html`<h2>Waarom staat dit bij een onderwerp?</h2>
<ul>${p.topics.map((t) => html`<li>Onderwerp <strong>${t.name}</strong>: gevonden op ${t.matchedTerms.map((m, i) => html`${i > 0 ? ', ' : ''}<q>${m}</q>`)}.</li>`)}</ul>`
  : ''}

${p.sourceText && p.sourceText !== p.description
  ? html`<details><summary>Brontekst</summary><blockquote>${p.sourceText}</blockquote>${p.sourceUrl ? html`<p><a href="${safeUrl(p.sourceUrl)}">Bron</a></p>` : ''}</details>`
  : p.sourceUrl ? html`<p><a href="${safeUrl(p.sourceUrl)}">Bron</a></p>` : ''}

<h2>Gegevens</h2>
<ul>
  <li><a href="/api/v1/requests/${encodeURIComponent(p.slug)}">Als JSON</a></li>
  ${p.addressees.map((m) => html`<li><a href="/ministeries/${encodeURIComponent(m)}/rappel">Rappel van ${m}: alles wat over de termijn is</a></li>`)}
</ul>`,
  };
}
