// Who owes a promise: the minister as the source names them (a Toezegging has the name and
// function only as text), resolved to a post and ministry code through the addressee mapping of
// server/questions/ministries.ts, and to a person only when the name matches exactly one
// Persoon. A name that matches nobody, or several people, stays as written: never guessed.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { MINISTRIES, normalizeFunction, parseAddresseeFunction } from '../questions/ministries.ts';

export interface MinisterText {
  naam: string | null;
  achternaam: string | null;
  initialen: string | null;
  tussenvoegsel: string | null;
  voornaam: string | null;
  functie: string | null;
  ministerie: string | null;
}

export interface OwedBy {
  /** The name as the source gives it, for display. */
  name: string | null;
  post: string | null;
  /** Ministry codes (one, or none when the text names none the mapping knows). */
  ministries: string[];
}

const CODES = new Map(MINISTRIES.map((m) => [m.code.toLowerCase(), m.code]));

/** A ministry named as text: a code ("VWS"), a name ("Volksgezondheid, Welzijn en Sport"), or "Ministerie van …". */
function ministryFromName(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  const code = CODES.get(trimmed.toLowerCase().replace(/^min(?:isterie)?\.?\s+/u, ''));
  if (code) return code;
  const name = normalizeFunction(trimmed).replace(/^ministerie\s+(?:van|voor)\s+/u, '');
  return parseAddresseeFunction(`minister van ${name}`).ministry;
}

/** The display name, post and ministry of a Toezegging's minister. */
export function owedBy(m: MinisterText): OwedBy {
  const composed = [m.voornaam ?? m.initialen, m.tussenvoegsel, m.achternaam].filter(Boolean).join(' ');
  const name = m.naam?.trim() || composed || null;
  const parsed = parseAddresseeFunction(m.functie);
  const ministry = ministryFromName(m.ministerie) ?? parsed.ministry;
  return { name, post: parsed.post, ministries: ministry ? [ministry] : [] };
}

const norm = (s: string | null | undefined) => (s ? normalizeFunction(s).replace(/[.\s]/g, '') : '');

/** Surname, particles and initials of a name written as one string ("H.M. de Jonge", "Hugo de Jonge"). */
function splitName(naam: string): { achternaam: string; tussenvoegsel: string | null; initialen: string | null } | null {
  const words = naam.trim().split(/\s+/u);
  if (words.length === 0 || !words[0]) return null;
  const surnameStart = words.findIndex((w, i) => i > 0 && /^[a-z]/u.test(w));
  let tussen: string[] = [];
  let rest: string[];
  let achternaam: string;
  if (surnameStart > 0) {
    const after = words.slice(surnameStart);
    const firstCapital = after.findIndex((w) => /^\p{Lu}/u.test(w));
    if (firstCapital <= 0) return null;
    tussen = after.slice(0, firstCapital);
    achternaam = after.slice(firstCapital).join(' ');
    rest = words.slice(0, surnameStart);
  } else {
    achternaam = words.at(-1)!;
    rest = words.slice(0, -1);
  }
  const initials = rest.every((w) => /^(\p{Lu}\.)+$/u.test(w)) ? rest.join('') : null;
  return { achternaam, tussenvoegsel: tussen.length > 0 ? tussen.join(' ') : null, initialen: initials || null };
}

interface Candidate {
  id: string;
  achternaam: string | null;
  initialen: string | null;
  tussenvoegsel: string | null;
  voornamen: string | null;
  roepnaam: string | null;
}

function nameParts(m: MinisterText) {
  const fromNaam = !m.achternaam && m.naam ? splitName(m.naam) : null;
  return {
    achternaam: m.achternaam ?? fromNaam?.achternaam ?? null,
    tussenvoegsel: m.tussenvoegsel ?? fromNaam?.tussenvoegsel ?? null,
    initialen: m.initialen ?? fromNaam?.initialen ?? null,
  };
}

/**
 * The Persoon each minister is, when the name leaves exactly one: same surname and particles,
 * and the initials or first name agreeing where the source gives them. Null otherwise. One query
 * for the whole list.
 */
export async function resolvePersons(db: Db | Tx, list: MinisterText[]): Promise<(string | null)[]> {
  const parts = list.map(nameParts);
  const surnames = [...new Set(parts.map((p) => p.achternaam?.toLowerCase()).filter((s): s is string => !!s))];
  if (surnames.length === 0) return list.map(() => null);
  const rows = resultRows<Candidate>(
    await db.execute(sql`select id::text as id, achternaam, initialen, tussenvoegsel, voornamen, roepnaam
      from personen where lower(achternaam) = any(${pgArray(surnames)}::text[])`),
  );
  return list.map((m, i) => {
    const { achternaam, tussenvoegsel, initialen } = parts[i]!;
    if (!achternaam) return null;
    const hits = rows.filter(
      (p) =>
        p.achternaam?.toLowerCase() === achternaam.toLowerCase() &&
        norm(p.tussenvoegsel) === norm(tussenvoegsel) &&
        (!initialen || norm(p.initialen) === norm(initialen)) &&
        (!m.voornaam || norm(p.roepnaam) === norm(m.voornaam) || norm(p.voornamen).startsWith(norm(m.voornaam))),
    );
    return hits.length === 1 ? hits[0]!.id : null;
  });
}
