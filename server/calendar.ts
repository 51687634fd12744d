// The one Amsterdam calendar of the application: what day and hour it is in Europe/Amsterdam,
// which instant a wall-clock time there is, and arithmetic on calendar dates. Deadlines are
// counted in calendar days, so the arithmetic works on plain 'YYYY-MM-DD' dates (through UTC,
// which has no DST) and never adds 24-hour multiples to instants: 21 days after 10 October is
// 31 October, whatever the clocks did. Display formatting in Dutch is views/format.ts's.

export const TIME_ZONE = 'Europe/Amsterdam';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Amsterdam calendar date of an instant, as 'YYYY-MM-DD'. */
export function amsterdamDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** The Amsterdam wall-clock fields of an instant. */
function wallClockAt(instant: Date) {
  const parts: Record<string, string> = {};
  for (const p of wallClock.formatToParts(instant)) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The Amsterdam date and hour (0–23) of an instant. */
export function amsterdamDateAndHour(instant: Date): { date: string; hour: number } {
  return { date: amsterdamDate(instant), hour: wallClockAt(instant).hour };
}

/**
 * True for a real 'YYYY-MM-DD' date of the years 1–9999 (what PostgreSQL's `date` and the forms
 * accept): `2025-02-30`, `2025-13-01` and `0000-00-00` are not.
 */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(Date.UTC(2000, mo - 1, d));
  t.setUTCFullYear(y);
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parse(date: string): number {
  if (!isCalendarDate(date)) throw new Error(`Not a calendar date: ${date}`);
  const m = DATE.exec(date)!;
  const t = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  t.setUTCFullYear(Number(m[1]));
  return t.getTime();
}

function format(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return format(parse(date) + days * DAY_MS);
}

/** `to - from` in calendar days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to) - parse(from)) / DAY_MS);
}

/** Amsterdam's offset from UTC at an instant, in milliseconds (whole seconds). */
function offsetAt(utcMs: number): number {
  const w = wallClockAt(new Date(utcMs));
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return local - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant an Amsterdam wall-clock time stands for. In the autumn hour that occurs twice it is
 * the second (winter-time) one; a time in the spring gap is read with the winter offset.
 */
export function amsterdamWallTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let guess = asUtc - offsetAt(asUtc);
  // Near a DST switch the offset at the first guess can differ from the offset at the answer.
  guess = asUtc - offsetAt(guess);
  return new Date(guess);
}

/**
 * An Amsterdam wall-clock timestamp without offset (`2019-07-03T15:32:12.6700000`) with the
 * offset in force there and then appended (`…+02:00`), its digits kept as written; null when it
 * is not such a timestamp.
 */
export function withAmsterdamOffset(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const minutes = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - amsterdamWallTime(y, mo, d, h, mi, s).getTime()) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The instant a calendar date begins in Amsterdam (local midnight). */
export function startOfDay(date: string): Date {
  const t = new Date(parse(date));
  return amsterdamWallTime(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
