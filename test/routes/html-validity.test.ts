// Every page type is valid HTML per the W3C Nu Html Checker (npm vnu-jar, on the machine's Java).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vnuJar from 'vnu-jar';
import t from 'tap';
import { runDeadlines } from '../../server/derivation/hourly.ts';
import { subscriptionLinks } from '../alerts/links.ts';
import { buildApp, demoPages, TEST_NOW } from '../helpers/app.ts';
import { insertActor, insertDocument, insertFractie, insertPersoon, insertQuestionSet, insertSeat } from '../helpers/builders.ts';

const run = promisify(execFile);

t.test('pages validate with the Nu Html Checker', async (t) => {
  const demo = demoPages(t.testdir());
  const { app, database } = await buildApp(t, demo);
  const db = database.db;
  const nsc = await insertFractie(db, { afkorting: 'NSC' });
  const member = await insertPersoon(db, { achternaam: 'Hertzberger', initialen: 'A.' });
  await insertSeat(db, { fractieId: nsc, persoonId: member, van: '2023-12-06' });
  const q = await insertQuestionSet(db, { nummer: '2025Z19002', submitted: '2025-08-06', onderwerp: 'Het datalek bij een laboratorium & "de" <gevolgen>' });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Indiener', naam: 'A. Hertzberger', persoonId: member });
  await insertActor(db, { zaakId: q.zaakId, relatie: 'Gericht aan', naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' });
  await insertDocument(db, { zaakId: q.zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-09-10' });
  await runDeadlines(db, TEST_NOW);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-vnu-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { confirmPath, managePath } = await subscriptionLinks(db, TEST_NOW, { zaakId: q.zaakId, nummer: '2025Z19002' });
  const urls = ['/', '/vragen', '/vragen?onderwerp=alle', '/vragen/2025Z19002', '/vragen/te-laat', '/ministeries', '/fracties', '/personen', '/personen?naam=hertz', '/verzoeken', '/ministeries/VWS', '/fracties/NSC', `/personen/${member}`, '/bestaat-niet', '/vragen?status=kapot', '/abonneren'];
  // The alert pages behind mail links: confirm, manage, unsubscribe (ask, then the result).
  const alertPages = [confirmPath, managePath, `${managePath}/afmelden`, `POST ${managePath}/afmelden`, `${managePath}/afmelden`];
  urls.push(...alertPages);
  // npm run demo's own pages (the banner is on every page above too).
  urls.push('/demo', `/demo/mail/${demo.mail}`);
  const files: string[] = [];
  for (const [i, entry] of urls.entries()) {
    const [method, url] = entry.startsWith('POST ') ? ['POST' as const, entry.slice(5)] : ['GET' as const, entry];
    const res = await app.inject({ method, url });
    if (alertPages.includes(entry)) t.equal(res.statusCode, 200, `${entry}: the page itself, not an invalid-link page`);
    const file = path.join(dir, `page-${i}.html`);
    fs.writeFileSync(file, res.body);
    files.push(file);
  }
  // A control that must fail, so the check cannot pass by checking nothing.
  const control = path.join(dir, 'control.html');
  fs.writeFileSync(control, '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><ul><p>fout</p></ul></body></html>');
  files.push(control);
  const { stdout, stderr } = await run('java', ['-jar', vnuJar as unknown as string, '--errors-only', '--format', 'json', ...files]).catch(
    (err: { stdout: string; stderr: string }) => err,
  );
  const messages = (JSON.parse(stderr || stdout || '{"messages":[]}') as { messages: { url: string; message: string; extract?: string }[] }).messages;
  t.ok(messages.some((m) => m.url.endsWith('control.html')), 'the checker flags the broken control page');
  const report = messages.filter((m) => !m.url.endsWith('control.html')).map((m) => `${urls[files.findIndex((f) => m.url.endsWith(path.basename(f)))]}: ${m.message} ${m.extract ?? ''}`);
  t.same(report, [], 'no HTML errors');
});
