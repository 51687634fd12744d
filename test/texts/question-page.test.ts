// The texts on the question page and in the API: every question with its answer beneath it, an
// anchor per question, the flags in words, the delay reason in the timeline, footnotes as safe
// links; "tekst nog niet beschikbaar" where a text could not be read; the API's pinned fields; and
// valid HTML per the Nu Html Checker.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import vnuJar from 'vnu-jar';
import { eq } from 'drizzle-orm';
import { questionTextSets } from '../../server/db/schema/index.ts';
import { buildApp } from '../helpers/app.ts';
import { startTextSources } from './helpers/koop-server.ts';
import { insertPageData } from './helpers/page-data.ts';

const run = promisify(execFile);

t.test('question page and API carry the texts', async (t) => {
  const { app, database } = await buildApp(t);
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  await insertPageData(database.db, sources);

  t.test('API: exactly the pinned text fields', async (t) => {
    const res = await app.inject('/api/v1/questions/2025Z10001');
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.equal(body.textSource, 'koop');
    t.match(body.delayReason, /\S/);
    t.ok(body.footnotes.length > 0);
    for (const f of body.footnotes) t.same(Object.keys(f).sort(), ['text', 'url']);
    t.equal(body.questions.length, 6);
    for (const q of body.questions) {
      t.same(Object.keys(q).sort(), ['answer', 'flags', 'number', 'text']);
      if (q.answer) t.same(Object.keys(q.answer).sort(), ['answeredWith', 'deferred', 'documentNumber', 'refersTo', 'text']);
    }
    t.same(body.questions[0], { number: '1', text: body.questions[0].text, answer: { text: 'Ja.', documentNumber: '2025D20003', answeredWith: [], refersTo: [], deferred: false }, flags: [] });
    t.match(body.questions[1], { number: '2', answer: { answeredWith: ['3'] }, flags: ['grouped'] });
    t.match(body.questions[3], { number: '4', answer: { refersTo: ['2'] }, flags: ['referred'] });
    t.match(body.questions[4], { number: '5', answer: { deferred: true }, flags: ['deferred'] });
    t.match(body.questions[5], { number: '6', answer: { documentNumber: '2025D20004' } });

    const empty = (await app.inject('/api/v1/questions/2025Z10002')).json();
    t.same([empty.questions, empty.delayReason, empty.footnotes, empty.textSource], [[], null, [], null], 'no texts: empty and null');

    const spec = (await app.inject('/api/openapi.json')).json();
    const schemas = JSON.stringify(spec);
    for (const field of ['answeredWith', 'refersTo', 'delayReason', 'textSource']) t.ok(schemas.includes(`"${field}"`), `OpenAPI describes ${field}`);
  });

  t.test('page: questions with answers, anchors, flags in words, delay reason, footnotes', async (t) => {
    const res = await app.inject('/vragen/2025Z10001');
    t.equal(res.statusCode, 200);
    const body = res.body;
    for (const n of [1, 2, 3, 4, 5, 6]) t.match(body, `id="vraag-${n}"`);
    t.match(body, /samen beantwoord met vraag <a href="#vraag-3">3<\/a>/);
    t.match(body, /verwijst naar het antwoord op vraag <a href="#vraag-2">2<\/a>/);
    t.match(body, /uitgesteld: <q>[^<]*voor de zomer[^<]*<\/q>/);
    // The answer sits beneath its question.
    const q1 = body.indexOf('id="vraag-1"');
    t.ok(q1 > 0 && body.indexOf('<p>Ja.</p>', q1) > q1 && body.indexOf('<p>Ja.</p>', q1) < body.indexOf('id="vraag-2"'));
    t.match(body, /<blockquote class="delay-reason">/, 'the delay reason in the timeline');
    t.match(body, /<a href="https:\/\/nos\.nl\/[^"]+" rel="noopener">/);
    t.notMatch(body, /nog niet officieel gepubliceerd/);
    t.notMatch(body, /tekst nog niet beschikbaar/);

    const missing = await app.inject('/vragen/2025Z10002');
    t.match(missing.body, /tekst nog niet beschikbaar/);
  });

  t.test('only http(s) footnote URLs become links; text is escaped', async (t) => {
    const [set] = await database.db.select().from(questionTextSets);
    await database.db
      .update(questionTextSets)
      .set({ footnotes: [{ text: 'Zie javascript:alert(1) <b>vet</b>', url: 'javascript:alert(1)' }, { text: 'Bron: https://example.org/a?b=1&c=2.', url: 'https://example.org/a?b=1&c=2' }] })
      .where(eq(questionTextSets.zaakId, set!.zaakId));
    const body = (await app.inject('/vragen/2025Z10001')).body;
    t.notMatch(body, /href="javascript:/);
    t.match(body, /Zie javascript:alert\(1\) &lt;b&gt;vet&lt;\/b&gt;/);
    t.match(body, /Bron: <a href="https:\/\/example\.org\/a\?b=1&amp;c=2" rel="noopener">https:\/\/example\.org\/a\?b=1&amp;c=2<\/a>\./, 'the URL in the text is the link');
  });

  t.test('valid HTML per the Nu Html Checker', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-vnu-texts-'));
    t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
    const files: string[] = [];
    for (const url of ['/vragen/2025Z10001', '/vragen/2025Z10002']) {
      const file = path.join(dir, `${url.replace(/\W+/g, '_')}.html`);
      fs.writeFileSync(file, (await app.inject(url)).body);
      files.push(file);
    }
    const control = path.join(dir, 'control.html');
    fs.writeFileSync(control, '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><ol><p>fout</p></ol></body></html>');
    const { stdout, stderr } = await run('java', ['-jar', vnuJar as unknown as string, '--errors-only', '--format', 'json', ...files, control]).catch(
      (err: { stdout: string; stderr: string }) => err,
    );
    const messages = (JSON.parse(stderr || stdout || '{"messages":[]}') as { messages: { url: string; message: string; extract?: string }[] }).messages;
    t.ok(messages.some((m) => m.url.endsWith('control.html')), 'the checker flags the broken control page');
    t.same(messages.filter((m) => !m.url.endsWith('control.html')).map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ''}`), []);
  });
});
