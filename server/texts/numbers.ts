// Question numbers as the publications write them, shared by the XML and the plain-text readers:
// 'Vraag 1', 'Antwoord 2 en 3', 'Vraag 2, 3', 'Vragen 4 t/m 6', older '1.' or '1)'.

const NUMBER = String.raw`\d{1,3}[a-z]?`;
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*(?:t/m|-|–)\s*(${NUMBER})$`);
const WHOLE_NUMBER = new RegExp(`^${NUMBER}$`);
const LEADING = new RegExp(`^(${NUMBER})\\b`);
const LIST_SEPARATOR = /\s*(?:,|&|\ben\b|\bof\b)\s*/;

/** A range `4 t/m 6` as ['4', '5', '6'] (plain numbers only, at most 50 long). */
function expandRange(part: string): string[] | null {
  const m = RANGE.exec(part);
  if (!m) return null;
  const [, first = '', last = ''] = m;
  const from = Number(first);
  const to = Number(last);
  if (!/^\d+$/.test(first) || !/^\d+$/.test(last) || to < from || to - from > 50) return [first, last];
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

/**
 * The question numbers of a heading such as 'Antwoord 2 en 3' (leading words dropped, 'en' read
 * as a comma, ranges expanded); [] when it carries no number.
 */
export function headingNumbers(heading: string): string[] {
  const start = heading.search(/\d/);
  if (start < 0) return [];
  const rest = heading
    .slice(start)
    .toLowerCase()
    .replace(/\btot en met\b/g, 't/m')
    .replace(/[.:)]+\s*$/, '')
    .trim();
  const out: string[] = [];
  for (const part of rest.split(LIST_SEPARATOR)) {
    const p = part.replace(/^(?:vraag|vragen|antwoord|antwoorden)\s*/, '').trim();
    if (!p) continue;
    const range = expandRange(p);
    if (range) out.push(...range);
    else if (WHOLE_NUMBER.test(p)) out.push(p);
    else {
      // Text after the numbers ('Vraag 3 (vervolg)'): keep what was read so far.
      const lead = LEADING.exec(p);
      if (lead?.[1]) out.push(lead[1]);
      break;
    }
  }
  return [...new Set(out)];
}

/** A number list as it is written in a heading, for the plain-text reader's patterns. */
export const NUMBER_LIST = String.raw`${NUMBER}(?:\s*(?:,|&|\ben\b|t/m|tot en met|-|–)\s*${NUMBER})*`;
