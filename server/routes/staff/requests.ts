// /staff/verzoeken: record a request, set its status, link it (via /staff/zoeken) and confirm or
// reject links, notes. Plain forms (POST + redirect); the search also answers htmx with a fragment.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestDetailPage, requestFormPage, requestListPage, searchPage, searchResults, suggestionsPage } from '../../../views/pages/staff/requests.ts';
import { wantsFragment } from '../../plugins/render.ts';
import { STAFF_STATUSES, type StaffStatus } from '../../requests/request-status.ts';
import { addNote, listNotes, MAX_NOTE_LENGTH } from '../../staff/notes.ts';
import {
  changeRequestStatus,
  createRequest,
  decideLink,
  getRequest,
  linkRequest,
  listStaffRequests,
  listSuggestions,
  NotFound,
  type RequestForm,
  searchTargets,
  validateRequestForm,
} from '../../staff/requests.ts';
import { actorOf, staffContext } from './guard.ts';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const LinkParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }), linkId: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
const UUID = Type.String({ pattern: '^[0-9a-fA-F-]{36}$' });

const EMPTY: RequestForm = { kind: 'briefing', requestedOn: '', committee: '', subject: '', sourceText: '', sourceUrl: '', persons: '', supporters: '', addressees: '', dueOn: '', dueText: '' };

const MESSAGES: Record<string, string> = {
  nieuw: 'Het verzoek is opgeslagen.',
  status: 'De status is opgeslagen.',
  gekoppeld: 'De koppeling is opgeslagen en bevestigd.',
  besluit: 'Uw besluit over de koppeling is opgeslagen.',
  notitie: 'De notitie is toegevoegd.',
};

export const requestRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, clock, config } = fastify;
  const csrf = { preValidation: fastify.csrfProtection };
  const options = { cutoffDays: config.ALERT_CUTOFF_DAYS };

  fastify.get('/staff/verzoeken', { schema: { querystring: Type.Object({ ok: Str(20) }) } }, async (request, reply) =>
    reply.page(requestListPage(staffContext(request, reply), await listStaffRequests(db), MESSAGES[request.query.ok ?? ''])),
  );

  fastify.get('/staff/suggesties', { schema: { querystring: Type.Object({ ok: Str(20) }) } }, async (request, reply) =>
    reply.page(suggestionsPage(staffContext(request, reply), await listSuggestions(db), MESSAGES[request.query.ok ?? ''])),
  );

  fastify.get('/staff/verzoeken/nieuw', async (request, reply) => reply.page(requestFormPage(staffContext(request, reply), EMPTY)));

  fastify.post(
    '/staff/verzoeken',
    {
      ...csrf,
      schema: {
        body: Type.Object({
          _csrf: Str(200),
          kind: Str(20),
          requestedOn: Str(20),
          committee: Str(200),
          subject: Str(500),
          sourceText: Str(10_000),
          sourceUrl: Str(500),
          persons: Str(2000),
          supporters: Str(500),
          addressees: Str(200),
          dueOn: Str(20),
          dueText: Str(300),
        }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const values: RequestForm = {
        kind: b.kind ?? '',
        requestedOn: b.requestedOn ?? '',
        committee: b.committee ?? '',
        subject: b.subject ?? '',
        sourceText: b.sourceText ?? '',
        sourceUrl: b.sourceUrl ?? '',
        persons: b.persons ?? '',
        supporters: b.supporters ?? '',
        addressees: b.addressees ?? '',
        dueOn: b.dueOn ?? '',
        dueText: b.dueText ?? '',
      };
      const v = validateRequestForm(values);
      if (!v.ok) return reply.page(requestFormPage(staffContext(request, reply), values, v.errors), 422);
      const id = await createRequest(db, actorOf(request), clock.now(), v.input, options);
      return reply.redirect(`/staff/verzoeken/${id}?ok=nieuw`, 303);
    },
  );

  fastify.get('/staff/verzoeken/:id', { schema: { params: Id, querystring: Type.Object({ ok: Str(20) }) } }, async (request, reply) => {
    const r = await getRequest(db, request.params.id);
    if (!r) { reply.callNotFound(); return reply; }
    return reply.page(requestDetailPage(staffContext(request, reply), r, await listNotes(db, 'request', String(r.id)), MESSAGES[request.query.ok ?? '']));
  });

  fastify.post(
    '/staff/verzoeken/:id/status',
    { ...csrf, schema: { params: Id, body: Type.Object({ _csrf: Str(200), status: Type.Union(STAFF_STATUSES.map((s) => Type.Literal(s))) }) } },
    async (request, reply) => {
      if (!(await getRequest(db, request.params.id))) { reply.callNotFound(); return reply; }
      await changeRequestStatus(db, actorOf(request), clock.now(), request.params.id, request.body.status as StaffStatus, options);
      return reply.redirect(`/staff/verzoeken/${request.params.id}?ok=status`, 303);
    },
  );

  fastify.post(
    '/staff/verzoeken/:id/koppelingen',
    { ...csrf, schema: { params: Id, body: Type.Object({ _csrf: Str(200), kind: Type.Union([Type.Literal('activiteit'), Type.Literal('document')]), target: UUID }) } },
    async (request, reply) => {
      try {
        await linkRequest(db, actorOf(request), clock.now(), request.params.id, request.body.kind, request.body.target.toLowerCase(), options);
      } catch (err) {
        if (err instanceof NotFound) { reply.callNotFound(); return reply; }
        throw err;
      }
      return reply.redirect(`/staff/verzoeken/${request.params.id}?ok=gekoppeld`, 303);
    },
  );

  fastify.post(
    '/staff/verzoeken/:id/koppelingen/:linkId',
    {
      ...csrf,
      schema: {
        params: LinkParams,
        body: Type.Object({ _csrf: Str(200), besluit: Type.Union([Type.Literal('bevestigen'), Type.Literal('afwijzen')]), terug: Type.Optional(Type.Literal('suggesties')) }),
      },
    },
    async (request, reply) => {
      try {
        await decideLink(db, actorOf(request), clock.now(), request.params.id, request.params.linkId, request.body.besluit === 'bevestigen' ? 'confirm' : 'reject', options);
      } catch (err) {
        if (err instanceof NotFound) { reply.callNotFound(); return reply; }
        throw err;
      }
      // From the queue, back to the queue: one click per decision.
      return reply.redirect(request.body.terug === 'suggesties' ? '/staff/suggesties?ok=besluit' : `/staff/verzoeken/${request.params.id}?ok=besluit`, 303);
    },
  );

  fastify.post(
    '/staff/verzoeken/:id/notities',
    { ...csrf, schema: { params: Id, body: Type.Object({ _csrf: Str(200), note: Str(MAX_NOTE_LENGTH) }) } },
    async (request, reply) => {
      const r = await getRequest(db, request.params.id);
      if (!r) { reply.callNotFound(); return reply; }
      const note = (request.body.note ?? '').trim();
      if (!note) {
        return reply.page(requestDetailPage(staffContext(request, reply), r, await listNotes(db, 'request', String(r.id)), undefined, { note: 'Schrijf eerst een notitie.' }), 422);
      }
      await addNote(db, actorOf(request), clock.now(), 'request', String(r.id), note);
      return reply.redirect(`/staff/verzoeken/${r.id}?ok=notitie`, 303);
    },
  );

  fastify.get(
    '/staff/zoeken',
    { schema: { querystring: Type.Object({ q: Str(200), verzoek: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })) }) } },
    async (request, reply) => {
      const q = request.query.q ?? '';
      const requestId = request.query.verzoek ?? null;
      const hits = await searchTargets(db, q);
      if (wantsFragment(request)) return reply.fragment(searchResults(hits, q, requestId, reply.csrfField()));
      return reply.page(searchPage(staffContext(request, reply), q, requestId, hits));
    },
  );
};
