// Reads a deadline from Dutch wording ("voor de zomer 2025", "uiterlijk 1 oktober", "binnen
// zes weken"). Half the Kamer's commitments have no deadline date of their own; the term is in
// the text. The date read is conservative: the latest day the wording allows, so Kamerwacht
// never calls a promise late before the words do ("voor de zomer" is 1 July, "in het najaar"
// 31 December, "voor 1 oktober" 1 October). "Voor X" is the start of X, "in/eind X" its end.
// Wording that names no day ("zo spoedig mogelijk", "na de zomer", "voor het debat") is kept as
// words without a date. Dates are Europe/Amsterdam calendar dates ('YYYY-MM-DD').
import { addDays } from '../calendar.ts';

export interface DeadlineReading {
  /** The words as they stand in the text. */
  text: string;
  /** The conservative date read from them, or null when the words name no day. */
  date: string | null;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, maart: 3, mrt: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6, juli: 7, jul: 7,
  augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?(?!\\p{L})`;
const WEEKDAY = '(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\\s+)?';
const YEAR = '((?:19|20)\\d\\d)';
const NUMBER_WORDS: Record<string, number> = {
  een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10, elf: 11, twaalf: 12,
  dertien: 13, veertien: 14, vijftien: 15, zestien: 16, achttien: 18, twintig: 20, vierentwintig: 24,
};
const AMOUNT = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const BEFORE = '(?:voor|vóór|uiterlijk|niet later dan|ten laatste|uiterlijk voor|uiterlijk vóór)';
const QUARTERS: Record<string, number> = { eerste: 1, '1e': 1, tweede: 2, '2e': 2, derde: 3, '3e': 3, vierde: 4, '4e': 4, laatste: 4 };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const valid = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);

/** The year meant when the words give none: the first such day on or after the day it was made. */
function inferYear(madeOn: string, month: number, day: number): number {
  const y = Number(madeOn.slice(0, 4));
  return iso(y, month, Math.min(day, lastDay(y, month))) >= madeOn ? y : y + 1;
}

function yearOf(raw: string | undefined, madeOn: string, month: number, day: number): number {
  return raw ? Number(raw) : inferYear(madeOn, month, day);
}

function amount(raw: string): number {
  return /^\d+$/.test(raw) ? Number(raw) : (NUMBER_WORDS[raw.toLowerCase()] ?? 0);
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, lastDay(ny, nm)));
}

/** Prinsjesdag: the third Tuesday of September. */
function prinsjesdag(year: number): string {
  const firstDow = new Date(Date.UTC(year, 8, 1)).getUTCDay();
  const firstTuesday = 1 + ((2 - firstDow + 7) % 7);
  return iso(year, 9, firstTuesday + 14);
}

type Rule = { re: RegExp; date: (m: RegExpExecArray, madeOn: string) => string | null };

// Order does not matter: every rule is tried and the readings are compared (see readDeadline).
const RULES: Rule[] = [
  // "uiterlijk 1 oktober (2025)", "voor 15 maart", "vóór 1 juli 2026"
  {
    re: new RegExp(`\\b${BEFORE}\\s+(?:op\\s+|in\\s+)?${WEEKDAY}(\\d{1,2})\\s+${MONTH}(?:\\s+${YEAR})?`, 'giu'),
    date: (m, madeOn) => {
      const day = Number(m[1]);
      const month = MONTHS[m[2]!.toLowerCase()]!;
      const year = yearOf(m[3], madeOn, month, day);
      return valid(year, month, day) ? iso(year, month, day) : null;
    },
  },
  // "uiterlijk 01-10-2025", "voor 1/10/2025"
  {
    re: new RegExp(`\\b${BEFORE}\\s+(\\d{1,2})[-/.](\\d{1,2})[-/.]${YEAR}`, 'giu'),
    date: (m) => {
      const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return valid(year, month, day) ? iso(year, month, day) : null;
    },
  },
  // "voorafgaand aan het commissiedebat van 12 maart", "voor het debat op 3 juni 2025"
  {
    re: new RegExp(`\\b(?:voorafgaand aan|ruim voor|voor|vóór)\\s+(?:het|de)\\s+[\\p{L}\\s-]{1,60}?\\s+(?:van|op)\\s+(\\d{1,2})\\s+${MONTH}(?:\\s+${YEAR})?`, 'giu'),
    date: (m, madeOn) => {
      const day = Number(m[1]);
      const month = MONTHS[m[2]!.toLowerCase()]!;
      const year = yearOf(m[3], madeOn, month, day);
      return valid(year, month, day) ? iso(year, month, day) : null;
    },
  },
  // "voor oktober": the first of the month; "in/eind/begin/medio/uiterlijk (in) oktober (2025)": its last day
  {
    re: new RegExp(`\\b(voor|vóór|uiterlijk(?: in)?|eind|einde|begin|medio|half|in de loop van|in|rond|per)\\s+(?:de maand\\s+)?${MONTH}(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => {
      const month = MONTHS[m[2]!.toLowerCase()]!;
      const before = /^(voor|vóór)$/i.test(m[1]!);
      const year = yearOf(m[3], madeOn, month, before ? 1 : lastDay(Number(madeOn.slice(0, 4)), month));
      return before ? iso(year, month, 1) : iso(year, month, lastDay(year, month));
    },
  },
  // "voor de zomer (van) 2025", "voor het zomerreces", "voor de zomervakantie"
  {
    re: new RegExp(`\\b(?:voor|vóór|uiterlijk voor)\\s+(?:de|het)\\s+(?:zomer|zomerreces|zomervakantie|zomerperiode)(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => iso(yearOf(m[1], madeOn, 7, 1), 7, 1),
  },
  // "in het voorjaar (van 2026)": the end of spring, 30 June
  {
    re: new RegExp(`\\b(?:in|voor het einde van)\\s+het\\s+voorjaar(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => iso(yearOf(m[1], madeOn, 6, 30), 6, 30),
  },
  // "in de zomer (van 2026)": the end of September at the latest
  {
    re: new RegExp(`\\bin\\s+de\\s+zomer(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => iso(yearOf(m[1], madeOn, 9, 30), 9, 30),
  },
  // "in het najaar (van) 2025", "dit najaar": 31 December
  {
    re: new RegExp(`\\b(?:in\\s+het|dit|voor\\s+het\\s+einde\\s+van\\s+het)\\s+najaar(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => iso(yearOf(m[1], madeOn, 12, 31), 12, 31),
  },
  // "voor het kerstreces", "voor kerst": 31 December at the latest
  {
    re: new RegExp(`\\b(?:voor|vóór)\\s+(?:het\\s+)?(?:kerstreces|kerst|de kerstvakantie)(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => iso(yearOf(m[1], madeOn, 12, 31), 12, 31),
  },
  // "voor Prinsjesdag (2025)"
  {
    re: new RegExp(`\\b(?:voor|vóór|uiterlijk (?:op|met))\\s+prinsjesdag(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => {
      const y = m[1] ? Number(m[1]) : Number(madeOn.slice(0, 4));
      const day = prinsjesdag(y);
      return m[1] || day >= madeOn ? day : prinsjesdag(y + 1);
    },
  },
  // "in/voor (het einde van) het derde kwartaal (van) 2025", "in Q3 2025"
  {
    re: new RegExp(`\\b(?:in|voor|vóór|uiterlijk in|(?:voor|vóór) het einde van|eind)\\s+(?:het\\s+)?(eerste|1e|tweede|2e|derde|3e|vierde|4e|laatste)\\s+kwartaal(?:\\s+(?:van\\s+)?${YEAR})?`, 'giu'),
    date: (m, madeOn) => {
      const q = QUARTERS[m[1]!.toLowerCase()]!;
      const month = q * 3;
      const year = yearOf(m[2], madeOn, month, lastDay(Number(madeOn.slice(0, 4)), month));
      return iso(year, month, lastDay(year, month));
    },
  },
  {
    re: new RegExp(`\\b(?:in|voor|uiterlijk in)\\s+Q([1-4])(?:\\s+${YEAR})?`, 'gu'),
    date: (m, madeOn) => {
      const month = Number(m[1]) * 3;
      const year = yearOf(m[2], madeOn, month, lastDay(Number(madeOn.slice(0, 4)), month));
      return iso(year, month, lastDay(year, month));
    },
  },
  // "voor het einde van het jaar", "eind dit jaar", "uiterlijk eind 2025", "voor het eind van 2025"
  {
    re: new RegExp(`\\b(?:(?:voor|vóór|uiterlijk|tegen)\\s+)?(?:het\\s+)?(?:eind|einde)\\s+(?:van\\s+)?(?:(?:het|dit)\\s+(?:kalender)?jaar|${YEAR})`, 'giu'),
    date: (m, madeOn) => iso(m[1] ? Number(m[1]) : Number(madeOn.slice(0, 4)), 12, 31),
  },
  // "in de loop van dit jaar / 2026", "nog dit jaar", "in 2026", "dit jaar"
  {
    re: new RegExp(`\\b(?:in de loop van (?:dit jaar|${YEAR})|nog dit jaar|(?:later )?dit jaar|in ${YEAR})\\b`, 'giu'),
    date: (m, madeOn) => {
      const y = m[1] ?? m[2];
      return iso(y ? Number(y) : Number(madeOn.slice(0, 4)), 12, 31);
    },
  },
  // "volgend jaar": the end of next year
  {
    re: /\b(?:in de loop van |in )?volgend jaar\b/giu,
    date: (_m, madeOn) => iso(Number(madeOn.slice(0, 4)) + 1, 12, 31),
  },
  // "voor 2026": the first of that year
  {
    re: new RegExp(`\\b(?:voor|vóór)\\s+${YEAR}\\b`, 'giu'),
    date: (m) => iso(Number(m[1]), 1, 1),
  },
  // "binnen zes weken", "binnen 3 maanden", "binnen twee jaar", "binnen een maand"
  {
    re: new RegExp(`\\bbinnen\\s+(?:nu\\s+en\\s+)?${AMOUNT}\\s+(dagen|dag|weken|week|maanden|maand|jaar)\\b`, 'giu'),
    date: (m, madeOn) => {
      const n = amount(m[1]!);
      if (n <= 0) return null;
      const unit = m[2]!.toLowerCase();
      if (unit.startsWith('dag')) return addDays(madeOn, n);
      if (unit.startsWith('we')) return addDays(madeOn, n * 7);
      if (unit.startsWith('maand')) return addMonths(madeOn, n);
      return addMonths(madeOn, n * 12);
    },
  },
];

/** Wording that sets a term without naming a day: kept, never turned into a date. */
const UNREADABLE = [
  /\bzo (?:spoedig|snel|vlot) (?:als |mogelijk)(?:mogelijk)?/giu,
  /\bop (?:korte|zo kort mogelijke) termijn\b/giu,
  /\bbinnenkort\b/giu,
  /\bte zijner tijd\b/giu,
  /\bna (?:de|het) (?:zomer|zomerreces|kerstreces|verkiezingen|evaluatie)\b/giu,
  /\b(?:voor|vóór|voorafgaand aan|ruim voor)\s+(?:het|de)\s+(?:eerstvolgende\s+)?(?:commissiedebat|debat|notaoverleg|wetgevingsoverleg|begrotingsbehandeling|plenaire behandeling|behandeling|stemmingen?|verkiezingen|voorjaarsnota|najaarsnota)\b[\p{L} -]{0,40}/giu,
  /\bin (?:de|het) (?:komende|volgende) (?:periode|weken|maanden|voortgangsbrief|voortgangsrapportage|brief)\b/giu,
  /\bmet de (?:volgende|eerstvolgende) (?:voortgangsbrief|voortgangsrapportage|verzamelbrief|brief)\b/giu,
];

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/[,;:.]+$/, '');
}

/**
 * The deadline in a text, or null when it has no wording of a term. Of several readable terms
 * the latest is taken (a promise in parts is kept when its last part is); readable wording wins
 * over unreadable wording.
 */
export function readDeadline(text: string | null | undefined, madeOn: string): DeadlineReading | null {
  if (!text) return null;
  let best: DeadlineReading | null = null;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const date = rule.date(m, madeOn);
      if (date && (!best?.date || date > best.date)) best = { text: tidy(m[0]), date };
    }
  }
  if (best) return best;
  let first: { index: number; text: string } | null = null;
  for (const re of UNREADABLE) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (!first || m.index < first.index)) first = { index: m.index, text: tidy(m[0]) };
  }
  return first ? { text: first.text, date: null } : null;
}
