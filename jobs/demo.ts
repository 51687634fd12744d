// npm run demo: serves the bundled sample SyncFeed (test/fixtures/demo-feed, DEMO DATA) on an
// ephemeral 127.0.0.1 port, syncs it with the real sync job into DATA_DIR (./data/demo unless
// set, so it never mixes with real data), then starts the site in demo mode with jobs off.
// The clock is fixed at the feed's demo date (unless NOW is set) so that the mix of open,
// overdue, delayed and late-answered question sets looks the same on every run. /demo moves it
// on to the feed's later moments (manifest.json), so alerts can be followed from subscription
// to mail without waiting for real days to pass. The same server plays KOOP's repository for the
// demo's authored texts (test/fixtures/demo-feed/koop/, DEMO DATA), which the texts job reads
// after each sync.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { boot } from '../server/boot.ts';
import { type Clock, fixedClock, type SettableClock, settableClock } from '../server/clock.ts';
import { LOG_SERIALIZERS } from '../server/log-redaction.ts';
import type { DemoTimeline } from '../server/plugins/context.ts';
import { startServer } from '../server/server.ts';
import { alertsJob } from './alerts.ts';
import { type JobDeps, runLocked } from './job.ts';
import { syncJob } from './sync.ts';
import { textsJob } from './texts.ts';

const FEED_DIR = fileURLToPath(new URL('../test/fixtures/demo-feed/', import.meta.url));
const TK_BASE = 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0';
const BASE_PATH = '/SyncFeed/2.0';

function emptyFeed(category: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${category}</title><id>${TK_BASE}/Feed</id><updated>2026-01-01T00:00:00Z</updated></feed>\n`;
}

interface Manifest {
  now: string;
  /** Pages served only from `at` on; before, their position is the (empty) head. */
  moments: { at: string; pages: Record<string, string[]> }[];
}

export function demoManifest(dir = FEED_DIR): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Serves `<Category>/start.xml` or `<Category>/<skiptoken>.xml`, with links pointing back at
 * itself, as the feed stood at `clock`'s time (the demo's date unless given).
 */
export async function serveDemoFeed(dir = FEED_DIR, clock?: Clock): Promise<{ url: string; koopUrl: string; close(): Promise<void> }> {
  const manifest = demoManifest(dir);
  const at = clock ?? fixedClock(new Date(manifest.now));
  const notYet = (category: string, page: string) =>
    manifest.moments.some((m) => new Date(m.at) > at.now() && (m.pages[category] ?? []).includes(page));
  let base = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const publication = url.pathname.match(/^\/officielepublicaties\/([A-Za-z0-9-]+)\/([A-Za-z0-9-]+)\.xml$/);
    if (req.method === 'GET' && publication && publication[1] === publication[2]) {
      const file = path.join(dir, 'koop', `${publication[1]}.xml`);
      if (fs.existsSync(file)) res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(fs.readFileSync(file));
      else res.writeHead(404).end();
      return;
    }
    const category = url.searchParams.get('category') ?? '';
    const skiptoken = url.searchParams.get('skiptoken');
    if (req.method !== 'GET' || url.pathname !== `${BASE_PATH}/Feed` || !/^[A-Za-z]+$/.test(category) || (skiptoken !== null && !/^\d+$/.test(skiptoken))) {
      res.writeHead(404).end();
      return;
    }
    const page = skiptoken ?? 'start';
    const file = path.join(dir, category, `${page}.xml`);
    // A position past the newest entry is the head: an empty page. So is a later moment's page
    // before the demo's clock has reached it.
    const body = fs.existsSync(file) && !notYet(category, page) ? fs.readFileSync(file, 'utf8').replaceAll(TK_BASE, base) : emptyFeed(category);
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `${origin}${BASE_PATH}`;
  return { url: base, koopUrl: `${origin}/officielepublicaties`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The demo's story after its start: each advance moves the clock to the feed's next moment and
 * runs the sync (with its derivation and deadlines evaluation), the texts job when the demo serves
 * texts (`texts`), and the alerts job, which writes the mails to DATA_DIR/mail/.
 */
export function demoTimeline(clock: SettableClock, moments: Date[], options: { texts?: boolean } = {}): DemoTimeline {
  return {
    get now() {
      return clock.now();
    },
    get next() {
      return moments.find((m) => m.getTime() > clock.now().getTime()) ?? null;
    },
    async advance(deps: JobDeps) {
      const next = this.next;
      if (!next) return;
      clock.set(next);
      for (const job of options.texts ? [syncJob, textsJob, alertsJob] : [syncJob, alertsJob]) await runLocked(job, deps, { clock, interactive: false });
    },
  };
}

async function main() {
  const manifest = demoManifest();
  const clock = settableClock(new Date(process.env.NOW || manifest.now));
  const feed = await serveDemoFeed(FEED_DIR, clock);
  const port = process.env.PORT || '3000';
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: process.env.DATA_DIR || './data/demo',
    TK_FEED_URL: feed.url,
    KOOP_URL: feed.koopUrl,
    JOBS: 'off',
    NOW: clock.now().toISOString(),
    // The links in the demo's mails lead back to this demo.
    PUBLIC_URL: process.env.PUBLIC_URL || `http://127.0.0.1:${port}`,
    // Moving the clock on (/demo) shows at once.
    PAGE_CACHE_SECONDS: process.env.PAGE_CACHE_SECONDS || '0',
  };
  if (env.DATABASE_URL) {
    console.warn('npm run demo ignores DATABASE_URL so demo data never lands in a real database; using PGlite in DATA_DIR.');
    delete env.DATABASE_URL;
  }
  console.error(`Demo: sample feed (DEMO DATA) on ${feed.url}, syncing into ${path.resolve(env.DATA_DIR!)}`);

  const { config, database } = await boot(env, clock);
  const root = pino({ level: config.LOG_LEVEL, serializers: LOG_SERIALIZERS });
  const log = root.child({ job: 'sync', demo: true });
  try {
    await runLocked(syncJob, { config, database, log }, { clock, interactive: process.stderr.isTTY === true });
    await runLocked(textsJob, { config, database, log: root.child({ job: 'texts', demo: true }) }, { clock, interactive: false });
  } catch (err) {
    await feed.close();
    throw err;
  } finally {
    await database.close();
  }
  // The feed stays up for the demo's lifetime: /demo syncs its later moments from it.
  await startServer({ demo: true, env, clock, demoTimeline: demoTimeline(clock, manifest.moments.map((m) => new Date(m.at)), { texts: true }) });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
