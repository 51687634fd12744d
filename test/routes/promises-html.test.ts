// The ledger's pages are valid HTML per the W3C Nu Html Checker (npm vnu-jar): the list, a
// commitment, a committee request, a removed promise, the rappel, the ministry page with its
// promises section, the subscribe form with the promise choices, and the staff queue.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import vnuJar from 'vnu-jar';
import t from 'tap';
import { requests } from '../../server/db/schema/index.ts';
import { LEDGER_NOW, ledgerData, ledgerId } from '../helpers/promises.ts';
import { buildStaffApp, sessionFor } from '../staff/helpers.ts';

const run = promisify(execFile);

t.test('the ledger’s pages validate with the Nu Html Checker', async (t) => {
  const s = await buildStaffApp(t);
  const db = s.database.db;
  await ledgerData(db);
  await db.update(requests).set({ sourceRemovedAt: LEDGER_NOW }).where(eq(requests.sourceId, ledgerId(2)));
  const slugs = Object.fromEntries((await db.select({ sourceId: requests.sourceId, slug: requests.slug, id: requests.id }).from(requests)).map((r) => [r.sourceId ?? r.slug, r]));
  const cookie = await sessionFor(s, 'griffie@example.nl');
  const pages: [string, boolean][] = [
    ['/verzoeken', false],
    ['/verzoeken?bron=toezegging&status=overdue', false],
    [`/verzoeken/${slugs[ledgerId(1)]!.slug}`, false],
    [`/verzoeken/${slugs[ledgerId(2)]!.slug}`, false],
    [`/verzoeken/${slugs[ledgerId(3)]!.slug}`, false],
    [`/verzoeken/${slugs[ledgerId(11)]!.slug}`, false],
    ['/verzoeken/2025-08-nsc-technische-briefing-dataveiligheid-zorg', false],
    ['/ministeries/VWS/rappel', false],
    ['/ministeries/JenV/rappel', false],
    ['/ministeries/VWS', false],
    ['/abonneren?toezegging=toezegging-tz202509-001', false],
    ['/staff/suggesties', true],
    [`/staff/verzoeken/${slugs[ledgerId(11)]!.id}`, true],
    ['/staff/verzoeken/nieuw', true],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-vnu-promises-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const [i, [url, staff]] of pages.entries()) {
    const res = await s.app.inject({ method: 'GET', url, headers: staff ? { cookie } : {} });
    t.equal(res.statusCode, 200, url);
    const file = path.join(dir, `page-${i}.html`);
    fs.writeFileSync(file, res.body);
    files.push(file);
  }
  const control = path.join(dir, 'control.html');
  fs.writeFileSync(control, '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><ul><p>fout</p></ul></body></html>');
  files.push(control);
  const { stdout, stderr } = await run('java', ['-jar', vnuJar as unknown as string, '--errors-only', '--format', 'json', ...files]).catch((err: { stdout: string; stderr: string }) => err);
  const messages = (JSON.parse(stderr || stdout || '{"messages":[]}') as { messages: { url: string; message: string; extract?: string }[] }).messages;
  t.ok(messages.some((m) => m.url.endsWith('control.html')), 'the checker flags the broken control page');
  const report = messages.filter((m) => !m.url.endsWith('control.html')).map((m) => `${pages[files.findIndex((f) => m.url.endsWith(path.basename(f)))]?.[0]}: ${m.message} ${m.extract ?? ''}`);
  t.same(report, [], 'no HTML errors');
});
