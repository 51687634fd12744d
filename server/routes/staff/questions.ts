// /staff/vragen/<zaaknummer>: party corrections, answered-by-letter, notes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Errors } from '../../../views/pages/staff/common.ts';
import { staffQuestionPage } from '../../../views/pages/staff/question.ts';
import { filterOptions } from '../../question-list/filter-options.ts';
import { ZAAK_NUMMER_PATTERN } from '../../questions/question-view.ts';
import { isCalendarDate } from '../../calendar.ts';
import { questionStatus, zaken } from '../../db/schema/index.ts';
import { addNote, listNotes, MAX_NOTE_LENGTH } from '../../staff/notes.ts';
import { askersOf, correctParty, findSet, letterAnswerOf, markByLetter } from '../../staff/questions.ts';
import { actorOf, staffContext } from './guard.ts';
import { eq } from 'drizzle-orm';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Params = Type.Object({ nummer: Type.String({ pattern: ZAAK_NUMMER_PATTERN }) });
const MESSAGES: Record<string, string> = { partij: 'De partij is gecorrigeerd.', brief: 'De vragen zijn gemarkeerd als beantwoord.', notitie: 'De notitie is toegevoegd.' };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const questionRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, clock } = fastify;
  const csrf = { preValidation: fastify.csrfProtection };

  async function show(request: FastifyRequest, reply: FastifyReply, nummer: string, status = 200, message?: string, errors: Errors = {}, values: Record<string, string> = {}) {
    const set = await findSet(db, nummer);
    if (!set) {
      reply.callNotFound();
      return reply;
    }
    const [z] = await db.select({ titel: zaken.titel, onderwerp: zaken.onderwerp, status: questionStatus.status }).from(zaken).leftJoin(questionStatus, eq(questionStatus.zaakId, zaken.id)).where(eq(zaken.id, set.zaakId));
    const [askers, letter, notes, options] = await Promise.all([askersOf(db, set.zaakId), letterAnswerOf(db, set.zaakId), listNotes(db, 'question', set.zaakId), filterOptions(db)]);
    const q = { nummer, title: z?.onderwerp ?? z?.titel ?? '', status: z?.status ?? null, submittedOn: set.submittedOn, askers, letter, parties: options.parties };
    return reply.page(staffQuestionPage(staffContext(request, reply), q, notes, message, errors, values), status);
  }

  fastify.get('/staff/vragen/:nummer', { schema: { params: Params, querystring: Type.Object({ ok: Str(20) }) } }, async (request, reply) =>
    show(request, reply, request.params.nummer, 200, MESSAGES[request.query.ok ?? '']),
  );

  fastify.post(
    '/staff/vragen/:nummer/partij',
    { ...csrf, schema: { params: Params, body: Type.Object({ _csrf: Str(200), asker: Str(36), party: Str(60), reason: Str(500) }) } },
    async (request, reply) => {
      const { nummer } = request.params;
      const b = { asker: request.body.asker ?? '', party: request.body.party ?? '', reason: request.body.reason ?? '' };
      if (!(await findSet(db, nummer))) return show(request, reply, nummer);
      if (!UUID_RE.test(b.asker)) return show(request, reply, nummer, 422, undefined, { asker: 'Kies een vragensteller.' }, b);
      const result = await correctParty(db, actorOf(request), clock.now(), nummer, b.asker, b.party, b.reason);
      if (!result.ok) return show(request, reply, nummer, 422, undefined, { [result.field]: result.message }, b);
      return reply.redirect(`/staff/vragen/${nummer}?ok=partij`, 303);
    },
  );

  fastify.post(
    '/staff/vragen/:nummer/brief',
    { ...csrf, schema: { params: Params, body: Type.Object({ _csrf: Str(200), answeredOn: Str(20), documentId: Str(36), note: Str(500) }) } },
    async (request, reply) => {
      const { nummer } = request.params;
      const b = { answeredOn: request.body.answeredOn ?? '', documentId: (request.body.documentId ?? '').trim(), note: (request.body.note ?? '').trim() };
      if (!(await findSet(db, nummer))) return show(request, reply, nummer);
      const errors: Errors = {};
      if (!isCalendarDate(b.answeredOn)) errors.answeredOn = 'Vul de datum van de brief in.';
      if (b.documentId && !UUID_RE.test(b.documentId)) errors.documentId = 'Een document-ID ziet eruit als 8-4-4-4-12 hexadecimale tekens.';
      if (Object.keys(errors).length) return show(request, reply, nummer, 422, undefined, errors, b);
      await markByLetter(db, clock, actorOf(request), nummer, b.answeredOn, b.documentId || null, b.note, { cutoffDays: fastify.config.ALERT_CUTOFF_DAYS });
      return reply.redirect(`/staff/vragen/${nummer}?ok=brief`, 303);
    },
  );

  fastify.post(
    '/staff/vragen/:nummer/notities',
    { ...csrf, schema: { params: Params, body: Type.Object({ _csrf: Str(200), note: Str(MAX_NOTE_LENGTH) }) } },
    async (request, reply) => {
      const { nummer } = request.params;
      const set = await findSet(db, nummer);
      if (!set) return show(request, reply, nummer);
      const note = (request.body.note ?? '').trim();
      if (!note) return show(request, reply, nummer, 422, undefined, { note: 'Schrijf eerst een notitie.' });
      await addNote(db, actorOf(request), clock.now(), 'question', set.zaakId, note);
      return reply.redirect(`/staff/vragen/${nummer}?ok=notitie`, 303);
    },
  );
};
