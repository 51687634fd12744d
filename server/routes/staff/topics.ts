// /staff/onderwerpen: edit a topic's rules with a preview (GET, so it changes nothing; htmx gets
// the fragment), save (POST: bumps the version and re-matches every question set).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { previewFragment, topicEditPage, topicListPage } from '../../../views/pages/staff/topics.ts';
import { wantsFragment } from '../../plugins/render.ts';
import { getTopic, lines, listTopics, previewTopic, rulesProblem, saveTopic } from '../../staff/topics.ts';
import { actorOf, staffContext } from './guard.ts';
import { html } from '../../../views/html.ts';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const Rules = { terms: Str(50_000), excluded: Str(20_000) };

export const topicRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, clock } = fastify;

  fastify.get('/staff/onderwerpen', async (request, reply) => reply.page(topicListPage(staffContext(request, reply), await listTopics(db))));

  fastify.get('/staff/onderwerpen/:id', { schema: { params: Id, querystring: Type.Object({ ok: Str(5) }) } }, async (request, reply) => {
    const t = await getTopic(db, request.params.id);
    if (!t) {
      reply.callNotFound();
      return reply;
    }
    const message = request.query.ok ? `Opgeslagen als versie ${t.version}; alle vragen zijn opnieuw ingedeeld.` : undefined;
    return reply.page(topicEditPage(staffContext(request, reply), t, { terms: t.terms.join('\n'), excluded: t.excluded.join('\n') }, null, {}, message));
  });

  async function preview(request: FastifyRequest, reply: FastifyReply, id: number, values: { terms: string; excluded: string }) {
    const t = await getTopic(db, id);
    if (!t) {
      reply.callNotFound();
      return reply;
    }
    const problem = rulesProblem(lines(values.terms));
    if (wantsFragment(request)) {
      if (problem) return reply.fragment(html`<p role="alert"><strong>Fout:</strong> ${problem}</p>`);
      return reply.fragment(previewFragment(await previewTopic(db, t.id, lines(values.terms), lines(values.excluded))));
    }
    if (problem) return reply.page(topicEditPage(staffContext(request, reply), t, values, null, { terms: problem }), 422);
    return reply.page(topicEditPage(staffContext(request, reply), t, values, await previewTopic(db, t.id, lines(values.terms), lines(values.excluded))));
  }

  // htmx, as you type: a GET that changes nothing.
  fastify.get('/staff/onderwerpen/:id/voorbeeld', { schema: { params: Id, querystring: Type.Object(Rules) } }, async (request, reply) =>
    preview(request, reply, request.params.id, { terms: request.query.terms ?? '', excluded: request.query.excluded ?? '' }),
  );

  // Without JavaScript: the edit form posted to the preview button's formaction.
  fastify.post(
    '/staff/onderwerpen/:id/voorbeeld',
    { preValidation: fastify.csrfProtection, schema: { params: Id, body: Type.Object({ _csrf: Str(200), ...Rules }) } },
    async (request, reply) => preview(request, reply, request.params.id, { terms: request.body.terms ?? '', excluded: request.body.excluded ?? '' }),
  );

  fastify.post(
    '/staff/onderwerpen/:id',
    { preValidation: fastify.csrfProtection, schema: { params: Id, body: Type.Object({ _csrf: Str(200), ...Rules }) } },
    async (request, reply) => {
      const t = await getTopic(db, request.params.id);
      if (!t) {
        reply.callNotFound();
        return reply;
      }
      const values = { terms: request.body.terms ?? '', excluded: request.body.excluded ?? '' };
      const problem = rulesProblem(lines(values.terms));
      if (problem) return reply.page(topicEditPage(staffContext(request, reply), t, values, null, { terms: problem }), 422);
      await saveTopic(db, actorOf(request), clock.now(), t.id, lines(values.terms), lines(values.excluded));
      return reply.redirect(`/staff/onderwerpen/${t.id}?ok=1`, 303);
    },
  );
};
