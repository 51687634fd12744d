// GET /api/v1/{ministries,parties,persons}/… and /api/v1/statistics: the statistics behind the
// HTML pages, as JSON. The promises ledger (/api/v1/requests) is in requests.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Nullable } from './schema-helpers.ts';
import { findMinistry, findParty, findPerson } from '../../statistics/scopes.ts';
import { scopeStatistics } from '../../statistics/answer-quality.ts';


const StatisticsSchema = Type.Array(
  Type.Object({
    key: Type.String(),
    year: Nullable(Type.Integer({ description: 'Jaar van indiening; null: alle jaren samen' })),
    sets: Type.Integer(),
    answered: Type.Integer(),
    answeredOnTime: Type.Integer(),
    waiting: Type.Integer({ description: 'Sets die nog op een eerste antwoord wachten' }),
    overdueNow: Type.Integer(),
    withdrawn: Type.Integer(),
    delayNotices: Type.Integer(),
    onTimeRate: Type.Number({ description: 'answeredOnTime / answered: over beantwoorde sets alleen (0 als er geen zijn)' }),
    delayNoticeRate: Type.Number({ description: 'delayNotices / sets' }),
    overdueNowRate: Type.Number({ description: 'overdueNow / sets' }),
    medianDaysToAnswer: Nullable(Type.Number()),
    p90DaysToAnswer: Nullable(Type.Number()),
    answerQuality: Nullable(
      Type.Object(
        {
          sets: Type.Integer({ description: 'Beantwoorde sets waarvan de teksten gelezen zijn' }),
          questions: Type.Integer({ description: 'Hun vragen: de noemer van elk aandeel' }),
          unanswered: Type.Integer(),
          grouped: Type.Integer(),
          referred: Type.Integer(),
          deferred: Type.Integer(),
          unansweredRate: Type.Number(),
          groupedRate: Type.Number(),
          referredRate: Type.Number(),
          deferredRate: Type.Number(),
        },
        { description: 'Hoe de vragen van beantwoorde sets zijn beantwoord; null zolang geen antwoordtekst gelezen is' },
      ),
    ),
  }),
);

const ErrorSchema = Type.Object({ error: Type.String(), statusCode: Type.Integer() });

const catalogApi: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const notFound = (what: string) => ({ error: `${what} niet gevonden`, statusCode: 404 });

  fastify.get(
    '/api/v1/statistics',
    {
      schema: {
        summary: 'Tijdigheid en kwaliteit van antwoorden per ministerie, bewindspersoon, fractie of Kamerlid, per jaar',
        querystring: Type.Object({
          dimension: Type.Union([Type.Literal('ministry'), Type.Literal('minister'), Type.Literal('party'), Type.Literal('member')]),
          key: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: StatisticsSchema },
      },
      config: { pageCache: true },
    },
    async function statistics(request) {
      return scopeStatistics(db, request.query.dimension, request.query.key);
    },
  );

  fastify.get(
    '/api/v1/ministries/:code',
    {
      schema: {
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Object({ code: Type.String(), name: Type.String(), statistics: StatisticsSchema }), 404: ErrorSchema },
      },
      config: { pageCache: true },
    },
    async function ministry(request, reply) {
      const m = findMinistry(request.params.code);
      if (!m) return reply.status(404).send(notFound('Ministerie'));
      return { ...m, statistics: await scopeStatistics(db, 'ministry', m.code) };
    },
  );

  fastify.get(
    '/api/v1/parties/:afkorting',
    {
      schema: {
        params: Type.Object({ afkorting: Type.String({ maxLength: 60 }) }),
        response: { 200: Type.Object({ afkorting: Type.String(), statistics: StatisticsSchema }), 404: ErrorSchema },
      },
      config: { pageCache: true },
    },
    async function party(request, reply) {
      const p = await findParty(db, request.params.afkorting);
      if (!p) return reply.status(404).send(notFound('Fractie'));
      return { ...p, statistics: await scopeStatistics(db, 'party', p.afkorting) };
    },
  );

  fastify.get(
    '/api/v1/persons/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
        response: {
          200: Type.Object({ id: Type.String(), name: Type.String(), functie: Nullable(Type.String()), statistics: StatisticsSchema }),
          404: ErrorSchema,
        },
      },
      config: { pageCache: true },
    },
    async function person(request, reply) {
      const p = await findPerson(db, request.params.id);
      if (!p) return reply.status(404).send(notFound('Persoon'));
      return { ...p, statistics: await scopeStatistics(db, 'member', p.id) };
    },
  );
};

export default catalogApi;
