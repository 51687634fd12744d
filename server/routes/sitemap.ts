// sitemap.xml (one URL per question set and per ministry, party and member page) and robots.txt.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { desc, eq, isNotNull } from 'drizzle-orm';
import { escapeHtml } from '../../views/html.ts';
import { questionAddressees, questionAskers, questionStatus, zaken } from '../db/schema/index.ts';

// The sitemap protocol allows 50,000 URLs per file.
const MAX_URLS = 50_000;

const sitemap: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/sitemap.xml', { config: { pageCache: true } }, async function sitemapXml(_request, reply) {
    const { db, config } = fastify;
    const base = config.PUBLIC_URL;
    const [questions, ministries, parties, members] = await Promise.all([
      db
        .select({ nummer: zaken.nummer, asOf: questionStatus.statusAsOf })
        .from(questionStatus)
        .innerJoin(zaken, eq(zaken.id, questionStatus.zaakId))
        .where(isNotNull(zaken.nummer))
        .orderBy(desc(questionStatus.submittedOn))
        .limit(MAX_URLS - 1000),
      db.selectDistinct({ v: questionAddressees.ministry }).from(questionAddressees).where(isNotNull(questionAddressees.ministry)),
      db.selectDistinct({ v: questionAskers.party }).from(questionAskers).where(isNotNull(questionAskers.party)),
      db.selectDistinct({ v: questionAskers.persoonId }).from(questionAskers).where(isNotNull(questionAskers.persoonId)),
    ]);
    const urls = [
      `${base}/`,
      `${base}/vragen`,
      `${base}/vragen/te-laat`,
      `${base}/verzoeken`,
      `${base}/ministeries`,
      `${base}/fracties`,
      `${base}/personen`,
      ...ministries.map((m) => `${base}/ministeries/${encodeURIComponent(m.v ?? '')}`),
      ...parties.map((p) => `${base}/fracties/${encodeURIComponent(p.v ?? '')}`),
      ...members.map((m) => `${base}/personen/${m.v}`),
    ].map((loc) => `<url><loc>${escapeHtml(loc)}</loc></url>`);
    for (const q of questions) {
      urls.push(`<url><loc>${escapeHtml(`${base}/vragen/${q.nummer}`)}</loc><lastmod>${q.asOf.toISOString()}</lastmod></url>`);
    }
    return reply
      .type('application/xml; charset=utf-8')
      .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
  });

  fastify.get('/robots.txt', async function robotsTxt(_request, reply) {
    return reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /abonnement/\nDisallow: /staff/\nSitemap: ${fastify.config.PUBLIC_URL}/sitemap.xml\n`);
  });
};

export default sitemap;
