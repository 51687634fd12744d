// Serves our stylesheet, the favicon and the locally installed htmx (no CDN: the CSP allows
// 'self' only). Browsers and crawlers ask for /favicon.ico whatever the page links; without it
// every first visit also got a 404 page rendered with a database query.
// @see https://github.com/fastify/fastify-static
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

const require = createRequire(import.meta.url);
const HTMX_DIST = path.dirname(require.resolve('htmx.org/dist/htmx.min.js'));
const ASSETS = fileURLToPath(new URL('../../views/assets', import.meta.url));

export default fp(
  async (fastify) => {
    await fastify.register(fastifyStatic, { root: ASSETS, prefix: '/static/', maxAge: '1h', index: false });
    fastify.get('/favicon.ico', async function favicon(_request, reply) {
      return reply.sendFile('favicon.svg', ASSETS, { maxAge: '7d' });
    });
    await fastify.register(fastifyStatic, {
      root: HTMX_DIST,
      prefix: '/static/vendor/',
      decorateReply: false,
      allowedPath: (pathName) => pathName === '/htmx.min.js',
      maxAge: '1d',
      index: false,
    });
  },
  { name: 'static-assets' },
);
