// The staff view of one question set: askers with a party-correction form, marking it answered by
// a government letter, and notes.
import type { Note } from '../../../server/staff/notes.ts';
import { formatDate, isoDate } from '../../format.ts';
import { html } from '../../html.ts';
import type { PageContent } from '../../layout.ts';
import { statusBadge } from '../../status.ts';
import type { QuestionStatus } from '../../../server/db/schema/index.ts';
import { type Errors, fieldError, invalid, notice, type StaffContext, staffNav } from './common.ts';
import { notesSection } from './requests.ts';

export interface StaffQuestion {
  nummer: string;
  title: string;
  status: QuestionStatus | null;
  submittedOn: string | null;
  askers: { actorId: string; name: string | null; role: string; party: string | null; partySource: string | null; persoonId: string | null }[];
  letter: { answeredAt: Date; note: string; markedBy: string } | undefined;
  parties: string[];
}

export function staffQuestionPage(ctx: StaffContext, q: StaffQuestion, notes: Note[], message?: string, errors: Errors = {}, values: Record<string, string> = {}): PageContent {
  const correctable = q.askers.filter((a) => a.persoonId);
  return {
    title: `${q.nummer} (staf)`,
    body: html`${staffNav(ctx)}
<p><a href="/vragen/${q.nummer}">Openbare pagina van ${q.nummer}</a></p>
<h1>${q.title || q.nummer}</h1>
${notice(message)}
<p>Zaak ${q.nummer}${q.submittedOn ? html`, ingediend op <time datetime="${isoDate(q.submittedOn)}">${formatDate(q.submittedOn)}</time>` : ''}. ${q.status ? statusBadge(q.status) : ''}</p>
<section aria-labelledby="h-askers"><h2 id="h-askers">Vragenstellers en partij bij indiening</h2>
<table><caption class="visually-hidden">Vragenstellers</caption>
<thead><tr><th scope="col">Naam</th><th scope="col">Rol</th><th scope="col">Partij bij indiening</th></tr></thead>
<tbody>${q.askers.map((a) => html`<tr><td>${a.name}</td><td>${a.role}</td><td>${a.party ?? 'geen'}${a.partySource === 'correction' ? ' (gecorrigeerd)' : ''}</td></tr>`)}</tbody></table>
${correctable.length
  ? html`<form method="post" action="/staff/vragen/${q.nummer}/partij">
  ${ctx.csrf}
  <fieldset><legend>Partij van een vragensteller corrigeren</legend>
  <div class="field"><label for="asker">Vragensteller</label>
  <select id="asker" name="asker"${invalid(errors, 'asker')}>${correctable.map((a) => html`<option value="${a.actorId}"${values.asker === a.actorId ? html` selected` : ''}>${a.name}</option>`)}</select>${fieldError(errors, 'asker')}</div>
  <div class="field"><label for="party">Juiste partij (afkorting; leeg: geen partij)</label>
  <input type="text" id="party" name="party" list="parties" maxlength="60" value="${values.party ?? ''}"${invalid(errors, 'party')}>
  <datalist id="parties">${q.parties.map((p) => html`<option value="${p}"></option>`)}</datalist>${fieldError(errors, 'party')}</div>
  <div class="field"><label for="reason">Reden van de correctie</label>
  <input type="text" id="reason" name="reason" maxlength="500" required value="${values.reason ?? ''}"${invalid(errors, 'reason')}>${fieldError(errors, 'reason')}</div>
  <button type="submit">Correctie opslaan</button></fieldset>
</form>`
  : ''}
</section>
<section aria-labelledby="h-letter"><h2 id="h-letter">Beantwoord met een brief van de regering</h2>
${q.letter ? html`<p>Gemarkeerd als beantwoord met een brief van <time datetime="${q.letter.answeredAt.toISOString()}">${formatDate(q.letter.answeredAt)}</time> door ${q.letter.markedBy}.${q.letter.note ? ` ${q.letter.note}` : ''}</p>` : ''}
<form method="post" action="/staff/vragen/${q.nummer}/brief">
  ${ctx.csrf}
  <div class="field"><label for="answeredOn">Datum van de brief</label>
  <input type="date" id="answeredOn" name="answeredOn" required value="${values.answeredOn ?? ''}"${invalid(errors, 'answeredOn')}>${fieldError(errors, 'answeredOn')}</div>
  <div class="field"><label for="documentId">Document-ID van de brief (optioneel)</label>
  <input type="text" id="documentId" name="documentId" maxlength="36" value="${values.documentId ?? ''}"${invalid(errors, 'documentId')}>${fieldError(errors, 'documentId')}</div>
  <div class="field"><label for="letterNote">Toelichting (optioneel)</label>
  <input type="text" id="letterNote" name="note" maxlength="500" value="${values.note ?? ''}"></div>
  <button type="submit">Markeren als beantwoord</button>
</form></section>
${notesSection(notes, `/staff/vragen/${q.nummer}/notities`, ctx.csrf, errors)}`,
  };
}
