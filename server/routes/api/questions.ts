// GET /api/v1/questions/:number: one question set by its official number (2025Z12345).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable } from './schema-helpers.ts';
import { getQuestionView, ZAAK_NUMMER_PATTERN } from '../../questions/question-view.ts';

// Calendar dates are Amsterdam dates as YYYY-MM-DD (an answer of 1 September is 2025-09-01, in
// any time zone); instants keep their offset.
const DateOnly = Type.String({ format: 'date', description: 'Kalenderdatum in Amsterdam (JJJJ-MM-DD)' });
const DateTime = Type.String({ format: 'date-time', description: 'Tijdstip met tijdzone (ISO 8601)' });

export const QuestionSchema = Type.Object({
  number: Type.String(),
  title: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('due_soon'),
    Type.Literal('delayed'),
    Type.Literal('overdue'),
    Type.Literal('answered'),
    Type.Literal('answered_late'),
    Type.Literal('withdrawn'),
  ]),
  statusAsOf: DateTime,
  submittedAt: Nullable(DateOnly),
  dueAt: Nullable(DateOnly),
  initialDueAt: Nullable(DateOnly),
  extendedDueAt: Nullable(DateOnly),
  delayNoticeAt: Nullable(DateOnly),
  answeredAt: Nullable(DateOnly),
  answeredLate: Nullable(Type.Boolean()),
  answeredByLetter: Type.Boolean(),
  withdrawnAt: Nullable(DateOnly),
  daysOpen: Nullable(Type.Integer()),
  daysOverdue: Type.Integer(),
  rule: Type.String(),
  askers: Type.Array(
    Type.Object({
      name: Type.String(),
      personId: Nullable(Type.String({ description: 'Persoon id; see /api/v1/persons/{id}' })),
      role: Type.Union([Type.Literal('Indiener'), Type.Literal('Medeindiener')]),
      party: Nullable(Type.String()),
      currentParty: Nullable(Type.String()),
      partySource: Nullable(Type.Union([Type.Literal('periods'), Type.Literal('correction')])),
      partyAccordingToTk: Nullable(Type.String()),
    }),
  ),
  addressees: Type.Array(
    Type.Object({ name: Type.String(), function: Nullable(Type.String()), post: Nullable(Type.String()), ministry: Nullable(Type.String()) }),
  ),
  documents: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Nullable(Type.String()),
      kind: Nullable(Type.String()),
      date: Nullable(DateOnly),
      title: Nullable(Type.String()),
    }),
  ),
  topics: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      matchedTerms: Type.Array(Type.String()),
      passage: Nullable(
        Type.Object(
          { text: Type.String(), questionNumber: Type.String(), source: Type.Union([Type.Literal('question'), Type.Literal('answer')]) },
          { description: 'De zin uit een vraag of antwoord die overeenkwam; null als titel of onderwerp volstond.' },
        ),
      ),
    }),
  ),
  // The texts (empty, null until read): each question in order with the answer that belongs to it.
  questions: Type.Array(
    Type.Object({
      number: Type.String({ description: 'Het nummer van de vraag zoals de publicatie het heeft' }),
      text: Type.String(),
      answer: Nullable(
        Type.Object({
          text: Type.String(),
          documentNumber: Nullable(Type.String({ description: 'Het antwoord- of nader-antwoorddocument' })),
          answeredWith: Type.Array(Type.String(), { description: 'Andere vragen die dit antwoord delen ("Antwoord 2 en 3")' }),
          refersTo: Type.Array(Type.String(), { description: 'Vragen naar wier antwoord dit antwoord verwijst ("zie het antwoord op vraag 2")' }),
          deferred: Type.Boolean({ description: 'Het antwoord stelt de inhoud uit ("in een aparte brief")' }),
        }),
      ),
      flags: Type.Array(Type.Union([Type.Literal('unanswered'), Type.Literal('grouped'), Type.Literal('referred'), Type.Literal('deferred')])),
    }),
  ),
  delayReason: Nullable(Type.String({ description: 'De tekst van het uitstelbericht' })),
  footnotes: Type.Array(Type.Object({ text: Type.String(), url: Nullable(Type.String()) })),
  textSource: Nullable(
    Type.Union([Type.Literal('koop'), Type.Literal('tk')], { description: 'koop: officiële publicatie; tk: bestand van de Tweede Kamer, nog niet officieel gepubliceerd' }),
  ),
});

const ErrorSchema = Type.Object({ error: Type.String(), statusCode: Type.Integer() });

const questionsApi: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/api/v1/questions/:number',
    {
      schema: {
        params: Type.Object({ number: Type.String({ pattern: ZAAK_NUMMER_PATTERN }) }),
        response: { 200: QuestionSchema, 404: ErrorSchema },
      },
    },
    async function getQuestion(request, reply) {
      const view = await getQuestionView(fastify.db, request.params.number, fastify.clock.now());
      if (!view) return reply.status(404).send({ error: `Vraag ${request.params.number} niet gevonden`, statusCode: 404 });
      return view;
    },
  );
};

export default questionsApi;
