// A short-lived in-process cache of public GET responses (opt-in per route with
// `config: { pageCache: true }`). The mirrored data changes every few minutes at most, so
// serving a rendered list for PAGE_CACHE_SECONDS saves the database from repeating the same
// filtered counts under load. Per process and bounded, in entries and in bytes: a query string
// is part of the key, so without a byte bound a crawler varying it over large CSV or iCal
// exports could fill the process's memory. Web processes stay stateless.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { wantsFragment } from './render.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cache 200 responses of this GET route for PAGE_CACHE_SECONDS. */
    pageCache?: boolean;
  }
}

interface Entry {
  /** Encoded once when stored: a hit then writes bytes, with no UTF-8 encoding or length count. */
  body: Buffer;
  contentType: string;
  headers: Record<string, string>;
  storedAt: number;
  bytes: number;
}

export interface PageCacheOptions {
  ttlMs: number;
  maxEntries?: number;
  /** Bound on the bodies held, in bytes. */
  maxBytes?: number;
  /** Larger bodies are not cached at all (they would evict everything else). */
  maxEntryBytes?: number;
  /** Milliseconds now; injectable for tests. */
  now?: () => number;
}

/** A Map used as an LRU: re-inserting moves a key to the end, the first key is the oldest. */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private readonly now: () => number;
  private heldBytes = 0;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.maxEntryBytes = options.maxEntryBytes ?? Math.floor(this.maxBytes / 8);
    this.now = options.now ?? Date.now;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.options.ttlMs) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Omit<Entry, 'storedAt' | 'bytes'>): void {
    this.delete(key);
    const bytes = entry.body.length;
    if (bytes > this.maxEntryBytes) return;
    this.entries.set(key, { ...entry, storedAt: this.now(), bytes });
    this.heldBytes += bytes;
    while (this.entries.size > this.maxEntries || this.heldBytes > this.maxBytes) {
      this.delete(this.entries.keys().next().value as string);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bodies held, in bytes as counted against maxBytes. */
  get bytes(): number {
    return this.heldBytes;
  }
}

// Headers worth replaying; security headers are set again by helmet on every response.
const KEPT = ['content-disposition', 'vary', 'cache-control'];

function cacheKey(request: FastifyRequest): string {
  // htmx fragments and whole pages differ for the same URL; the routes' own test tells them apart.
  return `${wantsFragment(request) ? 'f' : 'p'} ${request.url}`;
}

export default fp<{ ttlSeconds: number }>(
  async (fastify, opts) => {
    if (opts.ttlSeconds <= 0) return;
    const cache = new PageCache({ ttlMs: opts.ttlSeconds * 1000 });
    // One render per key at a time: when an entry expires under load, every concurrent request
    // for it would otherwise miss and run the same queries at once (the page's p99). The first
    // renders; the others wait for it and are served its result (or render themselves when it
    // fails). Only that first request carries extra work: a global hook or a per-request
    // listener costs every cache hit, and showed as 40 MB more peak RSS in test/bench/site.ts.
    const rendering = new Map<string, { request: FastifyRequest; settled: Promise<void>; settle: () => void }>();
    const settleFor = (key: string, request: FastifyRequest) => {
      const first = rendering.get(key);
      if (first?.request !== request) return;
      rendering.delete(key);
      first.settle();
    };

    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || !request.routeOptions.config.pageCache) return;
      const key = cacheKey(request);
      let hit = cache.get(key);
      if (!hit) {
        const first = rendering.get(key);
        if (first) {
          await first.settled;
          hit = cache.get(key);
        } else {
          let settle!: () => void;
          const settled = new Promise<void>((resolve) => (settle = resolve));
          rendering.set(key, { request, settled, settle });
          // Whatever becomes of it (an error page, a dropped connection), release the waiters.
          reply.raw.once('close', () => settleFor(key, request));
        }
      }
      if (!hit) return;
      reply.header('x-cache', 'hit').headers(hit.headers).type(hit.contentType);
      return reply.send(hit.body);
    });

    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (request.method !== 'GET' || !request.routeOptions.config.pageCache || reply.getHeader('x-cache') === 'hit') return payload;
      const key = cacheKey(request);
      if (reply.statusCode === 200 && typeof payload === 'string') {
        const headers: Record<string, string> = {};
        for (const name of KEPT) {
          const v = reply.getHeader(name);
          if (typeof v === 'string') headers[name] = v;
        }
        cache.set(key, { body: Buffer.from(payload), contentType: String(reply.getHeader('content-type') ?? 'text/html'), headers });
      }
      settleFor(key, request);
      return payload;
    });
  },
  { name: 'page-cache' },
);
