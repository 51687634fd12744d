// /demo (npm run demo only): the demo's timeline and the mails it wrote. Registered only when the
// app runs with a demo timeline (jobs/demo.ts); a real site has no such routes.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { simpleParser } from 'mailparser';
import { Type } from 'typebox';
import { notFoundPage } from '../../views/pages/error.ts';
import { type DemoMail, demoMailPage, demoPage } from '../../views/pages/demo.ts';
import type { DemoTimeline } from '../plugins/context.ts';

/** The file names the .eml transport writes (server/alerts/transport.ts); nothing else is read. */
const MAIL_FILE = /^[\w.@-]+\.eml$/;
const SHOWN = 50;

async function readMail(dir: string, file: string): Promise<{ mail: DemoMail; text: string }> {
  const parsed = await simpleParser(await fs.readFile(path.join(dir, file)), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  return { mail: { file, to: parsed.to ? [parsed.to].flat().map((a) => a.text).join(', ') : '', subject: parsed.subject ?? '(geen onderwerp)', date: parsed.date ?? null }, text: parsed.text ?? '' };
}

const demo: FastifyPluginAsyncTypebox<{ timeline: DemoTimeline }> = async (fastify, { timeline }) => {
  const { config, database } = fastify;
  const mailDir = path.join(config.dataDir, 'mail');

  fastify.get('/demo', async function demoOverview(_request, reply) {
    const files = (await fs.readdir(mailDir).catch(() => [] as string[])).filter((f) => MAIL_FILE.test(f));
    // The names start with the time they were written: newest first.
    const newest = files.sort().reverse().slice(0, SHOWN);
    const mails = await Promise.all(newest.map(async (f) => (await readMail(mailDir, f)).mail));
    return reply.header('cache-control', 'no-store').page(demoPage(timeline.now, timeline.next, mails, reply.csrfField()));
  });

  fastify.post('/demo/verder', { preValidation: fastify.csrfProtection }, async function moveOn(request, reply) {
    await timeline.advance({ config, database, log: request.log });
    return reply.redirect('/demo', 303);
  });

  fastify.get('/demo/mail/:file', { schema: { params: Type.Object({ file: Type.String({ maxLength: 200 }) }) } }, async function showMail(request, reply) {
    const { file } = request.params;
    if (!MAIL_FILE.test(file)) return reply.page(notFoundPage(), 404);
    const read = await readMail(mailDir, file).catch(() => null);
    if (!read) return reply.page(notFoundPage(), 404);
    return reply.header('cache-control', 'no-store').page(demoMailPage(read.mail, read.text));
  });
};

export default demo;
