// The main-thread side of the page worker (page-worker.ts): one worker thread, started on first
// use, fed the body chunks of a page and answering with the prepared page. A worker that dies
// fails the pages it held (the client retries them like any other failed page) and is replaced
// on the next page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FeedParseError } from './parser.ts';
import type { PageSpec, PreparedPage } from './prepare-page.ts';

export type WorkerRequest =
  | { type: 'start'; id: number; spec: PageSpec }
  | { type: 'chunk'; id: number; chunk: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number };

export type WorkerReply =
  | { ready: true }
  | { id: number; page: Omit<PreparedPage, 'bytes'>; parserUnknown: string[] }
  | { id: number; error: { kind: 'parse' | 'utf8' | 'other'; message: string } };

/** What a page worker reports: the prepared page and the unknown elements the parser met. */
export interface WorkerPage {
  page: Omit<PreparedPage, 'bytes'>;
  parserUnknown: string[];
}

/** Thrown for a page that is not valid UTF-8 (the client turns it into a retryable parse error). */
export class PageEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageEncodingError';
  }
}

/**
 * The worker entry next to this module, with this module's own extension: `.ts` under tsx
 * (tests, dev), `.js` in a compiled build.
 */
export function pageWorkerUrl(from: string = import.meta.url): URL {
  const ext = path.extname(fileURLToPath(from)) || '.js';
  return new URL(`./page-worker${ext}`, from);
}

/**
 * A worker thread does not inherit the parent's loader hooks, so under tsx (`.ts`) the worker
 * first registers tsx itself, then imports the entry; compiled `.js` is loaded directly.
 */
function spawnWorker(url: URL): Worker {
  // Parsing a page makes many short-lived objects. The young generation is bounded (peak RSS of a
  // sync is a target) but not small: at 12 MB the scavenges took a fifth of the sync's Node CPU
  // (test/bench/sync.ts prints both figures).
  const resourceLimits = { maxYoungGenerationSizeMb: 32 };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true, resourceLimits });
}

/** The worker failed or could not start: a fault of this installation, not of the feed. */
export class PageWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageWorkerError';
  }
}

interface Pending {
  resolve(result: WorkerPage): void;
  reject(err: Error): void;
  error?: Error;
}

/** One page being parsed in the worker. */
export interface WorkerPageJob {
  /** Hands over a body chunk; throws at once when the worker already found the page bad. */
  write(chunk: Uint8Array): void;
  end(): Promise<WorkerPage>;
  abort(): void;
}

export class PageWorkerPool {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The worker has loaded its modules (under tsx that takes a while) and answers at once. */
  ready = false;
  /** A worker died or could not start. */
  failed = false;

  /** Starts the worker ahead of its first page, so the caller can keep parsing itself until `ready`. */
  warmUp(): void {
    this.worker ??= this.start();
  }

  private start(): Worker {
    const worker = spawnWorker(pageWorkerUrl());
    // Idle, the worker must not keep the process alive; while it holds a page it must.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        if (this.worker === worker) this.ready = true;
        return;
      }
      const job = this.pending.get(reply.id);
      if (!job) return;
      if ('error' in reply) {
        const { kind, message } = reply.error;
        job.error = kind === 'parse' ? new FeedParseError(message) : kind === 'utf8' ? new PageEncodingError(message) : new PageWorkerError(message);
        this.settle(reply.id);
        job.reject(job.error);
      } else {
        this.settle(reply.id);
        job.resolve({ page: reply.page, parserUnknown: reply.parserUnknown });
      }
    });
    const onGone = (cause: Error) => {
      if (this.worker !== worker) return;
      this.ready = false;
      this.failed = true;
      const err = new PageWorkerError(`page worker failed: ${cause.message}`);
      this.worker = null;
      for (const [id, job] of [...this.pending]) {
        job.error = err;
        this.settle(id);
        job.reject(err);
      }
    };
    worker.on('error', onGone);
    worker.on('exit', (code) => onGone(new Error(`page worker exited with code ${code}`)));
    return worker;
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  open(spec: PageSpec): WorkerPageJob {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    let job!: Pending;
    const done = new Promise<WorkerPage>((resolve, reject) => (job = { resolve, reject }));
    done.catch(() => {}); // Observed through end(); an aborted page's failure is of no interest.
    this.pending.set(id, job);
    worker.ref();
    worker.postMessage({ type: 'start', id, spec } satisfies WorkerRequest);
    return {
      write: (chunk) => {
        if (job.error) throw job.error;
        // A copy of just this view (a socket chunk may share a larger buffer), moved, not cloned.
        const copy = new Uint8Array(chunk);
        worker.postMessage({ type: 'chunk', id, chunk: copy } satisfies WorkerRequest, [copy.buffer]);
      },
      end: () => {
        if (!job.error) worker.postMessage({ type: 'end', id } satisfies WorkerRequest);
        return done;
      },
      abort: () => {
        if (!this.pending.has(id)) return;
        worker.postMessage({ type: 'abort', id } satisfies WorkerRequest);
        job.error = new Error('page aborted');
        this.settle(id);
        job.reject(job.error);
      },
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    for (const [id, job] of [...this.pending]) {
      this.settle(id);
      job.reject(new Error('page worker closed'));
    }
    if (worker) await worker.terminate();
  }
}
