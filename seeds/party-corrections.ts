// Curated corrections of upstream party membership (FractieZetelPersoon periods). Add a row only
// for an error that was checked against a primary source (Handelingen, the Kamer's own member
// page, a party split recorded in a Kamerstuk), and say which in `source`. The list is empty
// until such a case is confirmed: a wrong correction would be worse than none.
import type { Db } from '../server/db/client.ts';
import { partyCorrections } from '../server/db/schema/index.ts';

export interface PartyCorrectionSeed {
  persoonId: string;
  van: string;
  totEnMet: string | null;
  /** Party abbreviation as the Kamer writes it; null: no party in that period. */
  party: string | null;
  fractieId: string | null;
  reason: string;
  source: string;
}

export const PARTY_CORRECTIONS: PartyCorrectionSeed[] = [];

/** Inserts the curated corrections; an existing row (same person and start) is left alone. */
export async function seedPartyCorrections(db: Db, corrections: PartyCorrectionSeed[] = PARTY_CORRECTIONS): Promise<void> {
  for (const c of corrections) {
    await db.insert(partyCorrections).values(c).onConflictDoNothing({ target: [partyCorrections.persoonId, partyCorrections.van] });
  }
}
