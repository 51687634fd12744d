// Reads the Kamer's own file of a question, answer or notice document, used until KOOP publishes
// the official text: DOCX with mammoth (raw text, one paragraph per Word paragraph), PDF with
// unpdf (PDF.js). A PDF carries page furniture (a running header, 'Pagina 1 van 3'), words broken
// at the line end ('stalsyste-' / 'men') and footnotes in small print at the page foot; those
// are cleaned up here from the positions of the text, then plain-text.ts finds the items.
// Both libraries are imported when first needed, so the server's start-up never loads PDF.js.
import { parsePlainText } from './plain-text.ts';
import { type DocumentKind, type Footnote, type ParsedDocument, UnreadableText } from './parsed.ts';

interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

interface Line {
  text: string;
  y: number;
  fontSize: number;
}

const PAGE_NUMBER = /^(?:(?:pagina|blz\.?|page)\s*)?-?\s*\d{1,3}\s*-?(?:\s*(?:van|of|\/)\s*\d{1,3})?$/iu;
/** A heading alone on its line ('Vraag 2', 'Antwoord 2 en 3:') is a paragraph of its own. */
const HEADING_LINE = /^(?:vraag|vragen|antwoord|antwoorden)(?:\s+(?:(?:op|bij)\s+(?:de\s+)?)?(?:vra(?:ag|gen)\s+)?\d{1,3}[a-z]?(?:\s*(?:,|en|t\/m|-|–)\s*\d{1,3}[a-z]?)*)?\s*[.:]?$/iu;
const URL_IN_TEXT = /(?:https?:\/\/|www\.)[^\s<>"»«]+[^\s<>"»«.,;:)]/u;

/** A PDF page's text items as lines, top to bottom (PDF y grows upwards). */
function linesOf(items: PdfItem[]): Line[] {
  const sorted = items.filter((i) => i.str.trim() !== '' || i.str === ' ').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: (Line & { end: number })[] = [];
  for (const item of sorted) {
    const size = item.fontSize || 10;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - item.y) <= size * 0.4) {
      const gap = item.x - last.end;
      last.text += (gap > size * 0.15 && !last.text.endsWith(' ') && !item.str.startsWith(' ') ? ' ' : '') + item.str;
      last.end = Math.max(last.end, item.x + item.width);
      last.fontSize = Math.max(last.fontSize, size);
    } else {
      lines.push({ text: item.str, y: item.y, fontSize: size, end: item.x + item.width });
    }
  }
  return lines.map((l) => ({ text: l.text.replace(/\s+/g, ' ').trim(), y: l.y, fontSize: l.fontSize })).filter((l) => l.text !== '');
}

const shape = (text: string) => text.replace(/\d+/g, '#').toLowerCase();

/**
 * Lines that repeat at the top or the foot of several pages (digits aside: '2025D12345',
 * 'Pagina 2 van 3') and lone page numbers there are page furniture.
 */
function furniture(pages: Line[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const edge = new Set([...page.slice(0, 3), ...page.slice(-3)].map((l) => shape(l.text)));
    for (const s of edge) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const min = Math.max(2, Math.ceil(pages.length / 2));
  return new Set([...counts].filter(([, n]) => pages.length > 1 && n >= min).map(([s]) => s));
}

/** The body font size: the size carrying the most characters. */
function bodySize(pages: Line[][]): number {
  const weight = new Map<number, number>();
  for (const l of pages.flat()) weight.set(Math.round(l.fontSize), (weight.get(Math.round(l.fontSize)) ?? 0) + l.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Joins lines into paragraphs (a blank line between them), mending hyphenation; footnotes apart. */
function cleanPdfPages(pageItems: PdfItem[][]): { text: string; footnotes: Footnote[] } {
  const pages = pageItems.map(linesOf);
  const repeated = furniture(pages);
  const body = bodySize(pages);
  const footnotes: Footnote[] = [];
  const paragraphs: string[] = [];
  let current = '';
  let previous: Line | null = null;

  const flush = () => {
    if (current.trim()) paragraphs.push(current.trim());
    current = '';
  };

  for (const page of pages) {
    const kept = page.filter((l, i) => {
      const edge = i < 3 || i >= page.length - 3;
      return !(edge && (repeated.has(shape(l.text)) || PAGE_NUMBER.test(l.text)));
    });
    // Small print below the body text at the page foot: the footnotes ('1 https://…').
    let footStart = kept.length;
    while (footStart > 0 && (kept[footStart - 1]?.fontSize ?? body) < body * 0.9) footStart -= 1;
    let note: Footnote | null = null;
    for (const l of kept.slice(footStart)) {
      const m = /^(\d{1,2})\s*(.*)$/u.exec(l.text);
      if (m && (m[2] ?? '') !== '') {
        note = { text: m[2] ?? '', url: null };
        footnotes.push(note);
      } else if (note) {
        // A URL broken at the line end continues without a space.
        const urlContinues = /(?:https?:\/\/|www\.)\S*[-/_.=?&]$/u.test(note.text) && !/\s/.test(l.text);
        note.text += urlContinues ? l.text : ` ${l.text}`;
      }
    }
    let firstOnPage = true;
    for (const l of kept.slice(0, footStart)) {
      // A raised footnote marker on a line of its own.
      if (/^\d{1,2}$/.test(l.text) && l.fontSize < body * 0.9) continue;
      const heading = HEADING_LINE.test(l.text);
      if (heading) flush();
      else if (previous && current) {
        // A gap wider than a line and a half starts a paragraph; a new page continues the
        // paragraph unless the last one ended a sentence.
        if (firstOnPage ? /[.?!:]$/.test(current) : previous.y - l.y > previous.fontSize * 1.6) flush();
      }
      firstOnPage = false;
      if (!current) current = l.text;
      else if (/\p{Ll}-$/u.test(current) && /^\p{Ll}/u.test(l.text)) current = current.slice(0, -1) + l.text;
      else if (/\p{L}-$/u.test(current)) current += l.text;
      else current += ` ${l.text}`;
      previous = l;
      if (heading) flush();
    }
  }
  flush();
  for (const f of footnotes) {
    f.text = f.text.replace(/\s+/g, ' ').trim();
    const url = URL_IN_TEXT.exec(f.text)?.[0];
    f.url = url ? (url.startsWith('www.') ? `https://${url}` : url) : null;
  }
  return { text: paragraphs.join('\n\n'), footnotes };
}

async function pdfItems(bytes: Uint8Array): Promise<PdfItem[][]> {
  const { extractTextItems } = await import('unpdf');
  try {
    // PDF.js takes ownership of the buffer it is given: pass a copy.
    const { items } = await extractTextItems(new Uint8Array(bytes));
    return items;
  } catch (err) {
    throw new UnreadableText(`Het PDF-bestand kan niet worden gelezen: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  try {
    return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new UnreadableText(`Het DOCX-bestand kan niet worden gelezen: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The Kamer's file as a ParsedDocument. Throws UnreadableText for a format other than DOCX or PDF,
 * a file without text (a scan), or a question or answer document without numbered items.
 */
export async function parseTkFile(bytes: Uint8Array, extension: string, kind: DocumentKind): Promise<ParsedDocument> {
  const ext = extension.trim().toLowerCase().replace(/^\./, '');
  let text: string;
  let footnotes: Footnote[] = [];
  if (ext === 'docx') text = await docxText(bytes);
  else if (ext === 'pdf') ({ text, footnotes } = cleanPdfPages(await pdfItems(bytes)));
  else throw new UnreadableText(`Onbekend bestandsformaat '${ext || 'zonder extensie'}': alleen DOCX en PDF worden gelezen.`);
  if ((text.match(/\p{L}/gu)?.length ?? 0) < 20) throw new UnreadableText('Het bestand bevat geen tekst (een scan zonder tekstlaag?).');
  const parsed = parsePlainText(text, kind, footnotes);
  if (kind === 'questions' && parsed.items.length === 0) throw new UnreadableText('Geen genummerde vragen gevonden in het bestand.');
  if ((kind === 'answer' || kind === 'nader-answer') && parsed.items.length === 0) throw new UnreadableText('Geen genummerde antwoorden gevonden in het bestand.');
  if (kind === 'notice' && parsed.remark === null) throw new UnreadableText('Geen tekst van de mededeling gevonden in het bestand.');
  return parsed;
}
