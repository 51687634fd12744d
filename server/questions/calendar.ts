// Calendar dates in Europe/Amsterdam. Deadlines are counted in calendar days, so the arithmetic
// works on plain 'YYYY-MM-DD' dates (through UTC, which has no DST) and never adds 24-hour
// multiples to instants: 21 days after 10 October is 31 October, whatever the clocks did.

export const TIME_ZONE = 'Europe/Amsterdam';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });
const DAY_MS = 86_400_000;

/** The Amsterdam calendar date of an instant, as 'YYYY-MM-DD'. */
export function amsterdamDate(instant: Date): string {
  return dateFormat.format(instant);
}

function parse(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
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

/** Amsterdam's UTC offset in minutes at an instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant a calendar date begins in Amsterdam (local midnight). */
export function startOfDay(date: string): Date {
  const utcMidnight = parse(date);
  // The offset at local midnight is the one in force just before the UTC guess minus the offset.
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000;
  guess = utcMidnight - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}
