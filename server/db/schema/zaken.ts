// Zaken (parliamentary cases: one set of written questions is one Zaak), their actors,
// documents and activities, mirrored from the SyncFeed. Many-to-many references from the feed
// (a document lists its zaken) are kept in link tables whose rows may point at targets that
// have not arrived yet.
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { upstreamColumns } from './columns.ts';

export const zaken = pgTable(
  'zaken',
  {
    ...upstreamColumns(),
    nummer: text('nummer'),
    soort: text('soort'),
    titel: text('titel'),
    onderwerp: text('onderwerp'),
    citeertitel: text('citeertitel'),
    alias: text('alias'),
    /** For written questions: the submission moment (kept as an instant; its offset was +01/+02). */
    gestartOp: timestamp('gestart_op', { withTimezone: true }),
    organisatie: text('organisatie'),
    grondslagvoorhang: text('grondslagvoorhang'),
    termijn: timestamp('termijn', { withTimezone: true }),
    vergaderjaar: text('vergaderjaar'),
    volgnummer: integer('volgnummer'),
    status: text('status'),
    huidigeBehandelstatus: text('huidige_behandelstatus'),
    afgedaan: boolean('afgedaan'),
    grootProject: boolean('groot_project'),
    kabinetsappreciatie: text('kabinetsappreciatie'),
    kamerstukdossierId: uuid('kamerstukdossier_id'),
  },
  (t) => [
    index('zaken_nummer_idx').on(t.nummer),
    index('zaken_soort_gestart_idx').on(t.soort, t.gestartOp),
    // What a sync run touched (server/sync/touched-zaken.ts): max() and a range, not a table scan.
    index('zaken_feed_updated_idx').on(t.feedUpdatedAt),
  ],
);

export const zaakActors = pgTable(
  'zaak_actors',
  {
    ...upstreamColumns(),
    zaakId: uuid('zaak_id'),
    persoonId: uuid('persoon_id'),
    fractieId: uuid('fractie_id'),
    commissieId: uuid('commissie_id'),
    actorNaam: text('actor_naam'),
    actorFractie: text('actor_fractie'),
    actorAfkorting: text('actor_afkorting'),
    functie: text('functie'),
    /** Indiener, Medeindiener, Gericht aan, Voortouwcommissie, … */
    relatie: text('relatie'),
    sidActor: text('sid_actor'),
  },
  (t) => [
    index('zaak_actors_zaak_idx').on(t.zaakId),
    index('zaak_actors_persoon_idx').on(t.persoonId),
    index('zaak_actors_fractie_idx').on(t.fractieId),
    index('zaak_actors_feed_updated_idx').on(t.feedUpdatedAt),
  ],
);

export const documents = pgTable(
  'documents',
  {
    ...upstreamColumns(),
    soort: text('soort'),
    documentNummer: text('document_nummer'),
    titel: text('titel'),
    onderwerp: text('onderwerp'),
    datum: timestamp('datum', { withTimezone: true }),
    volgnummer: integer('volgnummer'),
    vergaderjaar: text('vergaderjaar'),
    kamer: integer('kamer'),
    citeertitel: text('citeertitel'),
    alias: text('alias'),
    datumRegistratie: timestamp('datum_registratie', { withTimezone: true }),
    datumOntvangst: timestamp('datum_ontvangst', { withTimezone: true }),
    aanhangselnummer: text('aanhangselnummer'),
    kenmerkAfzender: text('kenmerk_afzender'),
    organisatie: text('organisatie'),
    contentType: text('content_type'),
    contentLength: integer('content_length'),
    kamerstukdossierId: uuid('kamerstukdossier_id'),
    huidigeDocumentVersieId: uuid('huidige_document_versie_id'),
  },
  (t) => [
    index('documents_nummer_idx').on(t.documentNummer),
    index('documents_soort_datum_idx').on(t.soort, t.datum),
    index('documents_dossier_idx').on(t.kamerstukdossierId, t.volgnummer),
    index('documents_feed_updated_idx').on(t.feedUpdatedAt),
  ],
);

/** `document → zaak` references (a document may belong to several zaken). */
export const documentZaken = pgTable(
  'document_zaken',
  {
    documentId: uuid('document_id').notNull(),
    zaakId: uuid('zaak_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.zaakId] }), index('document_zaken_zaak_idx').on(t.zaakId)],
);

export const documentActors = pgTable(
  'document_actors',
  {
    ...upstreamColumns(),
    documentId: uuid('document_id'),
    persoonId: uuid('persoon_id'),
    fractieId: uuid('fractie_id'),
    commissieId: uuid('commissie_id'),
    actorNaam: text('actor_naam'),
    actorFractie: text('actor_fractie'),
    functie: text('functie'),
    relatie: text('relatie'),
    sidActor: text('sid_actor'),
  },
  (t) => [index('document_actors_document_idx').on(t.documentId)],
);

export const activiteiten = pgTable(
  'activiteiten',
  {
    ...upstreamColumns(),
    soort: text('soort'),
    nummer: text('nummer'),
    onderwerp: text('onderwerp'),
    datumSoort: text('datum_soort'),
    datum: timestamp('datum', { withTimezone: true }),
    aanvangstijd: timestamp('aanvangstijd', { withTimezone: true }),
    eindtijd: timestamp('eindtijd', { withTimezone: true }),
    locatie: text('locatie'),
    besloten: boolean('besloten'),
    status: text('status'),
    vergaderjaar: text('vergaderjaar'),
    kamer: text('kamer'),
    noot: text('noot'),
    voortouwnaam: text('voortouwnaam'),
    voortouwafkorting: text('voortouwafkorting'),
    voortouwkortenaam: text('voortouwkortenaam'),
    voortouwcommissieId: uuid('voortouwcommissie_id'),
    aanvraagdatum: timestamp('aanvraagdatum', { withTimezone: true }),
  },
  (t) => [index('activiteiten_soort_datum_idx').on(t.soort, t.datum)],
);

export const activiteitActors = pgTable(
  'activiteit_actors',
  {
    ...upstreamColumns(),
    activiteitId: uuid('activiteit_id'),
    persoonId: uuid('persoon_id'),
    fractieId: uuid('fractie_id'),
    commissieId: uuid('commissie_id'),
    actorNaam: text('actor_naam'),
    actorFractie: text('actor_fractie'),
    relatie: text('relatie'),
    volgorde: integer('volgorde'),
    functie: text('functie'),
  },
  (t) => [index('activiteit_actors_activiteit_idx').on(t.activiteitId)],
);

/** `zaak → activiteit` references. */
export const zaakActiviteiten = pgTable(
  'zaak_activiteiten',
  {
    zaakId: uuid('zaak_id').notNull(),
    activiteitId: uuid('activiteit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.zaakId, t.activiteitId] }), index('zaak_activiteiten_activiteit_idx').on(t.activiteitId)],
);

/** `document → activiteit` references (e.g. a convocation of a technical briefing). */
export const documentActiviteiten = pgTable(
  'document_activiteiten',
  {
    documentId: uuid('document_id').notNull(),
    activiteitId: uuid('activiteit_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.activiteitId] }),
    index('document_activiteiten_activiteit_idx').on(t.activiteitId),
  ],
);
