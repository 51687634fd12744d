import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { homePage } from '../../views/pages/home.ts';
import { requestsPage } from '../../views/pages/requests.ts';
import { overview } from '../overview/counts.ts';
import { listRequests } from '../requests/list-requests.ts';

const pages: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', { config: { pageCache: true } }, async function showOverview(_request, reply) {
    return reply.page(homePage(await overview(fastify.db, fastify.clock.now())));
  });

  fastify.get('/verzoeken', { config: { pageCache: true } }, async function listRequestsPage(_request, reply) {
    return reply.page(requestsPage(await listRequests(fastify.db)));
  });
};

export default pages;
