// Request counters of @fastify/rate-limit, shared by every web process (server/README.md: the
// plugin's own store is per process, so with two instances every limit would double).
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    /** Method and URL pattern of the limited route, e.g. `POST/abonneren`. */
    routeKey: text('route_key').notNull(),
    /** What the plugin's key generator made of the request (the client IP, IPv6 masked to /64). */
    clientKey: text('client_key').notNull(),
    /** Requests in the current window. */
    count: integer('count').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.routeKey, t.clientKey] }),
    // The alerts job's clean-up deletes ended windows without a scan.
    index('rate_limit_windows_ends_idx').on(t.windowEndsAt),
  ],
);
