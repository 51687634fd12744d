// What the government owes the Kamer, as the SyncFeed holds it: commitments made by ministers
// in debates (Toezegging), and the agenda items (Agendapunt) of committee meetings with the
// decisions taken on them (Besluit). Mirrored like the other upstream entities: the columns are
// the feed's elements (server/sync/entities.ts reads them off these tables), references are
// plain uuid columns without foreign keys (a reference may arrive before its target), and
// many-valued references live in link tables. The ledger (requests.ts) is derived from these.
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { upstreamColumns } from './columns.ts';

/**
 * A minister's commitment (toezegging), as the Kamer's register keeps it. The minister is only
 * text here (`naam`, `functie`, `ministerie`); `status` is the register's own (Openstaand,
 * Voldaan, Deels Voldaan, Vervallen); `datumNakoming` the deadline and `kamerbriefNakoming` the
 * number of the fulfilling letter (a Document.nummer such as 2024D12345), both often empty.
 */
export const toezeggingen = pgTable(
  'toezeggingen',
  {
    ...upstreamColumns(),
    toegezegdAanFractieId: uuid('toegezegd_aan_fractie_id'),
    toegezegdAanPersoonId: uuid('toegezegd_aan_persoon_id'),
    aanmaakdatum: timestamp('aanmaakdatum', { withTimezone: true }),
    nummer: text('nummer'),
    /** The debate (or other activity) in which it was made. */
    activiteitId: uuid('activiteit_id'),
    activiteitNummer: text('activiteit_nummer'),
    naam: text('naam'),
    achternaam: text('achternaam'),
    initialen: text('initialen'),
    tussenvoegsel: text('tussenvoegsel'),
    voornaam: text('voornaam'),
    achtervoegsel: text('achtervoegsel'),
    titulatuur: text('titulatuur'),
    functie: text('functie'),
    status: text('status'),
    datumNakoming: timestamp('datum_nakoming', { withTimezone: true }),
    kamerbriefNakoming: text('kamerbrief_nakoming'),
    ministerie: text('ministerie'),
    tekst: text('tekst'),
  },
  (t) => [index('toezeggingen_nummer_idx').on(t.nummer)],
);

/** `isHerhalingVan`: this commitment repeats an earlier one. */
export const toezeggingHerhalingen = pgTable(
  'toezegging_herhalingen',
  {
    toezeggingId: uuid('toezegging_id').notNull(),
    eerdereId: uuid('eerdere_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.toezeggingId, t.eerdereId] }), index('toezegging_herhalingen_eerdere_idx').on(t.eerdereId)],
);

/** `isAanvullingOp`: this commitment adds to an earlier one. */
export const toezeggingAanvullingen = pgTable(
  'toezegging_aanvullingen',
  {
    toezeggingId: uuid('toezegging_id').notNull(),
    eerdereId: uuid('eerdere_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.toezeggingId, t.eerdereId] }), index('toezegging_aanvullingen_eerdere_idx').on(t.eerdereId)],
);

/** `isWijzigingVan`: this commitment changes an earlier one. */
export const toezeggingWijzigingen = pgTable(
  'toezegging_wijzigingen',
  {
    toezeggingId: uuid('toezegging_id').notNull(),
    eerdereId: uuid('eerdere_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.toezeggingId, t.eerdereId] }), index('toezegging_wijzigingen_eerdere_idx').on(t.eerdereId)],
);

/** An item on the agenda of an activity (a procedure meeting, a debate). */
export const agendapunten = pgTable(
  'agendapunten',
  {
    ...upstreamColumns(),
    activiteitId: uuid('activiteit_id'),
    nummer: text('nummer'),
    onderwerp: text('onderwerp'),
    aanvangstijd: timestamp('aanvangstijd', { withTimezone: true }),
    eindtijd: timestamp('eindtijd', { withTimezone: true }),
    volgorde: integer('volgorde'),
    rubriek: text('rubriek'),
    noot: text('noot'),
    status: text('status'),
  },
  (t) => [index('agendapunten_activiteit_idx').on(t.activiteitId)],
);

/**
 * A decision on an agenda item: a vote's outcome, or a procedure meeting's decision in free text
 * (`besluitTekst`: "Minister BZK verzoeken om een brief", "Voor kennisgeving aannemen.").
 * `status` is `Besluit` once decided (`Voorstel` and `Concept voorstel` are proposals).
 */
export const besluiten = pgTable(
  'besluiten',
  {
    ...upstreamColumns(),
    agendapuntId: uuid('agendapunt_id'),
    stemmingsSoort: text('stemmings_soort'),
    besluitSoort: text('besluit_soort'),
    besluitTekst: text('besluit_tekst'),
    opmerking: text('opmerking'),
    status: text('status'),
    agendapuntZaakBesluitVolgorde: integer('agendapunt_zaak_besluit_volgorde'),
  },
  (t) => [index('besluiten_agendapunt_idx').on(t.agendapuntId), index('besluiten_feed_updated_idx').on(t.feedUpdatedAt, t.id)],
);

/** `besluit → zaak` references (a decision may concern several zaken). */
export const besluitZaken = pgTable(
  'besluit_zaken',
  {
    besluitId: uuid('besluit_id').notNull(),
    zaakId: uuid('zaak_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.besluitId, t.zaakId] }), index('besluit_zaken_zaak_idx').on(t.zaakId)],
);
