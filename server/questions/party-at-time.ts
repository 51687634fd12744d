// Party at the time of asking: FractieZetelPersoon periods (van … totEnMet) → FractieZetel →
// Fractie at the submission date, with curated corrections winning for the dates they cover.
// A member without a seat that day gets no party: ZaakActor.ActorFractie is never used as a
// silent fallback (the API shows it separately as what the Tweede Kamer recorded).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { fracties, fractieZetelPersonen, fractieZetels, partyCorrections } from '../db/schema/index.ts';

export interface SeatPeriod {
  van: string | null;
  totEnMet: string | null;
  fractieId: string | null;
  party: string | null;
}

export interface Correction {
  van: string;
  totEnMet: string | null;
  party: string | null;
  fractieId: string | null;
}

export interface PartyAtTime {
  party: string | null;
  fractieId: string | null;
  source: 'periods' | 'correction' | null;
}

const covers = (van: string | null, tot: string | null, date: string) => (van === null || van <= date) && (tot === null || tot >= date);

/** Pure: the party on `date` from the periods, unless a correction covers that date. */
export function partyOn(date: string, periods: SeatPeriod[], corrections: Correction[] = []): PartyAtTime {
  const fix = corrections.filter((c) => covers(c.van, c.totEnMet, date)).sort((a, b) => (a.van < b.van ? 1 : -1))[0];
  if (fix) return { party: fix.party, fractieId: fix.fractieId, source: 'correction' };
  // Overlapping periods (a seat change on the same day): the one that started last wins.
  const seat = periods.filter((p) => covers(p.van, p.totEnMet, date)).sort((a, b) => ((a.van ?? '') < (b.van ?? '') ? 1 : -1))[0];
  if (!seat) return { party: null, fractieId: null, source: null };
  return { party: seat.party, fractieId: seat.fractieId, source: 'periods' };
}

export interface PersonParties {
  periods: SeatPeriod[];
  corrections: Correction[];
}

/** Seat periods and corrections of the given people, by persoon id. */
export async function loadPersonParties(db: Db, persoonIds: string[]): Promise<Map<string, PersonParties>> {
  const out = new Map<string, PersonParties>();
  if (persoonIds.length === 0) return out;
  for (const id of persoonIds) out.set(id, { periods: [], corrections: [] });
  const seats = await db
    .select({
      persoonId: fractieZetelPersonen.persoonId,
      van: fractieZetelPersonen.van,
      totEnMet: fractieZetelPersonen.totEnMet,
      fractieId: fracties.id,
      party: fracties.afkorting,
    })
    .from(fractieZetelPersonen)
    .innerJoin(fractieZetels, eq(fractieZetels.id, fractieZetelPersonen.fractieZetelId))
    .leftJoin(fracties, eq(fracties.id, fractieZetels.fractieId))
    .where(and(inArray(fractieZetelPersonen.persoonId, persoonIds)));
  for (const s of seats) out.get(s.persoonId ?? '')?.periods.push({ van: s.van, totEnMet: s.totEnMet, fractieId: s.fractieId, party: s.party });
  const fixes = await db.select().from(partyCorrections).where(inArray(partyCorrections.persoonId, persoonIds));
  for (const c of fixes) out.get(c.persoonId)?.corrections.push({ van: c.van, totEnMet: c.totEnMet, party: c.party, fractieId: c.fractieId });
  return out;
}
