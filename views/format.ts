// Dutch formatting of dates and numbers, always in the Europe/Amsterdam calendar
// (server/calendar.ts).
import { amsterdamDate, TIME_ZONE as TZ } from '../server/calendar.ts';

const dateFmt = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' });
const monthFmt = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, month: 'long', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TZ,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const numberFmt = new Intl.NumberFormat('nl-NL');

/** A calendar date (`YYYY-MM-DD`, as Postgres `date` comes back) read as noon UTC so no zone shifts it. */
function fromCalendarDate(value: string): Date {
  return new Date(`${value}T12:00:00Z`);
}

export function formatDate(value: Date | string): string {
  return dateFmt.format(typeof value === 'string' ? fromCalendarDate(value) : value);
}

export function formatMonth(value: Date | string): string {
  return monthFmt.format(typeof value === 'string' ? fromCalendarDate(value) : value);
}

export function formatDateTime(value: Date): string {
  return dateTimeFmt.format(value);
}

export function formatNumber(value: number): string {
  return numberFmt.format(value);
}

/** `YYYY-MM-DD` for a `<time datetime>` attribute. */
export function isoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : amsterdamDate(value);
}
