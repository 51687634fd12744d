// The SyncFeed client: one undici Pool bound to the configured feed origin (a Pool can only
// talk to its origin, so no other host is ever fetched), explicit timeouts, a User-Agent that
// says who we are, and a bounded retry loop with exponential back-off and full jitter. The loop
// is ours rather than undici's RetryHandler because that one caps Retry-After at its maximum
// delay, and because a page that arrived but does not parse must be retried as well.
import { errors, Pool } from 'undici';
import { PageEncodingError, PageWorkerError, PageWorkerPool } from './page-worker-pool.ts';
import { type FeedPage, FeedPageParser, FeedParseError } from './parser.ts';
import { type PageSpec, preparePage, type PreparedPage } from './prepare-page.ts';

export type FeedErrorKind = 'network' | 'timeout' | 'http' | 'rate-limited' | 'parse' | 'invalid-next' | 'too-large' | 'worker';

export class FeedError extends Error {
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export interface RetryPolicy {
  /** Attempts per page, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the run instead of waiting (the next run retries). */
  maxRetryAfterMs: number;
}

export interface FeedClientOptions {
  /** TK_FEED_URL, e.g. https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0 */
  feedUrl: string;
  /** PUBLIC_URL, named in the User-Agent so upstream can reach us. */
  publicUrl: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs?: number;
  /** A page larger than this is refused (a real page is a few hundred kB). */
  maxPageBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected so tests never wait on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Current time, for Retry-After given as an HTTP date. */
  now?: () => Date;
  onRetry?: (info: { category: string; skiptoken: string | null; attempt: number; delayMs: number; error: FeedError }) => void;
  /** Element names the parser does not know. */
  onUnknown?: (what: string) => void;
  /**
   * Where fetchPrepared parses and prepares pages. `auto` (default): on this thread until
   * AUTO_WORKER_AFTER_BYTES have come in, then in a worker thread once it has started (a short
   * run never pays for starting one, a long one parses beside the database); `always`: in the
   * worker from the first page; `never`: on this thread.
   */
  pageWorker?: 'auto' | 'always' | 'never';
}

/** About six full feed pages. */
const AUTO_WORKER_AFTER_BYTES = 2 * 1024 * 1024;

/** Consumes one response body: bytes in as they arrive, the parsed page out at the end. */
interface PageReader<T> {
  write(chunk: Buffer): void;
  end(): Promise<T>;
  abort(): void;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000, maxRetryAfterMs: 15 * 60_000 };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FeedClient {
  readonly origin: string;
  readonly basePath: string;
  private readonly pool: Pool;
  private readonly retry: RetryPolicy;
  private readonly userAgent: string;
  private readonly maxPageBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private workers: PageWorkerPool | undefined;
  private inlineBytes = 0;

  constructor(private readonly options: FeedClientOptions) {
    const base = new URL(options.feedUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connections: 2,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 30_000,
      keepAliveTimeout: 10_000,
    });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.userAgent = `Kamerwacht/0.1 (+${options.publicUrl})`;
    this.maxPageBytes = options.maxPageBytes ?? 32 * 1024 * 1024;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
  }

  /** The request path of a page: `…/Feed?category=X[&skiptoken=N]`. */
  pagePath(category: string, skiptoken: string | null): string {
    const params = new URLSearchParams({ category });
    if (skiptoken !== null) params.set('skiptoken', skiptoken);
    return `${this.basePath}/Feed?${params.toString()}`;
  }

  /**
   * The skiptoken of a `next` link. The link must point at our own feed origin and path, for the
   * same category; anything else stops the run (a changed format, or a link meant to make us
   * fetch another host).
   */
  skiptokenOf(category: string, href: string): string {
    let url: URL;
    try {
      url = new URL(href, `${this.origin}${this.basePath}/`);
    } catch {
      throw new FeedError('invalid-next', `invalid next link ${JSON.stringify(href)}`, false);
    }
    const token = url.searchParams.get('skiptoken');
    if (
      url.origin !== this.origin ||
      url.username !== '' ||
      url.password !== '' ||
      url.pathname !== `${this.basePath}/Feed` ||
      (url.searchParams.get('category') ?? '').toLowerCase() !== category.toLowerCase() ||
      !token
    ) {
      throw new FeedError('invalid-next', `next link outside the configured feed: ${JSON.stringify(href)}`, false);
    }
    return token;
  }

  /** One page, retried per the policy. Throws the last FeedError when attempts run out. */
  async fetchPage(category: string, skiptoken: string | null, signal?: AbortSignal): Promise<FeedPage> {
    return this.withRetries(category, skiptoken, signal, () => this.fetchOnce(category, skiptoken, signal, () => this.inlineReader()));
  }

  private async withRetries<T>(category: string, skiptoken: string | null, signal: AbortSignal | undefined, once: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once();
      } catch (err) {
        if (signal?.aborted) throw err;
        const error = asFeedError(err);
        if (!error.retryable || attempt >= this.retry.attempts) throw error;
        let delayMs: number;
        if (error.retryAfterMs !== undefined) {
          if (error.retryAfterMs > this.retry.maxRetryAfterMs) throw error;
          delayMs = error.retryAfterMs;
        } else {
          // Full jitter: uniform in [0, min(cap, base·2^(n-1))].
          delayMs = Math.round(this.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)));
        }
        this.options.onRetry?.({ category, skiptoken, attempt, delayMs, error });
        await abortable(this.sleep(delayMs), signal);
      }
    }
  }

  /**
   * One page, prepared for its transaction (prepare-page.ts), retried per the policy like
   * fetchPage. Where it is parsed: see the `pageWorker` option.
   */
  async fetchPrepared(spec: PageSpec, skiptoken: string | null, signal?: AbortSignal): Promise<PreparedPage> {
    return this.withRetries(spec.category, skiptoken, signal, () => this.fetchOnce(spec.category, skiptoken, signal, () => this.preparedReader(spec)));
  }

  private preparedReader(spec: PageSpec): PageReader<PreparedPage> {
    const mode = this.options.pageWorker ?? 'auto';
    if (mode === 'always' && this.workers?.failed) this.workers = undefined; // a new worker for the retry
    if (mode === 'always') this.workers ??= new PageWorkerPool();
    const pool = this.workers;
    if (pool && !pool.failed && (pool.ready || mode === 'always')) {
      const job = pool.open(spec);
      return {
        write: (chunk) => job.write(chunk),
        abort: () => job.abort(),
        end: async () => {
          const { page, parserUnknown } = await job.end();
          for (const what of parserUnknown) this.options.onUnknown?.(what);
          return { ...page, bytes: 0 };
        },
      };
    }
    const inline = this.inlineReader(spec.keepRaw);
    return {
      write: (chunk) => {
        this.inlineBytes += chunk.length;
        inline.write(chunk);
      },
      abort: inline.abort,
      end: async () => {
        const parsed = await inline.end();
        const page = { ...preparePage(spec, parsed.entries, parsed.feedStart), bytes: 0 };
        if (mode === 'auto' && !this.workers && this.inlineBytes >= AUTO_WORKER_AFTER_BYTES) (this.workers = new PageWorkerPool()).warmUp();
        return page;
      },
    };
  }

  private inlineReader(keepRaw = false): PageReader<FeedPage> {
    const parser = new FeedPageParser(this.options.onUnknown, { keepRaw });
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return {
      write: (chunk) => parser.write(decoder.decode(chunk, { stream: true })),
      end: async () => {
        parser.write(decoder.decode());
        return parser.end();
      },
      abort: () => {},
    };
  }

  private async fetchOnce<T extends { bytes: number }>(category: string, skiptoken: string | null, signal: AbortSignal | undefined, makeReader: () => PageReader<T>): Promise<T> {
    const res = await this.pool.request({
      method: 'GET',
      path: this.pagePath(category, skiptoken),
      headers: { 'user-agent': this.userAgent, accept: 'application/atom+xml, application/xml;q=0.9' },
      signal,
    });
    if (res.statusCode !== 200) {
      // Drain so the connection can be reused; the body of an error page is of no use.
      await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
      throw statusError(res.statusCode, res.headers['retry-after'], this.now());
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxPageBytes) {
      res.body.destroy();
      throw new FeedError('too-large', `page of ${declared} bytes exceeds the limit`, false);
    }
    const reader = makeReader();
    let bytes = 0;
    try {
      for await (const chunk of res.body) {
        bytes += (chunk as Buffer).length;
        if (bytes > this.maxPageBytes) throw new FeedError('too-large', `page exceeds ${this.maxPageBytes} bytes`, false);
        reader.write(chunk as Buffer);
      }
      const page = await reader.end();
      return { ...page, bytes };
    } catch (err) {
      reader.abort();
      res.body.destroy();
      if ((err instanceof TypeError && /decode|encoded/i.test(err.message)) || err instanceof PageEncodingError) {
        throw new FeedError('parse', 'page is not valid UTF-8', true);
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.workers?.close()]);
  }
}

/** Waits for `p`, or rejects as soon as `signal` aborts (a back-off must not delay a stop). */
function abortable(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      reject,
    );
  });
}

function statusError(status: number, retryAfter: string | string[] | undefined, now: Date): FeedError {
  if (status === 429 || status === 503) {
    const ms = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now);
    if (status === 429) return new FeedError('rate-limited', `HTTP 429${ms === undefined ? '' : ` (Retry-After ${Math.round(ms / 1000)} s)`}`, true, ms ?? undefined, status);
    return new FeedError('http', `HTTP 503`, true, ms ?? undefined, status);
  }
  if (status >= 500 || status === 408) return new FeedError('http', `HTTP ${status}`, true, undefined, status);
  // A feed that does not know the page at all: most likely a TK_FEED_URL that is not the feed's base.
  if (status === 404) return new FeedError('http', 'HTTP 404: no such feed page; is TK_FEED_URL the SyncFeed base (…/SyncFeed/2.0)?', false, undefined, status);
  // Other 4xx: the request itself is wrong (an API change); retrying would only hammer upstream.
  return new FeedError('http', `HTTP ${status}`, false, undefined, status);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

function asFeedError(err: unknown): FeedError {
  if (err instanceof FeedError) return err;
  if (err instanceof FeedParseError) return new FeedError('parse', err.message, true);
  // Our own parsing thread failed: the retry parses on this thread (`auto`) or in a new worker.
  if (err instanceof PageWorkerError) return new FeedError('worker', err.message, true);
  if (err instanceof errors.ConnectTimeoutError || err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
    return new FeedError('timeout', (err as Error).message, true);
  }
  const message = err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}` : String(err);
  // Resets, refused connections, sockets closed mid-body: all worth another try.
  return new FeedError('network', message, true);
}
