// Upstream entities from the Tweede Kamer SyncFeed that describe people and bodies. Keys are
// the Tweede Kamer GUIDs; references are plain uuid columns without foreign keys because the
// feed's categories are separate streams and a reference may arrive before its target.
import { boolean, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { upstreamColumns } from './columns.ts';

export const fracties = pgTable(
  'fracties',
  {
    ...upstreamColumns(),
    nummer: integer('nummer'),
    afkorting: text('afkorting'),
    naamNl: text('naam_nl'),
    naamEn: text('naam_en'),
    aantalZetels: integer('aantal_zetels'),
    aantalStemmen: integer('aantal_stemmen'),
    datumActief: date('datum_actief'),
    datumInactief: date('datum_inactief'),
  },
  (t) => [index('fracties_afkorting_idx').on(t.afkorting)],
);

export const personen = pgTable(
  'personen',
  {
    ...upstreamColumns(),
    nummer: integer('nummer'),
    titels: text('titels'),
    initialen: text('initialen'),
    tussenvoegsel: text('tussenvoegsel'),
    achternaam: text('achternaam'),
    voornamen: text('voornamen'),
    roepnaam: text('roepnaam'),
    geslacht: text('geslacht'),
    functie: text('functie'),
    geboortedatum: date('geboortedatum'),
    woonplaats: text('woonplaats'),
    fractielabel: text('fractielabel'),
  },
  (t) => [index('personen_achternaam_idx').on(t.achternaam)],
);

/** A seat of a fractie; people occupy it for periods (FractieZetelPersoon). */
export const fractieZetels = pgTable(
  'fractie_zetels',
  {
    ...upstreamColumns(),
    fractieId: uuid('fractie_id'),
    gewicht: integer('gewicht'),
  },
  (t) => [index('fractie_zetels_fractie_idx').on(t.fractieId)],
);

/** Who held a seat from `van` through `totEnMet` (null: still holds it). */
export const fractieZetelPersonen = pgTable(
  'fractie_zetel_personen',
  {
    ...upstreamColumns(),
    fractieZetelId: uuid('fractie_zetel_id'),
    persoonId: uuid('persoon_id'),
    functie: text('functie'),
    van: date('van'),
    totEnMet: date('tot_en_met'),
  },
  (t) => [
    index('fractie_zetel_personen_persoon_idx').on(t.persoonId, t.van),
    index('fractie_zetel_personen_zetel_idx').on(t.fractieZetelId),
  ],
);

export const commissies = pgTable(
  'commissies',
  {
    ...upstreamColumns(),
    nummer: text('nummer'),
    soort: text('soort'),
    afkorting: text('afkorting'),
    naamNl: text('naam_nl'),
    naamEn: text('naam_en'),
    naamWebNl: text('naam_web_nl'),
    datumActief: date('datum_actief'),
    datumInactief: date('datum_inactief'),
  },
  (t) => [index('commissies_afkorting_idx').on(t.afkorting)],
);

export const kamerstukdossiers = pgTable(
  'kamerstukdossiers',
  {
    ...upstreamColumns(),
    nummer: integer('nummer'),
    toevoeging: text('toevoeging'),
    titel: text('titel'),
    citeertitel: text('citeertitel'),
    alias: text('alias'),
    hoogsteVolgnummer: integer('hoogste_volgnummer'),
    afgesloten: boolean('afgesloten'),
    kamer: text('kamer'),
  },
  (t) => [index('kamerstukdossiers_nummer_idx').on(t.nummer)],
);
