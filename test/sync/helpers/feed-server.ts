// A loopback SyncFeed: serves per-category change logs as Atom pages on 127.0.0.1 with
// opaque, increasing skiptokens, and lets a test script faults per request (status codes,
// Retry-After, a stalled response, a truncated body, a connection reset, a body of its choice).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type EntitySpec, entryXml, feedXml, nextHref } from './feed-xml.ts';

type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'stall' }
  | { kind: 'truncate'; at: number }
  | { kind: 'body'; body: string };

interface FeedRequest {
  category: string;
  skiptoken: string | null;
  n: number;
  userAgent: string | undefined;
}

export interface FakeFeed {
  /** The TK_FEED_URL to configure. */
  url: string;
  logs: Map<string, EntitySpec[]>;
  pageSize: number;
  /** When true the newest entry also carries a `next` link (to an empty page). */
  headHasNext: boolean;
  requests: FeedRequest[];
  fault?: (req: FeedRequest) => Fault | undefined;
  /** Delay before each response, to let a test kill a client mid-run. */
  delayMs: number;
  /** Adds changes to a category's log. */
  push(category: string, ...entities: EntitySpec[]): void;
  close(): Promise<void>;
}

const TOKEN_BASE = 4_200_000;
const TOKEN_STEP = 17;
export const tokenAt = (index: number) => String(TOKEN_BASE + index * TOKEN_STEP);
const indexOf = (token: string | null) => (token === null ? 0 : Math.max(0, Math.round((Number(token) - TOKEN_BASE) / TOKEN_STEP)));

export async function startFakeFeed(options: { pageSize?: number; headHasNext?: boolean; delayMs?: number } = {}): Promise<FakeFeed> {
  const sockets = new Set<Socket>();
  const feed: FakeFeed = {
    url: '',
    logs: new Map(),
    pageSize: options.pageSize ?? 3,
    headHasNext: options.headHasNext ?? false,
    requests: [],
    delayMs: options.delayMs ?? 0,
    push(category, ...entities) {
      const log = feed.logs.get(category) ?? [];
      log.push(...entities);
      feed.logs.set(category, log);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const render = (category: string, skiptoken: string | null, selfHref: string) => {
    const log = feed.logs.get(category) ?? [];
    const start = indexOf(skiptoken);
    const entries: string[] = [];
    for (let i = start; i < Math.min(log.length, start + feed.pageSize); i++) {
      const isNewest = i === log.length - 1;
      const next = isNewest && !feed.headHasNext ? null : nextHref(feed.url, category, tokenAt(i + 1));
      entries.push(entryXml(category, log[i]!, { next }, feed.url));
    }
    return feedXml(category, entries, selfHref);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const category = url.searchParams.get('category') ?? '';
    const request: FeedRequest = {
      category,
      skiptoken: url.searchParams.get('skiptoken'),
      n: feed.requests.length + 1,
      userAgent: req.headers['user-agent'],
    };
    feed.requests.push(request);
    const respond = () => {
      const fault = feed.fault?.(request);
      if (fault && 'kind' in fault) {
        if (fault.kind === 'reset') return req.socket.destroy();
        if (fault.kind === 'stall') return; // never answers; the client's timeout must fire
      }
      if (fault && 'status' in fault) {
        res.writeHead(fault.status, { 'content-type': 'text/html', ...fault.headers });
        return res.end(fault.body ?? `<html><body>Fout ${fault.status}</body></html>`);
      }
      if (!url.pathname.endsWith('/Feed') || !category) {
        res.writeHead(404);
        return res.end();
      }
      const body = fault && 'kind' in fault && fault.kind === 'body' ? fault.body : render(category, request.skiptoken, url.toString());
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      if (fault && 'kind' in fault && fault.kind === 'truncate') {
        // Send part of the page, then drop the connection mid-body.
        res.write(body.slice(0, fault.at));
        setImmediate(() => req.socket.destroy());
        return;
      }
      res.end(body);
    };
    if (feed.delayMs > 0) setTimeout(respond, feed.delayMs);
    else respond();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/SyncFeed/2.0`;
  return feed;
}
