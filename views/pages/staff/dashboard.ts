// The staff dashboard and the audit log.
import type { QuestionListRow } from '../../../server/question-list/list-questions.ts';
import type { MemberOption } from '../../../server/question-list/filter-options.ts';
import type { Dashboard, DashboardFilters } from '../../../server/staff/dashboard.ts';
import { formatDate, formatDateTime, isoDate } from '../../format.ts';
import { html, type SafeHtml } from '../../html.ts';
import type { PageContent } from '../../layout.ts';
import { statusBadge } from '../../status.ts';
import { type StaffContext, staffNav } from './common.ts';

const day = (d: string | null) => (d ? html`<time datetime="${isoDate(d)}">${formatDate(d)}</time>` : '—');

function table(caption: string, rows: QuestionListRow[], dateLabel: string, date: (r: QuestionListRow) => string | null): SafeHtml {
  if (rows.length === 0) return html`<p>Geen vragen.</p>`;
  return html`<table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Zaak</th><th scope="col">Onderwerp</th><th scope="col">Vragenstellers</th><th scope="col">Ministerie</th><th scope="col">${dateLabel}</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr>
  <td><a href="/staff/vragen/${r.nummer}">${r.nummer}</a></td>
  <td>${r.title}</td>
  <td>${r.askers.map((a, i) => html`${i > 0 ? ', ' : ''}${a.name}${a.party ? ` (${a.party})` : ''}`)}</td>
  <td>${r.ministries.join(', ')}</td>
  <td>${day(date(r))}</td>
  <td>${statusBadge(r.status)}${r.daysOverdue > 0 ? html` (${r.daysOverdue} dagen)` : ''}</td>
</tr>`,
)}
</tbody>
</table>`;
}

function select(id: string, name: string, options: { value: string; label: string }[], selected: string | null): SafeHtml {
  return html`<select id="${id}" name="${name}">
  <option value="">— alle —</option>
  ${options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${o.label}</option>`)}
</select>`;
}

export interface DashboardOptions {
  members: MemberOption[];
  parties: string[];
  ministries: string[];
}

export function dashboardPage(ctx: StaffContext, d: Dashboard, f: DashboardFilters, options: DashboardOptions, query: string): PageContent {
  const opt = (list: string[]) => list.map((v) => ({ value: v, label: v }));
  return {
    title: 'Stafdashboard',
    body: html`${staffNav(ctx)}
<h1>Stafdashboard</h1>
<form class="filters" method="get" action="/staff" role="search">
  <div class="field"><label for="f-lid">Kamerlid</label>${select('f-lid', 'lid', options.members, f.member)}</div>
  <div class="field"><label for="f-fractie">Fractie (bij indiening)</label>${select('f-fractie', 'fractie', opt(options.parties), f.party)}</div>
  <div class="field"><label for="f-ministerie">Ministerie</label>${select('f-ministerie', 'ministerie', opt(options.ministries), f.ministry)}</div>
  <div class="field field--actions"><button type="submit">Filteren</button> <a href="/staff">Filters wissen</a></div>
</form>
<p>Downloaden als CSV: <a href="/staff/export.csv?lijst=deze-week${query ? `&${query}` : ''}">deze week</a> ·
<a href="/staff/export.csv?lijst=te-laat${query ? `&${query}` : ''}">te laat</a> ·
<a href="/staff/export.csv?lijst=beantwoord${query ? `&${query}` : ''}">recent beantwoord</a></p>
<section aria-labelledby="h-week"><h2 id="h-week">Termijn verloopt deze week (${d.dueThisWeek.length})</h2>
${table('Termijn verloopt deze week', d.dueThisWeek, 'Uiterste datum', (r) => r.applicableDueOn)}</section>
<section aria-labelledby="h-overdue"><h2 id="h-overdue">Te laat (${d.overdue.length})</h2>
${table('Te laat', d.overdue, 'Uiterste datum', (r) => r.applicableDueOn)}</section>
<section aria-labelledby="h-answered"><h2 id="h-answered">Recent beantwoord (${d.recentlyAnswered.length})</h2>
${table('Recent beantwoord', d.recentlyAnswered, 'Beantwoord op', (r) => r.answeredOn)}</section>`,
  };
}

export interface AuditRow {
  id: number;
  at: Date;
  actorEmail: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export function auditPage(ctx: StaffContext, rows: AuditRow[]): PageContent {
  const json = (v: unknown) => (v === null || v === undefined ? '—' : html`<pre>${JSON.stringify(v, null, 2)}</pre>`);
  return {
    title: 'Auditlog',
    body: html`${staffNav(ctx)}
<h1>Auditlog</h1>
<p>De laatste ${rows.length} wijzigingen door staf, nieuwste eerst.</p>
<table>
<caption class="visually-hidden">Auditlog</caption>
<thead><tr><th scope="col">Wanneer</th><th scope="col">Wie</th><th scope="col">Wat</th><th scope="col">Object</th><th scope="col">Voor</th><th scope="col">Na</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr><td><time datetime="${r.at.toISOString()}">${formatDateTime(r.at)}</time></td><td>${r.actorEmail}</td><td>${r.action}</td><td>${r.entity} ${r.entityId}</td><td>${json(r.before)}</td><td>${json(r.after)}</td></tr>`,
)}
</tbody>
</table>`,
  };
}
