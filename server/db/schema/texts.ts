// The texts of written questions, answers and delay notices. `document_versies` mirrors the feed
// category DocumentVersie (a new version means the file changed: read it again); `document_texts`
// holds what was read from each document, once, with the source it came from (the official KOOP
// publication, or the Kamer's own file until KOOP publishes); `question_texts` and
// `question_text_sets` are the questions of each set paired with their answers, derived from the
// documents' texts, which is what pages, the API, search and alerts read.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { upstreamColumns } from './columns.ts';

export const documentVersies = pgTable(
  'document_versies',
  {
    ...upstreamColumns(),
    documentId: uuid('document_id'),
    status: text('status'),
    versienummer: integer('versienummer'),
    bestandsgrootte: integer('bestandsgrootte'),
    extensie: text('extensie'),
    datum: timestamp('datum', { withTimezone: true }),
    /** The id of the official publication (`kv-tk-2025Z12345`, `ah-tk-20242025-1244`) when known. */
    externeidentifier: text('externeidentifier'),
  },
  (t) => [index('document_versies_document_idx').on(t.documentId)],
);

export const TEXT_SOURCES = ['koop', 'tk'] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];

/**
 * `ok`: a text is stored. `missing`: not (yet) published or not found (404, KOOP's `fout404`
 * redirect); `unreadable`: fetched but no text could be read (a scan, broken XML, an unknown
 * format). Both are retried with back-off; `reason` says what happened, in words.
 */
export type DocumentTextState = 'ok' | 'missing' | 'unreadable';

export const documentTexts = pgTable(
  'document_texts',
  {
    documentId: uuid('document_id').primaryKey(),
    /** What the stored text was read from (the DocumentVersie id, or the document's bijgewerkt): a change means read again. */
    versionKey: text('version_key').notNull(),
    state: text('state').$type<DocumentTextState>().notNull(),
    /** Where the stored text came from; null while none is stored. A `tk` text is replaced by `koop` once published. */
    source: text('source').$type<TextSource>(),
    /** The KOOP publication id read or tried. */
    publicationId: text('publication_id'),
    /** The parsed text (questions, answers, the notice's remark, footnotes); its shape is the texts module's. */
    content: jsonb('content').$type<unknown>(),
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** The last attempt (the job's clock). */
    triedAt: timestamp('tried_at', { withTimezone: true }),
    /** When the stored content was read. */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('document_texts_due_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`)],
);

export const QUESTION_TEXT_FLAGS = ['unanswered', 'grouped', 'referred', 'deferred'] as const;
export type QuestionTextFlag = (typeof QUESTION_TEXT_FLAGS)[number];

/** One question of a set, in order, with the answer that belongs to it (if any). */
export const questionTexts = pgTable(
  'question_texts',
  {
    zaakId: uuid('zaak_id').notNull(),
    /** 1-based order in the publication. */
    position: integer('position').notNull(),
    /** The question's number as the publication has it ('3'). */
    number: text('number').notNull(),
    text: text('text').notNull(),
    answerText: text('answer_text'),
    /** The document (answer or nader answer) this question's answer came from. */
    answerDocumentId: uuid('answer_document_id'),
    /** Other question numbers that share this answer text ("Antwoord 2 en 3"). */
    answeredWith: jsonb('answered_with').$type<string[]>().notNull().default([]),
    /** Question numbers whose answer this answer points to ("zie het antwoord op vraag 2"). */
    refersTo: jsonb('refers_to').$type<string[]>().notNull().default([]),
    deferred: boolean('deferred').notNull().default(false),
    /** The sentence that postpones the substance, when `deferred`. */
    deferralText: text('deferral_text'),
    flags: jsonb('flags').$type<QuestionTextFlag[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.zaakId, t.position] }), index('question_texts_answer_document_idx').on(t.answerDocumentId)],
);

/** Per set: where its texts came from, the delay notice's reason, the footnotes. */
export const questionTextSets = pgTable('question_text_sets', {
  zaakId: uuid('zaak_id').primaryKey(),
  /** `koop` when every text used is official, `tk` when any came from the Kamer's own file. */
  textSource: text('text_source').$type<TextSource>(),
  delayReason: text('delay_reason'),
  footnotes: jsonb('footnotes').$type<{ text: string; url: string | null }[]>().notNull().default([]),
  /** Changed whenever this set's texts change (the job's clock): search and alerts pick up what moved. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
