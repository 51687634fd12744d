// Security headers with a strict Content-Security-Policy: no inline script or style, no eval.
// htmx is configured for it in views/layout.ts. Rate limits apply only to routes that opt in and
// are counted in PostgreSQL, so they hold across every web process.
//
// helmet itself, instantiated once per app. @fastify/helmet builds a new helmet middleware on every
// request (re-parsing the CSP directives each time), which took a tenth of the server's CPU
// serving cached pages in test/bench/site.ts; nothing here needs its per-route options or nonces.
// @see https://helmetjs.github.io/
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { systemClock } from '../clock.ts';
import { postgresRateLimitStore } from '../rate-limit-store.ts';

/**
 * The headers for the site's scheme: Strict-Transport-Security only when PUBLIC_URL is https. On
 * plain http browsers ignore it, and a development host such as localhost must not be pinned.
 */
const headersFor = (https: boolean) => helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
  },
  // Same-site resources only; nothing here is meant to be embedded elsewhere.
  crossOriginResourcePolicy: { policy: 'same-site' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
});

export default fp(
  async (fastify) => {
    const securityHeaders = headersFor(fastify.config.PUBLIC_URL.startsWith('https:'));
    fastify.addHook('onRequest', function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
      // helmet 8 throws rather than passing errors on; done() only ever sees undefined.
      securityHeaders(request.raw, reply.raw, () => done());
    });
    // Rate-limit windows are real time. With NOW set (npm run demo, the benchmarks) the app's
    // clock stands still, and windows on it would never end; tests inject a moving clock instead.
    const clock = fastify.config.NOW ? systemClock : fastify.clock;
    await fastify.register(rateLimit, { global: false, store: postgresRateLimitStore(fastify.db, clock) });
  },
  { name: 'security', dependencies: ['context'] },
);
