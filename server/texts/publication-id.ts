// Which official publication (KOOP) holds a document's text. The DocumentVersie's
// externeidentifier names it when the Kamer knows it; otherwise it is derived the way public
// mirrors do: the questions are `kv-tk-<zaaknummer>`, an answer or a notice printed in the
// Aanhangsel van de Handelingen is `ah-tk-<vergaderjaar without dash>-<item>`, where the item is
// the Aanhangselnummer without its first four digits (the year), leading zeros removed
// (`242501244` → `ah-tk-20242025-1244`; all remaining digits, so items above 9999 work).
import { DOC_QUESTIONS } from '../questions/documents.ts';

/** What an id may look like: it becomes part of a URL path, so nothing outside this. */
const PUBLICATION_ID = /^(kv|ah)-[a-z0-9-]+$/i;

export interface PublicationFacts {
  soort: string | null;
  zaakNummer: string | null;
  vergaderjaar: string | null;
  aanhangselnummer: string | null;
  externeidentifier: string | null;
}

export function publicationId(d: PublicationFacts): string | null {
  const given = d.externeidentifier?.trim();
  if (given && PUBLICATION_ID.test(given)) return given;
  if (d.soort === DOC_QUESTIONS) return d.zaakNummer && /^\d{4}Z\d{5}$/.test(d.zaakNummer) ? `kv-tk-${d.zaakNummer}` : null;
  const year = d.vergaderjaar?.trim().match(/^(\d{4})-?(\d{4})$/);
  const nr = d.aanhangselnummer?.trim();
  if (!year || !nr || !/^\d{5,}$/.test(nr)) return null;
  const item = nr.slice(4).replace(/^0+/, '');
  return item ? `ah-tk-${year[1]}${year[2]}-${item}` : null;
}
