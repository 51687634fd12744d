// The Kamerwacht application as one Fastify plugin. It never listens: server/server.ts does,
// and tests register it on their own instance and use inject().
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorPage, notFoundPage } from '../views/pages/error.ts';
import context, { type AppContext } from './plugins/context.ts';
import inFlight from './plugins/in-flight.ts';
import inputGuard from './plugins/input-guard.ts';
import openapi from './plugins/openapi.ts';
import pageCache from './plugins/page-cache.ts';
import catalogApi from './routes/api/catalog.ts';
import questionsListApi from './routes/api/questions-list.ts';
import scopes from './routes/scopes.ts';
import sitemap from './routes/sitemap.ts';
import csrf from './plugins/csrf.ts';
import demoRoutes from './routes/demo.ts';
import mailer from './plugins/mailer.ts';
import render from './plugins/render.ts';
import security from './plugins/security.ts';
import staticAssets from './plugins/static-assets.ts';
import health from './routes/health.ts';
import pages from './routes/pages.ts';
import subscriptions from './routes/subscriptions.ts';
import questions from './routes/questions.ts';
import overdue from './routes/overdue.ts';
import compression from './plugins/compression.ts';
import indexes from './routes/indexes.ts';
import promises from './routes/promises.ts';
import requestsApi from './routes/api/requests.ts';

type AppOptions = AppContext;

/** JSON callers get JSON errors; everyone else an HTML page in the site layout. */
function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/health';
}

/** The fields a schema validation (or the input guard) rejected, for a message that names them. */
function validationFields(error: FastifyError & { fields?: string[] }): string[] {
  if (error.fields) return error.fields;
  const paths = (error.validation ?? []).map((v) => v.instancePath.replace(/^\//, '') || String(v.params.missingProperty ?? ''));
  return [...new Set(paths.filter(Boolean))];
}

async function kamerwacht(fastify: FastifyInstance, opts: AppOptions) {
  await fastify.register(context, opts);
  await fastify.register(inFlight);
  await fastify.register(security);
  await fastify.register(inputGuard, { bodyLimit: 64 * 1024 });
  await fastify.register(render);
  await fastify.register(pageCache, { ttlSeconds: opts.config.PAGE_CACHE_SECONDS });
  await fastify.register(compression);
  // After compression: its hook compresses the files too.
  await fastify.register(staticAssets);
  await fastify.register(openapi);
  await fastify.register(csrf);
  await fastify.register(mailer);

  fastify.setNotFoundHandler(async function notFound(request: FastifyRequest, reply: FastifyReply) {
    if (wantsJson(request)) return reply.status(404).send({ error: 'Niet gevonden', statusCode: 404 });
    return reply.page(notFoundPage(), 404);
  });

  fastify.setErrorHandler(async function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: error }, 'request rejected');
    // 5xx details stay in the log; the client gets the request id to quote.
    const fields = validationFields(error);
    const message = status >= 500 ? 'Interne fout' : fields.length > 0 ? `Ongeldige waarde voor: ${fields.join(', ')}` : error.message;
    if (wantsJson(request)) return reply.status(status).send({ error: message, statusCode: status, requestId: request.id });
    return reply.page(errorPage(status, request.id, fields), status);
  });

  // Routes after the handlers: child contexts take the handlers that exist when they register.
  await fastify.register(health);
  await fastify.register(pages);
  await fastify.register(subscriptions);
  await fastify.register(import('./routes/api/questions.ts'));
  await fastify.register(overdue);
  await fastify.register(questions);
  await fastify.register(questionsListApi);
  await fastify.register(catalogApi);
  await fastify.register(promises);
  await fastify.register(requestsApi);
  await fastify.register(indexes);
  await fastify.register(scopes);
  await fastify.register(sitemap);
  await fastify.register(import('./routes/staff/index.ts'));
  if (opts.demoTimeline) await fastify.register(demoRoutes, { timeline: opts.demoTimeline });
}

export default fp(kamerwacht, { name: 'kamerwacht', fastify: '5.x' });
