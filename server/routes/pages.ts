import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { homePage } from '../../views/pages/home.ts';
import { overview } from '../overview/counts.ts';

const pages: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', { config: { pageCache: true } }, async function showOverview(_request, reply) {
    return reply.page(homePage(await overview(fastify.db, fastify.clock.now())));
  });
};

export default pages;
