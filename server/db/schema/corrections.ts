// Curated corrections of upstream party membership. The FractieZetelPersoon periods are the
// source of "party at the time of asking"; where they are known to be wrong, a row here wins
// for the dates it covers. Seeded from seeds/party-corrections.ts, editable by staff later.
import { date, index, pgTable, serial, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const partyCorrections = pgTable(
  'party_corrections',
  {
    id: serial('id').primaryKey(),
    persoonId: uuid('persoon_id').notNull(),
    van: date('van').notNull(),
    /** Null: open-ended. */
    totEnMet: date('tot_en_met'),
    /** The party abbreviation that applies; null means "no party" (no seat) in that period. */
    party: text('party'),
    fractieId: uuid('fractie_id'),
    reason: text('reason').notNull(),
    source: text('source').notNull().default(''),
  },
  (t) => [
    uniqueIndex('party_corrections_person_van_uq').on(t.persoonId, t.van),
    index('party_corrections_persoon_idx').on(t.persoonId),
  ],
);
