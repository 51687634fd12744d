// Small, readable feed entities for tests: deterministic GUIDs and sensible defaults.
import type { EntitySpec } from './feed-xml.ts';

export const guid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const at = (day: number, hour = 10) => `2025-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

export function fractie(n: number, afkorting: string, bijgewerkt = at(1)): EntitySpec {
  return { id: guid(n), bijgewerkt, contentType: 'image/jpeg', contentLength: 1234, fields: { nummer: 2700 + n, afkorting, naamNl: afkorting, naamEn: afkorting, aantalZetels: 9, aantalStemmen: null, datumActief: '2023-12-06', datumInactief: null } };
}

export function persoon(n: number, achternaam: string, bijgewerkt = at(1)): EntitySpec {
  return { id: guid(n), bijgewerkt, fields: { nummer: 4000 + n, initialen: 'A.B.', achternaam, voornamen: 'Anna', roepnaam: 'Anna', geslacht: 'vrouw', functie: 'Tweede Kamerlid', geboortedatum: '1980-02-03', geboorteplaats: 'Utrecht' } };
}

export function zaak(n: number, fields: Record<string, string | null> = {}, bijgewerkt = at(2)): EntitySpec {
  return {
    id: guid(n),
    bijgewerkt,
    fields: { nummer: `2025Z${String(n).padStart(5, '0')}`, soort: 'Schriftelijke vragen', onderwerp: `  Vragen over datalek ${n}  `, gestartOp: '2025-10-02T00:00:00+02:00', organisatie: 'Tweede Kamer', vergaderjaar: '2025-2026', afgedaan: 'false', ...fields },
  };
}

export function document(n: number, zaakIds: string[], soort: string, datum: string, extra: Record<string, string | null> = {}, bijgewerkt = at(3)): EntitySpec {
  return {
    id: guid(n),
    bijgewerkt,
    contentType: 'application/pdf',
    contentLength: 20000,
    refs: { zaak: zaakIds },
    fields: { soort, documentNummer: `2025D${String(n).padStart(5, '0')}`, titel: soort, onderwerp: `${soort} ${n}`, datum, vergaderjaar: '2025-2026', kamer: 2, ...extra },
  };
}

export function zaakActor(n: number, zaakId: string, relatie: string, persoonId: string | undefined, fractieId: string | undefined, bijgewerkt = at(2)): EntitySpec {
  return { id: guid(n), bijgewerkt, refs: { zaak: zaakId, persoon: persoonId, fractie: fractieId }, fields: { actorNaam: 'A.B. Jansen', actorFractie: 'SP', functie: 'Tweede Kamerlid', relatie, sidActor: `sid${n}` } };
}
