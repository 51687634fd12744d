// The production build (`npm run build`, what `npm start` and the Docker image run): compiled
// into a temporary directory, it starts on a fresh embedded database, serves pages, the
// stylesheet and htmx, and the files the compiled modules read at run time are in place.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type * as EntitiesModule from '../../server/sync/entities.ts';
import type * as PoolModule from '../../server/sync/page-worker-pool.ts';
import { childEnv } from '../helpers/child-env.ts';
import { freePort, waitForHealth } from '../helpers/ports.ts';
import { entryXml, feedXml, TK_BASE } from '../sync/helpers/feed-xml.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-build-'));
const out = path.join(work, 'dist');
t.teardown(() => fs.rmSync(work, { recursive: true, force: true }));

t.test('npm run build compiles every module with its run-time files', async (t) => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'server/build.ts', out], { cwd: ROOT, env: childEnv(), encoding: 'utf8' });
  t.equal(built.status, 0, built.stderr);
  for (const file of ['server/server.js', 'server/app.js', 'server/routes/api/questions.js', 'jobs/scheduler.js', 'jobs/sync.js', 'jobs/cli.js', 'jobs/demo.js', 'seeds/party-corrections.js', 'views/layout.js']) {
    t.ok(fs.existsSync(path.join(out, file)), file);
  }
  t.ok(fs.existsSync(path.join(out, 'migrations/meta/_journal.json')), 'migrations');
  t.ok(fs.existsSync(path.join(out, 'views/assets/site.css')), 'stylesheet');
  t.ok(fs.existsSync(path.join(out, 'test/fixtures/demo-feed/manifest.json')), 'demo feed');
  t.notOk(fs.existsSync(path.join(out, 'server/build.js')), 'the build script itself is not part of the build');
  const app = fs.readFileSync(path.join(out, 'server/app.js'), 'utf8');
  t.notMatch(app, /from "\.[^"]*\.ts"/, 'relative imports point at .js files');
  t.match(app, /import\("\.\/routes\/staff\/index\.js"\)/, 'dynamic imports stay lazy imports of sibling modules');
});

// Packages resolve from the project's node_modules, as they would next to dist/.
fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');

t.test('the compiled sync page worker loads and parses a page', async (t) => {
  // A long sync in the server's cron parses in this worker; it is resolved by file extension,
  // so a build that missed it would only fail on the first big sync.
  const { PageWorkerPool } = (await import(path.join(out, 'server/sync/page-worker-pool.js'))) as typeof PoolModule;
  const { categoryMap, pageSpec } = (await import(path.join(out, 'server/sync/entities.js'))) as typeof EntitiesModule;
  const pool = new PageWorkerPool();
  t.teardown(() => pool.close());
  const id = '0a1b2c3d-0000-4000-8000-000000000001';
  const xml = feedXml(
    'Fractie',
    [entryXml('Fractie', { id, bijgewerkt: '2025-11-01T10:00:00+01:00', fields: { nummer: 1, afkorting: 'GL-PvdA', naamNL: 'GroenLinks-PvdA' } }, { next: null })],
    `${TK_BASE}/Feed?category=Fractie`,
  );
  const job = pool.open(pageSpec(categoryMap('Fractie')));
  job.write(new TextEncoder().encode(xml));
  const { page } = await job.end();
  t.same(page.ids, [id], 'the entry came back from the compiled worker');
});

t.test('the compiled server starts on a fresh data directory and serves', async (t) => {
  const dataDir = path.join(work, 'data');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(out, 'server/server.js')], {
    cwd: work,
    env: childEnv({ LOG_LEVEL: 'warn', JOBS: 'on', DATA_DIR: dataDir, PORT: String(port) }, ['DATABASE_URL']),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(async () => {
    child.kill('SIGTERM');
    await exited;
  });

  // Generous, as in server-process.test.ts: initdb of a fresh PGlite is slow on a busy machine.
  const health = await waitForHealth(port, 60_000);
  t.equal(health.status, 200, output);
  t.same(((await health.json()) as { database: unknown }).database, { ok: true, kind: 'pglite' }, 'migrated from the copied migrations');
  const base = `http://127.0.0.1:${port}`;
  t.match(await (await fetch(`${base}/verzoeken`)).text(), /Kamerstuk 31765, nr\. 353/, 'seeds ran');
  t.equal((await fetch(`${base}/api/v1/questions`)).status, 200, 'the JSON API');
  t.equal((await fetch(`${base}/staff/inloggen`)).status, 200, 'a lazily imported route plugin');
  const css = await fetch(`${base}/static/site.css`);
  t.equal(css.status, 200, 'stylesheet from the copied assets');
  t.equal((await fetch(`${base}/static/vendor/htmx.min.js`)).status, 200, 'htmx from the package');

  child.kill('SIGTERM');
  t.equal(await exited, 0, 'graceful shutdown on SIGTERM (with the scheduler running) exits 0');
  t.notMatch(output, /"level":50/, 'no errors logged');
});

t.test('npm run job runs the compiled build: --help, and a job on a fresh embedded database', async (t) => {
  // In the project, as a person or a cron job runs it: the build step rebuilds dist/ only when the
  // sources changed, then the job runs as plain JavaScript without the TypeScript loader.
  const help = spawnSync('npm', ['run', '--silent', 'job', '--', 'sync', '--help'], { cwd: ROOT, env: childEnv({}, ['DATABASE_URL']), encoding: 'utf8' });
  t.equal(help.status, 0, help.stderr);
  t.match(help.stdout, /^Usage: npm run job -- <name> \[--now <ISO-8601>\]\nJobs: sync, texts, deadlines, alerts\n$/, 'the usage, on stdout');
  t.ok(fs.existsSync(path.join(ROOT, 'dist/jobs/cli.js')), 'dist/ was built');
  t.ok(fs.existsSync(path.join(ROOT, 'dist/.build-stamp')), 'with the stamp of its inputs');

  const unknown = spawnSync('npm', ['run', '--silent', 'job', '--', 'nope'], { cwd: ROOT, env: childEnv({}, ['DATABASE_URL']), encoding: 'utf8' });
  t.equal(unknown.status, 2, 'an unknown job exits 2');
  t.match(unknown.stderr, /Unknown job "nope"\.\nUsage: npm run job/);

  const dataDir = path.join(work, 'job-data');
  const run = spawnSync('npm', ['run', '--silent', 'job', '--', 'deadlines', '--now', '2026-01-05T10:00:00+01:00'], {
    cwd: ROOT,
    env: childEnv({ LOG_LEVEL: 'info', DATA_DIR: dataDir }, ['DATABASE_URL']),
    encoding: 'utf8',
  });
  t.equal(run.status, 0, run.stderr);
  t.match(run.stdout, /"msg":"deadlines evaluated"/, 'the job ran on the migrated embedded database');
  t.match(run.stdout, /"now":"2026-01-05T09:00:00.000Z"/, '--now was honoured');
});
