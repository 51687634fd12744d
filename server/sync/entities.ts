// Which SyncFeed categories Kamerwacht mirrors and how each entity maps onto its table. The
// mapping is read off the Drizzle table: a column `fooBar` holds the child element `<fooBar>`,
// a column `fooId` holds the `ref` of `<foo ref="…"/>`. So "what the product keeps" is decided
// in the schema alone, and a new column starts filling on the next re-emission.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  activiteitActors,
  activiteiten,
  agendapunten,
  besluiten,
  besluitZaken,
  commissies,
  documentActiviteiten,
  documentActors,
  documents,
  documentVersies,
  documentZaken,
  fracties,
  fractieZetelPersonen,
  fractieZetels,
  kamerstukdossiers,
  personen,
  toezeggingAanvullingen,
  toezeggingen,
  toezeggingHerhalingen,
  toezeggingWijzigingen,
  zaakActiviteiten,
  zaakActors,
  zaken,
} from '../db/schema/index.ts';
import type { PageSpec } from './prepare-page.ts';
import { converterForType } from './values.ts';

export interface ColumnMap {
  /** SQL column name. */
  column: string;
  /** SQL type for json_to_recordset (values.ts converterForType picks the conversion). */
  sqlType: string;
  kind: 'field' | 'ref';
  /** Element name in the feed. */
  source: string;
}

/** A many-valued `ref` kept in a link table (`document → zaak`). */
export interface LinkMap {
  ref: string;
  table: string;
  selfColumn: string;
  otherColumn: string;
}

export interface CategoryMap {
  /** The feed's category parameter, PascalCase. */
  category: string;
  /** The entity element, lowerCamelCase. */
  element: string;
  table: PgTable;
  tableName: string;
  columns: ColumnMap[];
  links: LinkMap[];
  /** Link tables and columns that point at this entity from elsewhere; cleared on deletion. */
  linkedFrom: { table: string; column: string }[];
  /** Elements of the XSD Kamerwacht does not keep; not reported as unknown. */
  ignored: Set<string>;
  /** Every element name this mapping stores or knowingly ignores. */
  known: Set<string>;
}

const SKIP = new Set(['id', 'bijgewerkt', 'feedUpdatedAt']);

function columnsOf(table: PgTable): ColumnMap[] {
  return Object.entries(getTableColumns(table))
    .filter(([prop]) => !SKIP.has(prop))
    .map(([prop, column]) => {
      const isRef = prop.endsWith('Id');
      return {
        column: column.name,
        sqlType: converterForType(column.getSQLType()).sqlType,
        kind: isRef ? ('ref' as const) : ('field' as const),
        source: isRef ? prop.slice(0, -2) : prop,
      };
    });
}

function define(
  category: string,
  table: PgTable,
  extra: { links?: LinkMap[]; linkedFrom?: CategoryMap['linkedFrom']; ignored?: string[] } = {},
): CategoryMap {
  const columns = columnsOf(table);
  const links = extra.links ?? [];
  const ignored = new Set(['annotatie', 'contentType', 'contentLength', ...(extra.ignored ?? [])]);
  return {
    category,
    element: category[0]!.toLowerCase() + category.slice(1),
    table,
    tableName: getTableName(table),
    columns,
    links,
    linkedFrom: extra.linkedFrom ?? [],
    ignored,
    known: new Set([...ignored, ...columns.map((c) => c.source), ...links.map((l) => l.ref)]),
  };
}

const DZ = getTableName(documentZaken);
const DA = getTableName(documentActiviteiten);
const ZA = getTableName(zaakActiviteiten);
const BZ = getTableName(besluitZaken);
/** A Toezegging's references to earlier commitments (0..n each), one link table per relation. */
const toezeggingLink = (ref: string, table: PgTable): LinkMap => ({ ref, table: getTableName(table), selfColumn: 'toezegging_id', otherColumn: 'eerdere_id' });

/** In dependency order: targets before the entities that reference them, which keeps dangling refs short-lived. */
export const CATEGORIES: CategoryMap[] = [
  define('Fractie', fracties),
  define('Persoon', personen, { ignored: ['geboorteplaats', 'geboorteland', 'overlijdensdatum', 'overlijdensplaats', 'land'] }),
  define('FractieZetel', fractieZetels),
  define('FractieZetelPersoon', fractieZetelPersonen),
  define('Commissie', commissies, { ignored: ['naamWebEn', 'inhoudsopgave'] }),
  define('Kamerstukdossier', kamerstukdossiers),
  define('Activiteit', activiteiten, {
    links: [],
    linkedFrom: [
      { table: ZA, column: 'activiteit_id' },
      { table: DA, column: 'activiteit_id' },
    ],
    ignored: [
      'voortgezetVanuit',
      'vervangenVanuit',
      'sidVoortouw',
      'datumVerzoekEersteVerlenging',
      'datumMededelingEersteVerlenging',
      'datumVerzoekTweedeVerlenging',
      'datumMededelingTweedeVerlenging',
      'vervaldatum',
    ],
  }),
  define('ActiviteitActor', activiteitActors, { ignored: ['spreektijd', 'sidActor'] }),
  define('Zaak', zaken, {
    links: [{ ref: 'activiteit', table: ZA, selfColumn: 'zaak_id', otherColumn: 'activiteit_id' }],
    linkedFrom: [
      { table: DZ, column: 'zaak_id' },
      { table: BZ, column: 'zaak_id' },
      // A deleted Zaak is no longer a question set: the list reads question_status alone.
      { table: 'question_status', column: 'zaak_id' },
    ],
    ignored: ['agendapunt', 'gerelateerdVanuit', 'vervangenVanuit'],
  }),
  define('ZaakActor', zaakActors),
  define('Document', documents, {
    links: [
      { ref: 'zaak', table: DZ, selfColumn: 'document_id', otherColumn: 'zaak_id' },
      { ref: 'activiteit', table: DA, selfColumn: 'document_id', otherColumn: 'activiteit_id' },
    ],
    ignored: ['bronDocument', 'agendapunt'],
  }),
  define('DocumentActor', documentActors),
  // Each version of a document's file; its externeidentifier names the official publication, and a
  // new version means the texts job reads the document again (server/texts/).
  define('DocumentVersie', documentVersies),
  // What the government owes the Kamer (server/promises/): agenda items and the decisions taken
  // on them, and ministers' commitments. After the activities, zaken and documents they refer to.
  define('Agendapunt', agendapunten),
  define('Besluit', besluiten, { links: [{ ref: 'zaak', table: BZ, selfColumn: 'besluit_id', otherColumn: 'zaak_id' }] }),
  define('Toezegging', toezeggingen, {
    links: [
      toezeggingLink('isHerhalingVan', toezeggingHerhalingen),
      toezeggingLink('isAanvullingOp', toezeggingAanvullingen),
      toezeggingLink('isWijzigingVan', toezeggingWijzigingen),
    ],
    linkedFrom: [toezeggingHerhalingen, toezeggingAanvullingen, toezeggingWijzigingen].map((t) => ({ table: getTableName(t), column: 'eerdere_id' })),
  }),
];

export function categoryMap(category: string): CategoryMap {
  const found = CATEGORIES.find((c) => c.category === category);
  if (!found) throw new Error(`Unknown SyncFeed category ${category}`);
  return found;
}

/** The plain-data part of a mapping the page worker needs (no Drizzle table, no functions). */
export function pageSpec(map: CategoryMap): PageSpec {
  return {
    category: map.category,
    element: map.element,
    columns: map.columns.map(({ column, sqlType, kind, source }) => ({ column, sqlType, kind, source })),
    links: map.links.map(({ ref }) => ({ ref })),
    known: map.known,
  };
}
