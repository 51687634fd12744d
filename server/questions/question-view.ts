// One question set as the API and the question page show it: the stored status (or, before the
// deadlines job first saw the set, the TS rule evaluated now), askers with their party at the
// time of asking and now, addressees with post and ministry, documents and topic matches, and the
// texts: each question with its answer (server/texts/question-texts.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { documents, documentZaken, questionStatus, type QuestionStatus, topicMatches, topics, zaakActors, zaken } from '../db/schema/index.ts';
import { amsterdamDate } from '../calendar.ts';
import { QUESTION_ZAAK_SOORT } from './documents.ts';
import { loadQuestionFacts } from './load-facts.ts';
import { parseAddresseeFunction } from './ministries.ts';
import { loadPersonParties, partyOn } from './party-at-time.ts';
import { DEFAULT_POLICY, type DeadlinePolicy, policyText } from './policy.ts';
import { evaluateQuestion, type QuestionEvaluation } from './status-rule.ts';
import { getSetTexts, type SetTexts } from '../texts/question-texts.ts';

export const ZAAK_NUMMER_PATTERN = '^[0-9]{4}Z[0-9]{5}$';

export interface QuestionView extends SetTexts {
  number: string;
  title: string | null;
  subject: string | null;
  status: QuestionStatus;
  statusAsOf: string;
  submittedAt: string | null;
  dueAt: string | null;
  initialDueAt: string | null;
  extendedDueAt: string | null;
  delayNoticeAt: string | null;
  answeredAt: string | null;
  answeredLate: boolean | null;
  answeredByLetter: boolean;
  withdrawnAt: string | null;
  daysOpen: number | null;
  daysOverdue: number;
  rule: string;
  askers: {
    name: string;
    /** The member's Persoon id (their page is /personen/<id>); null when the feed named no Persoon. */
    personId: string | null;
    role: 'Indiener' | 'Medeindiener';
    party: string | null;
    currentParty: string | null;
    partySource: 'periods' | 'correction' | null;
    partyAccordingToTk: string | null;
  }[];
  addressees: { name: string; function: string | null; post: string | null; ministry: string | null }[];
  documents: { id: string; number: string | null; kind: string | null; date: string | null; title: string | null }[];
  topics: { slug: string; name: string; matchedTerms: string[]; passage: { text: string; questionNumber: string; source: 'question' | 'answer' } | null }[];
}

/** The API's dates are Amsterdam calendar dates; only statusAsOf is an instant. */
const day = (d: Date | null) => (d ? amsterdamDate(d) : null);

async function storedOrEvaluated(db: Db, zaakId: string, now: Date): Promise<QuestionEvaluation | null> {
  const [row] = await db.select().from(questionStatus).where(eq(questionStatus.zaakId, zaakId));
  if (row) return { ...row, answeredLate: row.answeredLate ?? null };
  const facts = await loadQuestionFacts(db, zaakId);
  return facts ? evaluateQuestion(facts, now) : null;
}

export async function getQuestionView(db: Db, nummer: string, now: Date, policy: DeadlinePolicy = DEFAULT_POLICY): Promise<QuestionView | null> {
  const [zaak] = await db
    .select()
    .from(zaken)
    .where(and(eq(zaken.nummer, nummer), eq(zaken.soort, QUESTION_ZAAK_SOORT)))
    .limit(1);
  if (!zaak) return null;
  const ev = await storedOrEvaluated(db, zaak.id, now);
  if (!ev) return null;

  const actors = await db.select().from(zaakActors).where(eq(zaakActors.zaakId, zaak.id)).orderBy(asc(zaakActors.actorNaam));
  const askers = actors
    .filter((a) => a.relatie === 'Indiener' || a.relatie === 'Medeindiener')
    .sort((a, b) => (a.relatie === b.relatie ? 0 : a.relatie === 'Indiener' ? -1 : 1));
  const parties = await loadPersonParties(db, askers.flatMap((a) => (a.persoonId ? [a.persoonId] : [])));
  const today = amsterdamDate(now);

  const docs = await db
    .select()
    .from(documentZaken)
    .innerJoin(documents, eq(documents.id, documentZaken.documentId))
    .where(eq(documentZaken.zaakId, zaak.id))
    .orderBy(asc(documents.datum), asc(documents.documentNummer));
  const matches = await db
    .select({ slug: topics.slug, name: topics.name, terms: topicMatches.matchedTerms, passage: topicMatches.matchedPassage })
    .from(topicMatches)
    .innerJoin(topics, eq(topics.id, topicMatches.topicId))
    .where(inArray(topicMatches.zaakId, [zaak.id]))
    .orderBy(asc(topics.name));

  const texts = await getSetTexts(db, zaak.id);

  const due = ev.delayNoticeAt ? ev.extendedDueOn : ev.dueOn;
  return {
    number: nummer,
    title: zaak.titel?.trim() || null,
    subject: zaak.onderwerp?.trim() || null,
    status: ev.status,
    statusAsOf: ev.statusAsOf.toISOString(),
    submittedAt: ev.submittedOn,
    dueAt: due,
    initialDueAt: ev.dueOn,
    extendedDueAt: ev.extendedDueOn,
    delayNoticeAt: day(ev.delayNoticeAt),
    answeredAt: day(ev.answeredAt),
    answeredLate: ev.answeredLate,
    answeredByLetter: ev.answeredByLetter,
    withdrawnAt: day(ev.withdrawnAt),
    daysOpen: ev.daysOpen,
    daysOverdue: ev.daysOverdue,
    rule: policyText(policy),
    askers: askers.map((a) => {
      const p = a.persoonId ? parties.get(a.persoonId) : undefined;
      const atTime = p && ev.submittedOn ? partyOn(ev.submittedOn, p.periods, p.corrections) : null;
      const current = p ? partyOn(today, p.periods, p.corrections) : null;
      return {
        name: a.actorNaam ?? '',
        personId: a.persoonId ?? null,
        role: a.relatie as 'Indiener' | 'Medeindiener',
        party: atTime?.party ?? null,
        currentParty: current?.party ?? null,
        partySource: atTime?.source ?? null,
        partyAccordingToTk: a.actorFractie ?? null,
      };
    }),
    addressees: actors
      .filter((a) => a.relatie === 'Gericht aan')
      .map((a) => {
        const parsed = parseAddresseeFunction(a.functie);
        return { name: a.actorNaam ?? '', function: a.functie, post: parsed.post, ministry: parsed.ministry };
      }),
    documents: docs.map(({ documents: d }) => ({
      id: d.id,
      number: d.documentNummer,
      kind: d.soort,
      date: day(d.datum),
      title: d.titel?.trim() || d.onderwerp?.trim() || null,
    })),
    topics: matches.map((m) => ({ slug: m.slug, name: m.name, matchedTerms: m.terms, passage: m.passage ?? null })),
    ...texts,
  };
}
