// The texts on a question page: every question with its answer beneath it, an anchor per
// question (#vraag-3) to cite, the flags in words, the footnotes as links, and where the text
// came from. Paragraphs are plain text (escaped); only http(s) footnote URLs become links.
import type { QuestionView } from '../server/questions/question-view.ts';
import type { QuestionText, TextDetails } from '../server/texts/question-texts.ts';
import { html, type SafeHtml } from './html.ts';

export const NOT_AVAILABLE = 'tekst nog niet beschikbaar';
export const TK_SOURCE_NOTE = 'tekst van de Tweede Kamer, nog niet officieel gepubliceerd';

const ANSWER_KINDS = new Set(['Antwoord schriftelijke vragen', 'Antwoord schriftelijke vragen (nader)']);

/** The anchor of a question: `vraag-3`; numbers are the publication's, so only safe characters stay. */
function questionAnchor(number: string): string {
  return `vraag-${number.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-+|-+$/g, '') || 'x'}`;
}

/** Plain text with blank-line paragraph breaks, as paragraphs (escaped). */
export function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`)}`;
}

/** "vraag 2", "vraag 2 en 3", "vraag 1, 2 en 4", each number linking to its question. */
function questionRefs(numbers: string[], known: Set<string>): SafeHtml {
  const link = (n: string) => (known.has(n) ? html`<a href="#${questionAnchor(n)}">${n}</a>` : html`${n}`);
  const parts = numbers.map((n, i) => html`${i === 0 ? '' : i === numbers.length - 1 ? ' en ' : ', '}${link(n)}`);
  return html`${numbers.length > 1 ? 'vragen' : 'vraag'} ${parts}`;
}

function flagWords(q: QuestionText, known: Set<string>, deferral: string | undefined): SafeHtml[] {
  const words: SafeHtml[] = [];
  if (q.flags.includes('unanswered')) words.push(html`niet beantwoord`);
  if (q.flags.includes('grouped') && q.answer) words.push(html`samen beantwoord met ${questionRefs(q.answer.answeredWith, known)}`);
  if (q.flags.includes('referred') && q.answer) words.push(html`verwijst naar het antwoord op ${questionRefs(q.answer.refersTo, known)}`);
  if (q.flags.includes('deferred')) words.push(deferral ? html`uitgesteld: <q>${deferral}</q>` : html`uitgesteld`);
  return words;
}

function answerMissingText(q: QuestionView, details: TextDetails): boolean {
  return q.documents.some((d) => ANSWER_KINDS.has(d.kind ?? '') && details.documents.get(d.id)?.state !== 'ok');
}

export function questionTextsSection(q: QuestionView, details: TextDetails): SafeHtml {
  const questionsDoc = q.documents.find((d) => d.kind === 'Schriftelijke vragen');
  if (q.questions.length === 0) {
    return html`<h2 id="vragen-en-antwoorden">Vragen en antwoorden</h2>
<p class="text-note">${questionsDoc ? `De tekst van de vragen: ${NOT_AVAILABLE}.` : 'De vragen zelf staan (nog) niet in de gegevens van de Tweede Kamer.'}</p>`;
  }
  const known = new Set(q.questions.map((x) => x.number));
  const answerMissing = answerMissingText(q, details);
  return html`<h2 id="vragen-en-antwoorden">Vragen en antwoorden</h2>
${q.textSource === 'tk' ? html`<p class="text-note">Let op: ${TK_SOURCE_NOTE}.</p>` : ''}
<ol class="qa">
${q.questions.map((x) => {
  const words = flagWords(x, known, details.deferralTexts.get(x.number));
  return html`<li class="qa__item" id="${questionAnchor(x.number)}">
<h3><a href="#${questionAnchor(x.number)}">Vraag ${x.number}</a></h3>
<div class="qa__question">${paragraphs(x.text)}</div>
${words.length > 0 ? html`<p class="qa__flags"><strong>${words.map((w, i) => html`${i > 0 ? '; ' : ''}${w}`)}</strong></p>` : ''}
${x.answer
  ? html`<div class="qa__answer"><h4>Antwoord${x.answer.documentNumber ? html` <small>(${x.answer.documentNumber})</small>` : ''}</h4>${paragraphs(x.answer.text)}</div>`
  : answerMissing
    ? html`<div class="qa__answer"><h4>Antwoord</h4><p class="text-note">${NOT_AVAILABLE}</p></div>`
    : ''}
</li>`;
})}
</ol>
${q.footnotes.length > 0
  ? html`<h3>Bronnen in de vragen</h3>
<ol class="footnotes">${q.footnotes.map((f) => footnote(f))}</ol>`
  : ''}`;
}

/** A footnote's text with its URL as a link: in place when the text quotes it, else after it. */
function footnote(f: { text: string; url: string | null }): SafeHtml {
  if (!f.url || !isWebUrl(f.url)) return html`<li>${f.text}</li>`;
  const link = html`<a href="${f.url}" rel="noopener">${f.url}</a>`;
  const at = f.text.indexOf(f.url);
  if (at < 0) return html`<li>${f.text} ${link}</li>`;
  return html`<li>${f.text.slice(0, at)}${link}${f.text.slice(at + f.url.length)}</li>`;
}

function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
