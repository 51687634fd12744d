// /fracties, /ministeries, /personen: the index pages to browse from.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ministriesPage, partiesPage, peoplePage } from '../../views/pages/indexes.ts';
import { ministryIndex, partyIndex, personIndex } from '../browse/indexes.ts';
import { amsterdamDate } from '../calendar.ts';

const indexes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const today = () => amsterdamDate(fastify.clock.now());

  fastify.get('/fracties', { config: { pageCache: true } }, async function partyIndexPage(_request, reply) {
    return reply.page(partiesPage(await partyIndex(db, today())));
  });

  fastify.get('/ministeries', { config: { pageCache: true } }, async function ministryIndexPage(_request, reply) {
    return reply.page(ministriesPage(await ministryIndex(db)));
  });

  fastify.get(
    '/personen',
    { schema: { querystring: Type.Object({ naam: Type.Optional(Type.String({ maxLength: 100 })) }) }, config: { pageCache: true } },
    async function personIndexPage(request, reply) {
      const search = request.query.naam?.trim() || null;
      const { people, more } = await personIndex(db, today(), search);
      return reply.page(peoplePage(people, more, search));
    },
  );
};

export default indexes;
