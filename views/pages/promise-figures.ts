// The ministry page's promises section: how many promises it owes, how many are past their
// deadline, and how many of those fulfilled were kept on time, next to the answer times of
// written questions. A partial of its own (the ministry page itself is shared with other work).
import type { PromiseFigures } from '../../server/promises/ledger.ts';
import { formatNumber } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

const pct = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((n / of) * 100)}%`);

export function promiseFiguresPartial(code: string, f: PromiseFigures): SafeHtml {
  const ledger = `/verzoeken?ministerie=${encodeURIComponent(code)}`;
  return html`<section aria-labelledby="h-toezeggingen">
<h2 id="h-toezeggingen">Toezeggingen en verzoeken</h2>
${f.total === 0
  ? html`<p>Geen toezeggingen of verzoeken aan dit ministerie in de gegevens.</p>`
  : html`<table class="stats">
<caption>Toezeggingen en verzoeken aan dit ministerie</caption>
<tbody>
<tr><th scope="row">In totaal</th><td><a href="${ledger}">${formatNumber(f.total)}</a></td></tr>
<tr><th scope="row">Nog open, binnen de termijn of zonder termijn</th><td>${formatNumber(f.open)}</td></tr>
<tr><th scope="row">Over de termijn</th><td><a href="${ledger}&amp;status=overdue">${formatNumber(f.overdue)}</a>${f.medianDaysOverdue !== null ? html` (mediaan ${formatNumber(Math.round(f.medianDaysOverdue))} dagen)` : ''}</td></tr>
<tr><th scope="row">Nagekomen binnen de termijn</th><td>${formatNumber(f.fulfilledOnTime)} van ${formatNumber(f.fulfilledWithDates)} (${pct(f.fulfilledOnTime, f.fulfilledWithDates)})</td></tr>
<tr><th scope="row">Nagekomen, datum of termijn onbekend</th><td>${formatNumber(f.fulfilledOther)}</td></tr>
</tbody></table>
<p><a href="/ministeries/${encodeURIComponent(code)}/rappel">Rappel: alles wat over de termijn is</a> (om af te drukken of als CSV).</p>`}
</section>`;
}
