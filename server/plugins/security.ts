// Security headers with a strict Content-Security-Policy: no inline script or style, no eval.
// htmx is configured for it in views/layout.ts. Rate limits apply only to routes that opt in and
// are counted in PostgreSQL, so they hold across every web process.
// @see https://github.com/fastify/fastify-helmet
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { postgresRateLimitStore } from '../rate-limit-store.ts';

export default fp(
  async (fastify) => {
    await fastify.register(helmet, {
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
    });
    await fastify.register(rateLimit, { global: false, store: postgresRateLimitStore(fastify.db, fastify.clock) });
  },
  { name: 'security', dependencies: ['context'] },
);
