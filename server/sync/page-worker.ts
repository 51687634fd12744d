// The page worker: a worker thread that decodes, parses and prepares feed pages while the main
// thread applies the previous page in its transaction. Parsing is most of a sync's CPU time,
// so on a two-core machine this lets parsing and the database run side by side. The main
// thread keeps the HTTP request, its timeouts and retries (server/sync/client.ts); only the
// body's bytes come here, and a small prepared page (JSON rows and ids) goes back.
import { parentPort } from 'node:worker_threads';
import { FeedPageParser, FeedParseError } from './parser.ts';
import { type PageSpec, preparePage } from './prepare-page.ts';
import type { WorkerReply, WorkerRequest } from './page-worker-pool.ts';

interface Job {
  spec: PageSpec;
  parser: FeedPageParser;
  decoder: TextDecoder;
  parserUnknown: Set<string>;
  failed: boolean;
}

const port = parentPort!;
const jobs = new Map<number, Job>();

function fail(id: number, err: unknown): void {
  const job = jobs.get(id);
  if (job) job.failed = true;
  let reply: WorkerReply;
  if (err instanceof FeedParseError) reply = { id, error: { kind: 'parse', message: err.message } };
  else if (err instanceof TypeError && /decode|encoded/i.test(err.message)) reply = { id, error: { kind: 'utf8', message: 'page is not valid UTF-8' } };
  else reply = { id, error: { kind: 'other', message: err instanceof Error ? err.message : String(err) } };
  port.postMessage(reply);
}

port.on('message', (msg: WorkerRequest) => {
  switch (msg.type) {
    case 'start': {
      const parserUnknown = new Set<string>();
      jobs.set(msg.id, {
        spec: msg.spec,
        parser: new FeedPageParser((what) => parserUnknown.add(what), { keepRaw: msg.spec.keepRaw ?? false }),
        decoder: new TextDecoder('utf-8', { fatal: true }),
        parserUnknown,
        failed: false,
      });
      return;
    }
    case 'chunk': {
      const job = jobs.get(msg.id);
      if (!job || job.failed) return;
      try {
        job.parser.write(job.decoder.decode(msg.chunk, { stream: true }));
      } catch (err) {
        fail(msg.id, err);
      }
      return;
    }
    case 'end': {
      const job = jobs.get(msg.id);
      jobs.delete(msg.id);
      if (!job || job.failed) return;
      try {
        job.parser.write(job.decoder.decode());
        const parsed = job.parser.end();
        const page = preparePage(job.spec, parsed.entries, parsed.feedStart);
        port.postMessage({ id: msg.id, page, parserUnknown: [...job.parserUnknown] } satisfies WorkerReply);
      } catch (err) {
        fail(msg.id, err);
      }
      return;
    }
    case 'abort':
      jobs.delete(msg.id);
      return;
  }
});

port.postMessage({ ready: true } satisfies WorkerReply);
