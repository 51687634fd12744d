// A loopback stand-in for both text sources: KOOP's repository (`/officielepublicaties/<id>/<id>.xml`)
// and the Kamer's files (`/SyncFeed/2.0/Resources/<document id>`), on one 127.0.0.1 port. A test
// puts bodies in `koop` and `files`, and may script a response per request (a 503 with
// Retry-After, KOOP's fout404 redirect, a 404). It counts requests and the most in flight at once.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

type Scripted = { status: number; headers?: Record<string, string>; body?: string | Buffer };

interface SourceRequest {
  path: string;
  n: number;
}

export interface TextSources {
  /** KOOP_URL to configure. */
  koopUrl: string;
  /** TK_FEED_URL to configure. */
  feedUrl: string;
  /** Publication id → XML. */
  koop: Map<string, string | Buffer>;
  /** Document id → file bytes and content type. */
  files: Map<string, { bytes: Buffer; type: string }>;
  /** Publication ids KOOP answers with its fout404 redirect. */
  fout404: Set<string>;
  requests: SourceRequest[];
  maxInFlight: number;
  /** A response of the test's choice for a request, or undefined for the normal one. */
  script?: (req: SourceRequest) => Scripted | undefined;
  /** Delay before each response (so requests overlap and in-flight counting means something). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startTextSources(options: { delayMs?: number } = {}): Promise<TextSources> {
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const s: TextSources = {
    koopUrl: '',
    feedUrl: '',
    koop: new Map(),
    files: new Map(),
    fout404: new Set(),
    requests: [],
    maxInFlight: 0,
    delayMs: options.delayMs ?? 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const request = { path, n: s.requests.filter((r) => r.path === path).length + 1 };
    s.requests.push(request);
    inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, inFlight);
    const send = (status: number, headers: Record<string, string>, body?: string | Buffer) => {
      inFlight--;
      res.writeHead(status, headers).end(body);
    };
    const respond = () => {
      const scripted = s.script?.(request);
      if (scripted) return send(scripted.status, scripted.headers ?? {}, scripted.body);
      const koop = path.match(/^\/officielepublicaties\/([^/]+)\/([^/]+)\.xml$/);
      if (koop && koop[1] === koop[2]) {
        const id = decodeURIComponent(koop[1]!);
        if (s.fout404.has(id)) return send(302, { location: 'https://zoek.officielebekendmakingen.nl/fout404?id=' + id });
        const xml = s.koop.get(id);
        return xml === undefined ? send(404, {}) : send(200, { 'content-type': 'application/xml; charset=utf-8' }, xml);
      }
      const file = path.match(/^\/SyncFeed\/2\.0\/Resources\/([0-9a-f-]{36})$/);
      if (file) {
        const f = s.files.get(file[1]!);
        return f ? send(200, { 'content-type': f.type }, f.bytes) : send(404, {});
      }
      send(404, {});
    };
    if (s.delayMs > 0) setTimeout(respond, s.delayMs);
    else respond();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.koopUrl = `${base}/officielepublicaties`;
  s.feedUrl = `${base}/SyncFeed/2.0`;
  return s;
}
