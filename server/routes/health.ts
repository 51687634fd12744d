import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { syncFreshness } from '../sync/freshness.ts';
import { countSetAside } from '../sync/quarantine.ts';

const CategorySchema = Type.Object({
  category: Type.String(),
  lastSuccessAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lagSeconds: Type.Union([Type.Integer(), Type.Null()]),
  lastErrorAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  entries: Type.Integer(),
});

const HealthSchema = Type.Object({
  /** `starting`: no sync has reached the head of every category yet (a fresh install). */
  status: Type.Union([Type.Literal('ok'), Type.Literal('starting'), Type.Literal('degraded'), Type.Literal('error')]),
  time: Type.String({ format: 'date-time' }),
  database: Type.Object({ ok: Type.Boolean(), kind: Type.String() }),
  sync: Type.Object({
    lastSuccessAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    stale: Type.Boolean(),
    staleAfterMinutes: Type.Integer(),
    /** Feed entries set aside because they cannot be stored (server/sync/quarantine.ts); null when the database is down. */
    quarantined: Type.Union([Type.Integer(), Type.Null()]),
    categories: Type.Array(CategorySchema),
  }),
});

/** GET /health: database reachable, last successful sync per category and its lag, entries set aside. */
const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/health',
    { schema: { response: { 200: HealthSchema, 503: HealthSchema } } },
    async function getHealth(_request, reply) {
      const { database, clock, config } = fastify;
      const now = clock.now();
      const ok = await database.ping();
      const base = { time: now.toISOString(), database: { ok, kind: database.kind } };
      const staleAfterMinutes = config.SYNC_STALE_MINUTES;
      if (!ok) {
        return reply.status(503).send({
          status: 'error' as const,
          ...base,
          sync: { lastSuccessAt: null, stale: true, staleAfterMinutes, quarantined: null, categories: [] },
        });
      }
      const [f, quarantined] = await Promise.all([syncFreshness(fastify.db, now, staleAfterMinutes), countSetAside(fastify.db)]);
      reply.header('cache-control', 'no-store');
      return {
        // Until a first sync succeeded there is no data to be fresh or stale: starting. Then a
        // stale mirror still serves pages; it is reported, not fatal. Both answer 200, so a
        // container's health check does not restart the process during a first sync of hours.
        status: f.lastSuccessAt === null ? ('starting' as const) : f.stale ? ('degraded' as const) : ('ok' as const),
        ...base,
        sync: {
          lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
          stale: f.stale,
          staleAfterMinutes,
          quarantined,
          categories: f.categories.map((c) => ({
            category: c.category,
            lastSuccessAt: c.lastSuccessAt?.toISOString() ?? null,
            lagSeconds: c.lagSeconds,
            lastErrorAt: c.lastErrorAt?.toISOString() ?? null,
            lastError: c.lastError,
            entries: c.entriesTotal,
          })),
        },
      };
    },
  );
};

export default health;
