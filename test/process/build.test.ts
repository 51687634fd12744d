// The production build (`npm run build`, what `npm start` and the Docker image run): compiled
// into a temporary directory, it starts on a fresh embedded database, serves pages, the
// stylesheet and htmx, and the files the compiled modules read at run time are in place.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { childEnv } from '../helpers/child-env.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Polls until the server answers (bounded; the server's own start-up is what we wait for). */
async function waitForHealth(port: number, limitMs: number): Promise<Response> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/health`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

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

t.test('the compiled server starts on a fresh data directory and serves', async (t) => {
  // Packages resolve from the project's node_modules, as they would next to dist/.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
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
