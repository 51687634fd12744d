// /ministeries/<code>, /fracties/<afkorting>, /personen/<id>: statistics and question sets of one
// ministry, party (at the time of asking) or member.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFoundPage } from '../../views/pages/error.ts';
import { promiseFiguresPartial } from '../../views/pages/promise-figures.ts';
import { scopePage } from '../../views/pages/scope.ts';
import type { SafeHtml } from '../../views/html.ts';
import { promiseFigures } from '../promises/ledger.ts';
import { defaultTopicSlug } from '../question-list/filter-options.ts';
import { type ListFilters, toFilters } from '../question-list/filters.ts';
import { listQuestions } from '../question-list/list-questions.ts';
import { answerTimeDistribution, type Scope } from '../statistics/answer-times.ts';
import { canonicalMinistry, canonicalParty } from '../browse/indexes.ts';
import { scopeStatistics } from '../statistics/answer-quality.ts';
import { findMinistry, findPerson } from '../statistics/scopes.ts';
import type { Dimension } from '../statistics/timeliness.ts';

const PageQuery = Type.Object({ pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });

/** The query string of a request URL, with its `?`, or ''. */
const queryOf = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?')) : '');

const scopes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  async function scopeContent(
    page: number | undefined,
    scope: Scope,
    dimension: Dimension,
    key: string,
    text: { heading: string; intro: string; slug: string },
    after?: SafeHtml,
  ) {
    const defaultTopic = await defaultTopicSlug(db);
    const base = toFilters({ onderwerp: 'alle', pagina: page }, defaultTopic);
    const filters: ListFilters = {
      ...base,
      ministry: 'ministry' in scope ? scope.ministry : null,
      party: 'party' in scope ? scope.party : null,
      member: 'member' in scope ? scope.member : null,
    };
    const [stats, distribution, list] = await Promise.all([
      scopeStatistics(db, dimension, key),
      answerTimeDistribution(db, scope),
      listQuestions(db, filters),
    ]);
    return scopePage({ ...text, stats, distribution, list, filters, defaultTopic, ...(after ? { after } : {}) });
  }

  fastify.get(
    '/ministeries/:code',
    { schema: { params: Type.Object({ code: Type.String({ maxLength: 20 }) }), querystring: PageQuery }, config: { pageCache: true } },
    async function showMinistry(request, reply) {
      const code = canonicalMinistry(request.params.code);
      if (!code) return reply.page(notFoundPage(), 404);
      if (code !== request.params.code) return reply.redirect(`/ministeries/${encodeURIComponent(code)}${queryOf(request.url)}`, 301);
      const ministry = findMinistry(code);
      if (!ministry) return reply.page(notFoundPage(), 404);
      return reply.page(await scopeContent(request.query.pagina, { ministry: ministry.code }, 'ministry', ministry.code, {
        heading: `Ministerie van ${ministry.name} (${ministry.code})`,
        intro: `Schriftelijke vragen gericht aan bewindspersonen van ${ministry.name}, over alle kabinetten heen.`,
        slug: `ministerie-${ministry.code}`,
      }, promiseFiguresPartial(ministry.code, await promiseFigures(db, ministry.code))));
    },
  );

  fastify.get(
    '/fracties/:afkorting',
    { schema: { params: Type.Object({ afkorting: Type.String({ maxLength: 60 }) }), querystring: PageQuery }, config: { pageCache: true } },
    async function showParty(request, reply) {
      // Abbreviations in any case lead to the party's one URL (`/fracties/vvd` → `/fracties/VVD`).
      const afkorting = await canonicalParty(db, request.params.afkorting);
      if (!afkorting) return reply.page(notFoundPage(), 404);
      if (afkorting !== request.params.afkorting) return reply.redirect(`/fracties/${encodeURIComponent(afkorting)}${queryOf(request.url)}`, 301);
      return reply.page(await scopeContent(request.query.pagina, { party: afkorting }, 'party', afkorting, {
        heading: `Fractie ${afkorting}`,
        intro: `Schriftelijke vragen van Kamerleden die bij het indienen lid waren van ${afkorting}.`,
        slug: 'fractie',
      }));
    },
  );

  fastify.get(
    '/personen/:id',
    { schema: { params: Type.Object({ id: Type.String({ maxLength: 40 }) }), querystring: PageQuery }, config: { pageCache: true } },
    async function showPerson(request, reply) {
      const person = await findPerson(db, request.params.id);
      if (!person) return reply.page(notFoundPage(), 404);
      return reply.page(await scopeContent(request.query.pagina, { member: person.id }, 'member', person.id, {
        heading: person.name,
        intro: `Schriftelijke vragen die ${person.name} indiende of mede indiende${person.functie ? ` (${person.functie})` : ''}.`,
        slug: 'persoon',
      }));
    },
  );
};

export default scopes;
