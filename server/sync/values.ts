// Conversions from the feed's trimmed strings to what the columns hold. A value that does not
// fit its type becomes null rather than failing the page: upstream "placeholder" entities and
// partial dates (`2025-11`, allowed by the XSD's datum union) must not block a whole category.
import { amsterdamWallTime } from '../calendar.ts';

export type Json = string | number | boolean | null;

/**
 * The conversion for a column's SQL type, and the type jsonb_to_recordset reads it as. Keyed on
 * the type name alone so the page worker can rebuild a category's converters from plain data.
 */
export function converterForType(sqlType: string): { sqlType: string; convert: (raw: string | null | undefined) => Json } {
  if (sqlType === 'uuid') return { sqlType, convert: toGuid };
  if (sqlType === 'integer') return { sqlType, convert: toInt };
  if (sqlType === 'boolean') return { sqlType, convert: toBool };
  if (sqlType === 'date') return { sqlType, convert: toDate };
  if (sqlType.startsWith('timestamp')) return { sqlType: 'timestamptz', convert: toInstant };
  return { sqlType: 'text', convert: (raw) => raw ?? null };
}

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function toGuid(raw: string | null | undefined): string | null {
  return raw != null && GUID.test(raw) ? raw.toLowerCase() : null;
}

export function toInt(raw: string | null | undefined): number | null {
  if (raw == null || !/^[+-]?\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

export function toBool(raw: string | null | undefined): boolean | null {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return null;
}

/** `YYYY-MM-DD` from an xs:date (a trailing offset is dropped: a calendar date has no instant). */
export function toDate(raw: string | null | undefined): string | null {
  const m = raw == null ? null : /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  return m ? m[1]! : null;
}

/**
 * An instant as an ISO string PostgreSQL reads exactly. With an offset the value is passed on
 * unchanged (keeping sub-millisecond digits and the offset's meaning); without one it is read
 * as Dutch local time, which is what Parlis means by such values.
 */
export function toInstant(raw: string | null | undefined): string | null {
  const m = raw == null ? null : DATE_TIME.exec(raw);
  if (!m) return null;
  if (m[8]) return m[4] ? raw! : `${m[1]}-${m[2]}-${m[3]}T00:00:00${m[8]}`;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return amsterdamWallTime(y, mo, d, h, mi, s, ms).toISOString();
}
