// npm run demo: serves the bundled sample SyncFeed (test/fixtures/demo-feed, DEMO DATA) on an
// ephemeral 127.0.0.1 port, syncs it with the real sync job into DATA_DIR (./data/demo unless
// set, so it never mixes with real data), then starts the site in demo mode with jobs off.
// The clock is fixed at the feed's demo date (unless NOW is set) so that the mix of open,
// overdue, delayed and late-answered question sets looks the same on every run.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { boot } from '../server/boot.ts';
import { startServer } from '../server/server.ts';
import { runLocked } from './job.ts';
import { syncJob } from './sync.ts';

const FEED_DIR = fileURLToPath(new URL('../test/fixtures/demo-feed/', import.meta.url));
const TK_BASE = 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0';
const BASE_PATH = '/SyncFeed/2.0';

function emptyFeed(category: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${category}</title><id>${TK_BASE}/Feed</id><updated>2026-01-01T00:00:00Z</updated></feed>\n`;
}

/** Serves `<Category>/start.xml` or `<Category>/<skiptoken>.xml`, with links pointing back at itself. */
export async function serveDemoFeed(dir = FEED_DIR): Promise<{ url: string; close(): Promise<void> }> {
  let base = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const category = url.searchParams.get('category') ?? '';
    const skiptoken = url.searchParams.get('skiptoken');
    if (req.method !== 'GET' || url.pathname !== `${BASE_PATH}/Feed` || !/^[A-Za-z]+$/.test(category) || (skiptoken !== null && !/^\d+$/.test(skiptoken))) {
      res.writeHead(404).end();
      return;
    }
    const file = path.join(dir, category, `${skiptoken ?? 'start'}.xml`);
    // A position past the newest entry is the head: an empty page.
    const body = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replaceAll(TK_BASE, base) : emptyFeed(category);
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH}`;
  return { url: base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(FEED_DIR, 'manifest.json'), 'utf8')) as { now: string };
  const feed = await serveDemoFeed();
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: process.env.DATA_DIR || './data/demo',
    TK_FEED_URL: feed.url,
    JOBS: 'off',
    NOW: process.env.NOW || manifest.now,
  };
  if (env.DATABASE_URL) {
    console.warn('npm run demo ignores DATABASE_URL so demo data never lands in a real database; using PGlite in DATA_DIR.');
    delete env.DATABASE_URL;
  }
  console.error(`Demo: sample feed (DEMO DATA) on ${feed.url}, syncing into ${path.resolve(env.DATA_DIR!)}`);

  const { config, clock, database } = await boot(env);
  const log = pino({ level: config.LOG_LEVEL }).child({ job: 'sync', demo: true });
  try {
    await runLocked(syncJob, { config, database, log }, { clock, interactive: process.stderr.isTTY === true });
  } finally {
    await database.close();
    await feed.close();
  }
  await startServer({ demo: true, env });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
