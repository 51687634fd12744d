// The event log of question sets: what happened to each, recorded once. The sync writes what
// the feed brought (asked, delay notice, answer, withdrawal); the deadlines job writes what time
// did (due soon, overdue, answered late). The alerts work turns these into deliveries.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const QUESTION_EVENT_KINDS = [
  'asked',
  'delay_notice',
  'answered',
  'answered_late',
  'nader_answer',
  'answered_by_letter',
  'withdrawn',
  'due_soon',
  'overdue',
] as const;
export type QuestionEventKind = (typeof QUESTION_EVENT_KINDS)[number];

export const questionEvents = pgTable(
  'question_events',
  {
    id: serial('id').primaryKey(),
    zaakId: uuid('zaak_id').notNull(),
    kind: text('kind').$type<QuestionEventKind>().notNull(),
    /** When it happened in the world (the document's date, the moment a deadline passed). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** When Kamerwacht recorded it (the injected clock). Alerts compare the two for the cut-off. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    documentId: uuid('document_id'),
    source: text('source').$type<'sync' | 'deadlines' | 'staff'>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * Makes recording idempotent: `<zaakId>:<kind>` for once-only events, with `:<documentId>`
     * appended where several may exist (nader answers). Insert with ON CONFLICT DO NOTHING.
     */
    dedupeKey: text('dedupe_key').notNull(),
  },
  (t) => [
    uniqueIndex('question_events_dedupe_uq').on(t.dedupeKey),
    index('question_events_zaak_idx').on(t.zaakId),
    index('question_events_recorded_idx').on(t.recordedAt),
    // The hourly deadlines run looks for recent news from the sync on closed question sets.
    index('question_events_sync_recorded_idx')
      .on(t.recordedAt)
      .where(sql`${t.source} = 'sync'`),
  ],
);

export const QUESTION_STATUSES = ['open', 'due_soon', 'delayed', 'overdue', 'answered', 'answered_late', 'withdrawn'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/**
 * The materialized status of every question set (one Zaak of soort 'Schriftelijke vragen'), as the
 * deadlines job found it at `status_as_of`. Dates are Europe/Amsterdam calendar dates; instants
 * keep the document's own moment. Lists filter on the indexes below instead of re-deriving.
 */
export const questionStatus = pgTable(
  'question_status',
  {
    zaakId: uuid('zaak_id').primaryKey(),
    nummer: text('nummer'),
    submittedOn: date('submitted_on'),
    /** The initial term (submitted + 21 days under the default policy). */
    dueOn: date('due_on'),
    /** The term after a delay notice (submitted + 42 days); set whatever the notice state. */
    extendedDueOn: date('extended_due_on'),
    questionDocumentId: uuid('question_document_id'),
    delayNoticeAt: timestamp('delay_notice_at', { withTimezone: true }),
    delayNoticeDocumentId: uuid('delay_notice_document_id'),
    /** The first answer (document or, when staff marked it, the government letter). */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredOn: date('answered_on'),
    answerDocumentId: uuid('answer_document_id'),
    answeredLate: boolean('answered_late'),
    answeredByLetter: boolean('answered_by_letter').notNull().default(false),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalDocumentId: uuid('withdrawal_document_id'),
    status: text('status').$type<QuestionStatus>().notNull(),
    statusAsOf: timestamp('status_as_of', { withTimezone: true }).notNull(),
    /** Calendar days from submission to the answer/withdrawal, or to `status_as_of` while open. */
    daysOpen: integer('days_open'),
    /** Days past the applicable due date (open: as of `status_as_of`; answered late: at the answer). */
    daysOverdue: integer('days_overdue').notNull().default(0),
    /*
     * What the list filters on besides the status, copied from topic_matches, question_askers and
     * question_addressees by triggers on those tables (migrations/0018_question_status_filters.sql),
     * whoever writes them. The list then filters and counts on this one table through GIN indexes:
     * joining the others for every row a count reads costs tens of milliseconds at 100,000 sets.
     */
    /** The topics the set is on. */
    topicIds: integer('topic_ids').array().notNull().default(sql`'{}'::integer[]`),
    /** The askers' parties at the time of asking. */
    parties: text('parties').array().notNull().default(sql`'{}'::text[]`),
    /** The askers' Persoon ids. */
    askerIds: uuid('asker_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The addressed ministries. */
    ministries: text('ministries').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('question_status_status_due_idx').on(t.status, t.dueOn),
    // A small pending list: writes (a derivation chunk) are batched into it, and the counts that
    // read it meanwhile read at most 256 kB more; the default 4 MB made a count ten times slower.
    index('question_status_topics_idx').using('gin', t.topicIds).with({ gin_pending_list_limit: 256 }),
    index('question_status_parties_idx').using('gin', t.parties).with({ gin_pending_list_limit: 256 }),
    index('question_status_askers_idx').using('gin', t.askerIds).with({ gin_pending_list_limit: 256 }),
    index('question_status_ministries_idx').using('gin', t.ministries).with({ gin_pending_list_limit: 256 }),
    // The list's orderings (server/question-list/list-questions.ts), so a page is read in order.
    index('question_status_submitted_nummer_idx').on(t.submittedOn.desc().nullsFirst(), t.nummer.desc().nullsFirst()),
    index('question_status_applicable_due_idx').on(sql`(coalesce(case when delay_notice_at is not null then extended_due_on end, due_on))`, t.nummer),
    index('question_status_overdue_idx').on(t.daysOverdue.desc().nullsFirst(), t.submittedOn.desc().nullsFirst(), t.nummer.desc().nullsFirst()),
    index('question_status_due_idx').on(t.dueOn),
    index('question_status_nummer_idx').on(t.nummer),
    // The hourly run evaluates the open sets: a small partial index finds them among all.
    index('question_status_open_idx')
      .on(t.zaakId)
      .where(sql`${t.status} not in ('answered', 'answered_late', 'withdrawn')`),
  ],
);

/**
 * Question sets that staff marked as answered by a government letter (Brief regering) instead of
 * an answer document. The rule then treats the letter's date as the answer date.
 */
export const questionLetterAnswers = pgTable('question_letter_answers', {
  zaakId: uuid('zaak_id').primaryKey(),
  /** The letter's document GUID when it is in the mirror. */
  documentId: uuid('document_id'),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  note: text('note').notNull().default(''),
  markedBy: text('marked_by').notNull(),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
});

export const MINISTER_POSTS = ['minister', 'minister zonder portefeuille', 'staatssecretaris', 'minister-president'] as const;
export type MinisterPost = (typeof MINISTER_POSTS)[number];

/**
 * Addressees ('Gericht aan') of each question set with their post and ministry code, derived from
 * the function text. Materialized so statistics per ministry and per person-in-post are one
 * indexed join instead of parsing text per query.
 */
export const questionAddressees = pgTable(
  'question_addressees',
  {
    zaakId: uuid('zaak_id').notNull(),
    actorId: uuid('actor_id').notNull(),
    persoonId: uuid('persoon_id'),
    name: text('name'),
    functie: text('functie'),
    post: text('post').$type<MinisterPost>(),
    ministry: text('ministry'),
  },
  (t) => [
    primaryKey({ columns: [t.zaakId, t.actorId] }),
    index('question_addressees_ministry_idx').on(t.ministry, t.zaakId),
    index('question_addressees_person_idx').on(t.name, t.post, t.ministry),
  ],
);

/** What a function text ('minister voor Medische Zorg') resolves to; filled from the TS mapping. */
export const addresseeFunctions = pgTable('addressee_functions', {
  functie: text('functie').primaryKey(),
  post: text('post').$type<MinisterPost>(),
  ministry: text('ministry'),
});

/**
 * Askers of each question set with their party at the submission date, from FractieZetelPersoon
 * periods (or a curated correction). `party` stays null when the member held no seat that day.
 */
export const questionAskers = pgTable(
  'question_askers',
  {
    zaakId: uuid('zaak_id').notNull(),
    actorId: uuid('actor_id').notNull(),
    persoonId: uuid('persoon_id'),
    name: text('name'),
    role: text('role').$type<'Indiener' | 'Medeindiener'>().notNull(),
    party: text('party'),
    fractieId: uuid('fractie_id'),
    partySource: text('party_source').$type<'periods' | 'correction'>(),
  },
  (t) => [
    primaryKey({ columns: [t.zaakId, t.actorId] }),
    index('question_askers_party_idx').on(t.party, t.zaakId),
    index('question_askers_persoon_idx').on(t.persoonId, t.zaakId),
  ],
);

/**
 * Which zaken the topic matcher has looked at, for which topic version and zaak revision, match
 * or not. Lets the hourly run match only new or changed zaken instead of everything.
 */
export const zaakTopicChecks = pgTable(
  'zaak_topic_checks',
  {
    zaakId: uuid('zaak_id').notNull(),
    topicId: integer('topic_id').notNull(),
    topicVersion: integer('topic_version').notNull(),
    zaakBijgewerkt: timestamp('zaak_bijgewerkt', { withTimezone: true }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.zaakId] })],
);
