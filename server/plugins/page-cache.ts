// A short-lived in-process cache of public GET responses (opt-in per route with
// `config: { pageCache: true }`). The mirrored data changes every few minutes at most, so
// serving a rendered list for PAGE_CACHE_SECONDS saves the database from repeating the same
// filtered counts under load. Per process and bounded: web processes stay stateless.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cache 200 responses of this GET route for PAGE_CACHE_SECONDS. */
    pageCache?: boolean;
  }
}

interface Entry {
  body: string;
  contentType: string;
  headers: Record<string, string>;
  storedAt: number;
}

export interface PageCacheOptions {
  ttlMs: number;
  maxEntries?: number;
  /** Milliseconds now; injectable for tests. */
  now?: () => number;
}

/** A Map used as an LRU: re-inserting moves a key to the end, the first key is the oldest. */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Omit<Entry, 'storedAt'>): void {
    this.entries.delete(key);
    this.entries.set(key, { ...entry, storedAt: this.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

// Headers worth replaying; security headers are set again by helmet on every response.
const KEPT = ['content-disposition', 'vary', 'cache-control'];

function cacheKey(request: FastifyRequest): string {
  // htmx fragments and whole pages differ for the same URL.
  return `${request.headers['hx-request'] === 'true' && request.headers['hx-history-restore-request'] !== 'true' ? 'f' : 'p'} ${request.url}`;
}

export default fp<{ ttlSeconds: number }>(
  async (fastify, opts) => {
    if (opts.ttlSeconds <= 0) return;
    const cache = new PageCache({ ttlMs: opts.ttlSeconds * 1000 });

    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || !request.routeOptions.config.pageCache) return;
      const hit = cache.get(cacheKey(request));
      if (!hit) return;
      reply.header('x-cache', 'hit').headers(hit.headers).type(hit.contentType);
      return reply.send(hit.body);
    });

    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (request.method !== 'GET' || !request.routeOptions.config.pageCache || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' || reply.getHeader('x-cache') === 'hit') return payload;
      const headers: Record<string, string> = {};
      for (const name of KEPT) {
        const v = reply.getHeader(name);
        if (typeof v === 'string') headers[name] = v;
      }
      cache.set(cacheKey(request), { body: payload, contentType: String(reply.getHeader('content-type') ?? 'text/html'), headers });
      return payload;
    });
  },
  { name: 'page-cache' },
);
