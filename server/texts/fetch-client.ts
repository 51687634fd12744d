// The texts job's HTTP client. It fetches only below the bases it is given (KOOP_URL and
// TK_FEED_URL's Resources), never more than a few requests at a time, with timeouts, and backs
// off on 429 and 503, honouring Retry-After for every request to that host (not only the one
// that got it). Redirects are not followed blindly: KOOP answers a missing publication with a
// redirect to a `fout404` page, which means "not (yet) published"; any other redirect is
// followed only when it stays below an allowed base.
import { Agent, errors } from 'undici';
import { parseRetryAfter } from '../sync/client.ts';

export type FetchOutcome =
  | { kind: 'ok'; url: string; bytes: Buffer; contentType: string | null }
  /** Not there (yet): a 404 or 410, or KOOP's fout404 redirect. */
  | { kind: 'missing'; url: string; reason: string }
  /** Nothing read this time (server errors, timeouts, a refused host, too large): try later. */
  | { kind: 'failed'; url: string; reason: string };

export interface TextFetcherOptions {
  /** Base URLs below which fetching is allowed (e.g. KOOP_URL, `${TK_FEED_URL}/Resources`). */
  allowedBases: string[];
  /** PUBLIC_URL, named in the User-Agent. */
  publicUrl: string;
  /** Requests in flight at once, over all hosts. */
  concurrency?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** A file larger than this is refused. */
  maxBytes?: number;
  /** Attempts per URL on 429, 503, other 5xx and network errors, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the host is left alone for the rest of the run. */
  maxRetryAfterMs?: number;
  /** Injected so tests never wait on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The wall clock, for Retry-After (never the job's --now). */
  now?: () => number;
}

const MAX_REDIRECTS = 3;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TextFetcher {
  private readonly agent: Agent;
  private readonly bases: URL[];
  private readonly userAgent: string;
  private readonly limit: number;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  /** Per origin: no request before this wall-clock time (a Retry-After applies to the host). */
  private readonly notBefore = new Map<string, number>();
  /** Origins that asked for a wait longer than maxRetryAfterMs: not asked again this run. */
  private readonly resting = new Map<string, string>();
  private readonly o: Required<Omit<TextFetcherOptions, 'allowedBases' | 'publicUrl'>>;
  /** Requests actually sent, per origin (for logs and tests). */
  readonly sent = new Map<string, number>();

  constructor(options: TextFetcherOptions) {
    this.o = {
      concurrency: options.concurrency ?? 4,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
      maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
      attempts: options.attempts ?? 4,
      baseDelayMs: options.baseDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 5 * 60_000,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    };
    this.bases = options.allowedBases.map((b) => new URL(b.endsWith('/') ? b : `${b}/`));
    this.userAgent = `Kamerwacht/0.1 (+${options.publicUrl})`;
    this.limit = Math.max(1, this.o.concurrency);
    this.agent = new Agent({
      connections: this.limit,
      connectTimeout: this.o.connectTimeoutMs,
      headersTimeout: this.o.headersTimeoutMs,
      bodyTimeout: this.o.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** Whether `url` lies below one of the allowed bases (same origin, path inside the base's). */
  allows(url: string): boolean {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    if (u.username || u.password) return false;
    return this.bases.some((b) => u.origin === b.origin && u.pathname.startsWith(b.pathname));
  }

  async get(url: string, accept: string, signal?: AbortSignal): Promise<FetchOutcome> {
    await this.acquire();
    try {
      let current = url;
      for (let hop = 0; ; hop++) {
        if (!this.allows(current)) return { kind: 'failed', url: current, reason: `refused: ${current} is outside the configured hosts` };
        const step = await this.withRetries(current, accept, signal);
        if (step.kind !== 'redirect') return step;
        // KOOP's way of saying "no such publication".
        if (/fout404/i.test(step.location)) return { kind: 'missing', url, reason: 'niet gepubliceerd (fout404)' };
        if (hop >= MAX_REDIRECTS) return { kind: 'failed', url, reason: 'too many redirects' };
        current = new URL(step.location, current).toString();
      }
    } finally {
      this.release();
    }
  }

  private async withRetries(url: string, accept: string, signal: AbortSignal | undefined): Promise<FetchOutcome | { kind: 'redirect'; location: string }> {
    const origin = new URL(url).origin;
    for (let attempt = 1; ; attempt++) {
      const rest = this.resting.get(origin);
      if (rest) return { kind: 'failed', url, reason: rest };
      const wait = (this.notBefore.get(origin) ?? 0) - this.o.now();
      if (wait > 0) await this.o.sleep(wait);
      const result = await this.once(url, accept, signal);
      if (result.kind !== 'retry') return result;
      if (signal?.aborted) return { kind: 'failed', url, reason: 'stopped' };
      if (result.retryAfterMs !== undefined && result.retryAfterMs > this.o.maxRetryAfterMs) {
        const reason = `${result.reason}; the host asks to wait ${Math.round(result.retryAfterMs / 1000)} s`;
        this.resting.set(origin, reason);
        return { kind: 'failed', url, reason };
      }
      if (attempt >= this.o.attempts) return { kind: 'failed', url, reason: result.reason };
      const delay =
        result.retryAfterMs ?? Math.round(this.o.random() * Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1)));
      if (result.retryAfterMs !== undefined) this.notBefore.set(origin, Math.max(this.notBefore.get(origin) ?? 0, this.o.now() + delay));
      else await this.o.sleep(delay);
    }
  }

  private async once(
    url: string,
    accept: string,
    signal: AbortSignal | undefined,
  ): Promise<FetchOutcome | { kind: 'redirect'; location: string } | { kind: 'retry'; reason: string; retryAfterMs?: number }> {
    const u = new URL(url);
    this.sent.set(u.origin, (this.sent.get(u.origin) ?? 0) + 1);
    let res;
    try {
      res = await this.agent.request({
        origin: u.origin,
        path: `${u.pathname}${u.search}`,
        method: 'GET',
        headers: { 'user-agent': this.userAgent, accept },
        signal,
      });
    } catch (err) {
      if (signal?.aborted) return { kind: 'failed', url, reason: 'stopped' };
      const timeout = err instanceof errors.ConnectTimeoutError || err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError;
      return { kind: 'retry', reason: timeout ? 'timeout' : `network: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    const status = res.statusCode;
    if (status === 200) {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > this.o.maxBytes) {
        res.body.destroy();
        return { kind: 'failed', url, reason: `file of ${declared} bytes is larger than ${this.o.maxBytes}` };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > this.o.maxBytes) {
            res.body.destroy();
            return { kind: 'failed', url, reason: `file larger than ${this.o.maxBytes} bytes` };
          }
          chunks.push(chunk as Buffer);
        }
      } catch (err) {
        if (signal?.aborted) return { kind: 'failed', url, reason: 'stopped' };
        return { kind: 'retry', reason: err instanceof errors.BodyTimeoutError ? 'timeout' : 'connection lost while reading' };
      }
      const type = res.headers['content-type'];
      return { kind: 'ok', url, bytes: Buffer.concat(chunks), contentType: (Array.isArray(type) ? type[0] : type) ?? null };
    }
    // The body of anything but a 200 is of no use; drain it so the connection is reused.
    await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
    if (status >= 300 && status < 400) {
      const location = res.headers.location;
      const loc = Array.isArray(location) ? location[0] : location;
      if (!loc) return { kind: 'failed', url, reason: `HTTP ${status} without Location` };
      return { kind: 'redirect', location: loc };
    }
    if (status === 404 || status === 410) return { kind: 'missing', url, reason: `niet gevonden (HTTP ${status})` };
    if (status === 429 || status === 503) {
      const header = res.headers['retry-after'];
      const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header, new Date(this.o.now()));
      return { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs };
    }
    if (status >= 500 || status === 408) return { kind: 'retry', reason: `HTTP ${status}` };
    return { kind: 'failed', url, reason: `HTTP ${status}` };
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
