// A set's texts as the API and the question page show them: the questions in order, each with
// its answer and flags, the delay notice's reason, the footnotes and where the texts came from.
// The API carries exactly these fields (DESIGN: "Fixed interfaces"); what only the page shows
// (the deferring sentence, each document's text state) is read by textDetails.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents, documentTexts, type DocumentTextState, type QuestionTextFlag, questionTexts, questionTextSets, type TextSource, zaken } from '../db/schema/index.ts';

interface QuestionAnswer {
  text: string;
  documentNumber: string | null;
  answeredWith: string[];
  refersTo: string[];
  deferred: boolean;
}

export interface QuestionText {
  number: string;
  text: string;
  answer: QuestionAnswer | null;
  flags: QuestionTextFlag[];
}

export interface SetTexts {
  questions: QuestionText[];
  delayReason: string | null;
  footnotes: { text: string; url: string | null }[];
  textSource: TextSource | null;
}

export async function getSetTexts(db: Db, zaakId: string): Promise<SetTexts> {
  const [set] = await db.select().from(questionTextSets).where(eq(questionTextSets.zaakId, zaakId));
  const rows = await db
    .select({ q: questionTexts, documentNumber: documents.documentNummer })
    .from(questionTexts)
    .leftJoin(documents, eq(documents.id, questionTexts.answerDocumentId))
    .where(eq(questionTexts.zaakId, zaakId))
    .orderBy(asc(questionTexts.position));
  return {
    questions: rows.map(({ q, documentNumber }) => ({
      number: q.number,
      text: q.text,
      answer:
        q.answerText === null
          ? null
          : { text: q.answerText, documentNumber: documentNumber ?? null, answeredWith: q.answeredWith, refersTo: q.refersTo, deferred: q.deferred },
      flags: q.flags,
    })),
    delayReason: set?.delayReason ?? null,
    footnotes: set?.footnotes ?? [],
    textSource: set?.textSource ?? null,
  };
}

export interface TextDetails {
  /** The sentence that postpones the substance, by question number. */
  deferralTexts: Map<string, string>;
  /** Per document id: whether its text was read, from where, and if not, why. */
  documents: Map<string, { state: DocumentTextState; source: TextSource | null; reason: string | null }>;
}

export async function textDetails(db: Db, zaakNummer: string, documentIds: string[]): Promise<TextDetails> {
  const deferrals = await db
    .select({ number: questionTexts.number, text: questionTexts.deferralText })
    .from(questionTexts)
    .innerJoin(zaken, eq(zaken.id, questionTexts.zaakId))
    .where(and(eq(zaken.nummer, zaakNummer), sql`${questionTexts.deferralText} is not null`));
  const states =
    documentIds.length === 0
      ? []
      : await db
          .select({ id: documentTexts.documentId, state: documentTexts.state, source: documentTexts.source, reason: documentTexts.reason })
          .from(documentTexts)
          .where(inArray(documentTexts.documentId, documentIds));
  return {
    deferralTexts: new Map(deferrals.map((d) => [d.number, d.text!])),
    documents: new Map(states.map((s) => [s.id, { state: s.state, source: s.source, reason: s.reason }])),
  };
}
