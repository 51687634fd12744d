// The server as a user starts it: `node --import tsx server/server.ts` with env only.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import t from 'tap';
import { childEnv } from '../helpers/child-env.ts';
import { freePort, waitForHealth } from '../helpers/ports.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  // Without DATABASE_URL from the test environment: these runs are about the embedded default.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    env: childEnv({ LOG_LEVEL: 'warn', JOBS: 'off', ...env }, ['DATABASE_URL']),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

t.test('PORT=abc stops start-up naming PORT', async (t) => {
  const s = startServer({ PORT: 'abc', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kw-cfg-')) });
  const code = await s.exited;
  t.not(code, 0);
  t.match(s.output(), /Invalid configuration: PORT must be an integer from 1 to 65535 \(got "abc"\)/);
});

t.test('DATABASE_URL=mysql://x stops start-up naming DATABASE_URL', async (t) => {
  const s = startServer({ DATABASE_URL: 'mysql://x' });
  t.not(await s.exited, 0);
  t.match(s.output(), /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
});

t.test('starts on PGlite, serves /health and inbound SMTP, refuses a second process on the same DATA_DIR', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-srv-'));
  const port = await freePort();
  const smtpPort = await freePort();
  const first = startServer({ DATA_DIR: dataDir, PORT: String(port), INBOUND_SMTP_PORT: String(smtpPort), UNSUBSCRIBE_MAILTO: 'afmelden@kamerwacht.test' });
  t.teardown(async () => {
    first.child.kill('SIGTERM');
    await first.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const started = Date.now();
  // Generous: a fresh PGlite data directory runs initdb in WASM, slow on a busy 2-core CI machine.
  const health = await waitForHealth(port, 60_000);
  t.equal(health.status, 200);
  const body = (await health.json()) as { database: { ok: boolean; kind: string } };
  t.same(body.database, { ok: true, kind: 'pglite' });
  t.comment(`/health answered ${Date.now() - started} ms after spawn`);

  const home = await fetch(`http://127.0.0.1:${port}/`);
  t.match(await home.text(), /<html lang="nl">/);
  t.match(await (await fetch(`http://127.0.0.1:${port}/verzoeken`)).text(), /Kamerstuk 31765, nr\. 353/);

  // INBOUND_SMTP_PORT: the listener is up with the site, for the unsubscribe address only.
  const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, connectionTimeout: 5000 });
  const sent = await smtp.sendMail({ from: 'abonnee@example.nl', to: 'afmelden@kamerwacht.test', subject: 'afmelden onbekend', text: '' });
  t.match(String(sent.response), /^250 /, 'the unsubscribe address is accepted');
  const foreign = await smtp.sendMail({ from: 'abonnee@example.nl', to: 'iemand@kamerwacht.test', subject: 'x', text: '' }).catch((e: unknown) => e as { responseCode?: number });
  t.equal((foreign as { responseCode?: number }).responseCode, 550, 'any other address is refused');
  smtp.close();

  const second = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
  t.not(await second.exited, 0, 'second process exits non-zero');
  t.match(second.output(), new RegExp(`data directory ${dataDir} is in use by another Kamerwacht process \\(pid ${first.child.pid}\\)`));
  t.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 200, 'the first keeps serving');

  first.child.kill('SIGTERM');
  t.equal(await first.exited, 0, 'graceful shutdown on SIGTERM exits 0');
  t.notOk(fs.existsSync(path.join(dataDir, 'kamerwacht.lock')), 'lock released on shutdown');
});
