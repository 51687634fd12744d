// The OpenAPI document of /api/v1, generated from the routes' own TypeBox schemas so the
// description cannot drift from what the routes validate and return.
// @see https://github.com/fastify/fastify-swagger
import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kamerwacht API',
          version: '1.0.0',
          description:
            'Schriftelijke Kamervragen met hun status en antwoordtermijn, vragenstellers met hun fractie op het moment van ' +
            'indienen, en de bewindspersonen aan wie ze gericht zijn. Gegevens: Tweede Kamer (CC0).',
        },
        servers: [{ url: fastify.config.PUBLIC_URL }],
      },
      // Only the JSON API is described; the HTML pages are not part of the contract.
      transform: ({ schema, url }) => ({ schema: url.startsWith('/api/v1/') ? schema : { ...schema, hide: true }, url }),
    });
    fastify.get('/api/openapi.json', { schema: { hide: true } }, async function openapiDocument() {
      return fastify.swagger();
    });
  },
  { name: 'openapi', dependencies: ['context'] },
);
