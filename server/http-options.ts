// The Fastify constructor options of the server process, in one place so the tests build their
// app with the same validation (coercion, removal of unknown fields) and limits as production.
import type { FastifyServerOptions } from 'fastify';

/** Everything but the logger, which the server process and the tests configure each their own way. */
export const HTTP_OPTIONS = {
  connectionTimeout: 30_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  bodyLimit: 256 * 1024,
  return503OnClosing: true,
  // Query strings arrive as strings: coerce them to the schema's types, and a single value to a
  // one-element array where a list is allowed. Unknown fields are dropped, not passed on.
  ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array' } },
} as const satisfies FastifyServerOptions;
