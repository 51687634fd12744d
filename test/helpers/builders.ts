// Small builders that insert upstream rows directly, so domain tests do not depend on the sync.
// Every builder fills the required columns and returns the GUID it used.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/client.ts';
import {
  activiteiten,
  documentActors,
  documents,
  documentZaken,
  fracties,
  fractieZetelPersonen,
  fractieZetels,
  personen,
  zaakActors,
  zaken,
} from '../../server/db/schema/index.ts';

const STAMP = new Date('2025-01-01T00:00:00Z');
const upstream = (id?: string) => ({ id: id ?? randomUUID(), bijgewerkt: STAMP });

/** An instant at local midnight of an Amsterdam date, the way the feed writes dates. */
export function localMidnight(date: string): Date {
  const [y, m] = date.split('-').map(Number) as [number, number];
  // CEST from the last Sunday of March to the last Sunday of October; good enough for fixtures.
  const summer = m > 3 && m < 10;
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(y, month, 0));
    return d.getUTCDate() - d.getUTCDay();
  };
  const day = Number(date.slice(8, 10));
  const dst = summer || (m === 3 && day >= lastSunday(3)) || (m === 10 && day < lastSunday(10));
  return new Date(`${date}T00:00:00${dst ? '+02:00' : '+01:00'}`);
}

export interface ZaakInput {
  id?: string;
  nummer: string;
  gestartOp?: Date | string | null;
  titel?: string | null;
  onderwerp?: string | null;
  soort?: string;
  bijgewerkt?: Date;
}

function instant(v: Date | string | null | undefined): Date | null {
  if (v == null) return null;
  return typeof v === 'string' ? (v.length === 10 ? localMidnight(v) : new Date(v)) : v;
}

export async function insertZaak(db: Db, z: ZaakInput): Promise<string> {
  const row = {
    ...upstream(z.id),
    nummer: z.nummer,
    soort: z.soort ?? 'Schriftelijke vragen',
    titel: z.titel ?? null,
    onderwerp: z.onderwerp ?? null,
    gestartOp: instant(z.gestartOp),
    ...(z.bijgewerkt ? { bijgewerkt: z.bijgewerkt } : {}),
  };
  await db.insert(zaken).values(row);
  return row.id;
}

export interface DocumentInput {
  id?: string;
  zaakId?: string | string[];
  soort: string;
  datum?: Date | string | null;
  nummer?: string;
  titel?: string | null;
  onderwerp?: string | null;
}

export async function insertDocument(db: Db, d: DocumentInput): Promise<string> {
  const id = d.id ?? randomUUID();
  await db.insert(documents).values({
    ...upstream(id),
    soort: d.soort,
    documentNummer: d.nummer ?? null,
    titel: d.titel ?? null,
    onderwerp: d.onderwerp ?? null,
    datum: instant(d.datum),
  });
  const zaakIds = d.zaakId === undefined ? [] : Array.isArray(d.zaakId) ? d.zaakId : [d.zaakId];
  for (const zaakId of zaakIds) await db.insert(documentZaken).values({ documentId: id, zaakId });
  return id;
}

export interface ActorInput {
  zaakId: string;
  relatie: 'Indiener' | 'Medeindiener' | 'Gericht aan' | 'Voortouwcommissie';
  naam: string;
  persoonId?: string | null;
  functie?: string | null;
  fractie?: string | null;
  fractieId?: string | null;
}

export async function insertActor(db: Db, a: ActorInput): Promise<string> {
  const id = randomUUID();
  await db.insert(zaakActors).values({
    ...upstream(id),
    zaakId: a.zaakId,
    relatie: a.relatie,
    actorNaam: a.naam,
    persoonId: a.persoonId ?? null,
    functie: a.functie ?? (a.relatie === 'Gericht aan' ? null : 'Tweede Kamerlid'),
    actorFractie: a.fractie ?? null,
    fractieId: a.fractieId ?? null,
  });
  return id;
}

export async function insertDocumentActor(db: Db, documentId: string, naam: string, functie: string): Promise<void> {
  await db.insert(documentActors).values({ ...upstream(), documentId, actorNaam: naam, functie, relatie: 'Afzender' });
}

export async function insertPersoon(db: Db, p: { id?: string; achternaam: string; initialen?: string; tussenvoegsel?: string; roepnaam?: string }): Promise<string> {
  const row = { ...upstream(p.id), achternaam: p.achternaam, initialen: p.initialen ?? null, tussenvoegsel: p.tussenvoegsel ?? null, roepnaam: p.roepnaam ?? null };
  await db.insert(personen).values(row);
  return row.id;
}

export async function insertFractie(db: Db, f: { id?: string; afkorting: string; naam?: string; actief?: string; inactief?: string | null }): Promise<string> {
  const row = {
    ...upstream(f.id),
    afkorting: f.afkorting,
    naamNl: f.naam ?? f.afkorting,
    datumActief: f.actief ?? null,
    datumInactief: f.inactief ?? null,
  };
  await db.insert(fracties).values(row);
  return row.id;
}

/** A seat of `fractieId` held by `persoonId` from `van` through `totEnMet` (null: still). */
export async function insertSeat(db: Db, s: { fractieId: string; persoonId: string; van: string; totEnMet?: string | null }): Promise<string> {
  const zetelId = randomUUID();
  await db.insert(fractieZetels).values({ ...upstream(zetelId), fractieId: s.fractieId, gewicht: 1 });
  await db.insert(fractieZetelPersonen).values({
    ...upstream(),
    fractieZetelId: zetelId,
    persoonId: s.persoonId,
    functie: 'Lid',
    van: s.van,
    totEnMet: s.totEnMet ?? null,
  });
  return zetelId;
}

export async function insertActiviteit(
  db: Db,
  a: { id?: string; soort: string; onderwerp: string; datum: Date | string; voortouwafkorting?: string | null; nummer?: string },
): Promise<string> {
  const row = {
    ...upstream(a.id),
    soort: a.soort,
    onderwerp: a.onderwerp,
    datum: instant(a.datum),
    voortouwafkorting: a.voortouwafkorting ?? null,
    nummer: a.nummer ?? null,
  };
  await db.insert(activiteiten).values(row);
  return row.id;
}

/** A question set with its questions document; returns the zaak id and the document id. */
export async function insertQuestionSet(
  db: Db,
  q: { nummer: string; submitted: string; onderwerp?: string; titel?: string },
): Promise<{ zaakId: string; questionDocId: string }> {
  const zaakId = await insertZaak(db, { nummer: q.nummer, gestartOp: q.submitted, onderwerp: q.onderwerp ?? null, titel: q.titel ?? null });
  const questionDocId = await insertDocument(db, { zaakId, soort: 'Schriftelijke vragen', datum: q.submitted, onderwerp: q.onderwerp ?? null });
  return { zaakId, questionDocId };
}
