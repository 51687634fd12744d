// Reads one question set's facts for the TS rule (single-item views and tests).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents, documentZaken, questionLetterAnswers, zaken } from '../db/schema/index.ts';
import { DOC_ANSWER, DOC_DELAY_NOTICE, DOC_NOTICE, DOC_QUESTIONS } from './documents.ts';
import type { QuestionFacts } from './status-rule.ts';

export async function loadQuestionFacts(db: Db, zaakId: string): Promise<QuestionFacts | null> {
  const [zaak] = await db.select({ id: zaken.id, nummer: zaken.nummer, gestartOp: zaken.gestartOp }).from(zaken).where(eq(zaken.id, zaakId));
  if (!zaak) return null;
  const docs = await db
    .select({
      id: documents.id,
      soort: documents.soort,
      datum: documents.datum,
      ontvangst: documents.datumOntvangst,
      registratie: documents.datumRegistratie,
      onderwerp: documents.onderwerp,
      titel: documents.titel,
    })
    .from(documentZaken)
    .innerJoin(documents, eq(documents.id, documentZaken.documentId))
    .where(eq(documentZaken.zaakId, zaakId));
  const [letter] = await db.select().from(questionLetterAnswers).where(eq(questionLetterAnswers.zaakId, zaakId));
  const relevant = new Set([DOC_QUESTIONS, DOC_ANSWER, DOC_DELAY_NOTICE, DOC_NOTICE]);
  return {
    zaakId: zaak.id,
    nummer: zaak.nummer,
    gestartOp: zaak.gestartOp,
    documents: docs
      .filter((d) => d.soort !== null && relevant.has(d.soort))
      .map((d) => ({ id: d.id, soort: d.soort, at: d.datum ?? d.ontvangst ?? d.registratie, onderwerp: d.onderwerp, titel: d.titel })),
    letterAnswer: letter ? { at: letter.answeredAt, documentId: letter.documentId } : null,
  };
}
