// Recording a request, linking it to a technical briefing found by search (page and htmx
// fragment), confirming and rejecting links, status, notes, and the audit log of it all.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { requestLinks, requests, staffAudit } from '../../server/db/schema/index.ts';
import { insertActiviteit, insertDocument, insertZaak } from '../helpers/builders.ts';
import { buildStaffApp, formPage, post, sessionFor } from './helpers.ts';

t.test('record, search, link, decide, notes, audit', async (t) => {
  const s = await buildStaffApp(t);
  const db = s.database.db;
  const cookie0 = await sessionFor(s, 'griffie@example.nl');
  const briefingId = await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Technische briefing over het datalek bij Clinical Diagnostics', datum: '2025-09-10', voortouwafkorting: 'VWS', nummer: '2025A05555' });
  const zaakId = await insertZaak(db, { nummer: '2025Z20000', soort: 'Brief regering', onderwerp: 'Cyberveiligheid in de zorg' });
  const letterId = await insertDocument(db, { zaakId, soort: 'Brief regering', datum: '2025-10-01', onderwerp: 'Stand van zaken datalek laboratorium' });

  const seeded = (await db.select().from(requests)).length;
  const f = await formPage(s.app, '/staff/verzoeken/nieuw', cookie0);
  const cookie = f.cookie;
  t.match(f.page.body, /<label for="subject">/);
  const bad = await post(s.app, '/staff/verzoeken', cookie, f.token, { kind: 'briefing', requestedOn: '2025-08', subject: '', persons: '', addressees: '' });
  t.equal(bad.statusCode, 422);
  for (const field of ['requestedOn', 'subject', 'persons', 'addressees']) t.match(bad.body, new RegExp(`id="${field}-error"`), `error tied to ${field}`);
  t.equal((await db.select().from(requests)).length, seeded, 'nothing stored on a bad form');

  const ok = await post(s.app, '/staff/verzoeken', cookie, f.token, {
    kind: 'briefing',
    requestedOn: '2025-08-28',
    subject: 'Technische briefing datalek Clinical Diagnostics',
    persons: 'Daniëlle Jansen (NSC)\nA. Lid (GL-PvdA)',
    supporters: 'CDA, D66',
    addressees: 'vws, jenv',
    sourceText: 'Het lid Jansen (NSC) heeft verzocht om een technische briefing <script>alert(1)</script>',
  });
  t.equal(ok.statusCode, 303);
  const detailUrl = ok.headers.location!.split('?')[0]!;
  const mine = () => db.select().from(requests).where(eq(requests.id, Number(detailUrl.split('/').pop())));
  const [req] = await mine();
  t.equal(req?.status, 'open');
  t.equal(req?.requestedOn, '2025-08-28');
  const detail = await s.app.inject({ method: 'GET', url: ok.headers.location!, headers: { cookie } });
  t.match(detail.body, /Daniëlle Jansen \(NSC\)/);
  t.match(detail.body, /JenV, VWS|VWS, JenV/);
  t.match(detail.body, /CDA, D66/);
  t.match(detail.body, /&lt;script&gt;/, 'source text escaped');
  t.match(detail.body, /data-hx-get="\/staff\/zoeken"/);

  const page = await s.app.inject({ method: 'GET', url: `/staff/zoeken?q=clinical&verzoek=${req!.id}`, headers: { cookie } });
  t.match(page.body, /<html/, 'without JS: a whole page');
  t.match(page.body, /Technische briefing over het datalek/);
  const frag = await s.app.inject({ method: 'GET', url: `/staff/zoeken?q=Clinical&verzoek=${req!.id}`, headers: { cookie, 'hx-request': 'true' } });
  t.notMatch(frag.body, /<html/, 'htmx: a fragment');
  t.match(frag.body, new RegExp(`name="target" value="${briefingId}"`));
  t.match(frag.body, /name="_csrf"/, 'link forms in the fragment carry the CSRF token');
  const percent = await s.app.inject({ method: 'GET', url: `/staff/zoeken?q=${encodeURIComponent('%_')}`, headers: { cookie, 'hx-request': 'true' } });
  t.match(percent.body, /Niets gevonden/, 'LIKE wildcards are escaped');

  const noToken = await s.app.inject({ method: 'POST', url: `${detailUrl}/koppelingen`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `kind=activiteit&target=${briefingId}` });
  t.equal(noToken.statusCode, 403, 'linking needs the CSRF token');
  const link = await post(s.app, `${detailUrl}/koppelingen`, cookie, f.token, { kind: 'activiteit', target: briefingId });
  t.equal(link.statusCode, 303);
  const [afterLink] = await mine();
  t.equal(afterLink?.status, 'fulfilled', 'a briefing that has taken place fulfils the request');

  // A suggested link (as the suggester would make it) can be rejected, then confirmed.
  const [suggested] = await db
    .insert(requestLinks)
    .values({ requestId: req!.id, kind: 'document', target: letterId, title: 'Stand van zaken', date: '2025-10-01', state: 'suggested', createdAt: s.clock.now(), updatedAt: s.clock.now() })
    .returning();
  const reject = await post(s.app, `${detailUrl}/koppelingen/${suggested!.id}`, cookie, f.token, { besluit: 'afwijzen' });
  t.equal(reject.statusCode, 303);
  t.equal((await db.select().from(requestLinks).where(eq(requestLinks.id, suggested!.id)))[0]?.state, 'rejected');
  const wrongRequest = await post(s.app, `/staff/verzoeken/99999/koppelingen/${suggested!.id}`, cookie, f.token, { besluit: 'bevestigen' });
  t.equal(wrongRequest.statusCode, 404, 'a link is only decided through its own request');

  const status = await post(s.app, `${detailUrl}/status`, cookie, f.token, { status: 'declined' });
  t.equal(status.statusCode, 303);
  t.equal((await mine())[0]?.status, 'declined');
  const badStatus = await post(s.app, `${detailUrl}/status`, cookie, f.token, { status: 'klaar' });
  t.equal(badStatus.statusCode, 400);

  const emptyNote = await post(s.app, `${detailUrl}/notities`, cookie, f.token, { note: '  ' });
  t.equal(emptyNote.statusCode, 422);
  t.match(emptyNote.body, /id="note-error"/);
  const note = await post(s.app, `${detailUrl}/notities`, cookie, f.token, { note: 'Griffie belt VWS over de datum.' });
  t.equal(note.statusCode, 303);
  const withNote = await s.app.inject({ method: 'GET', url: detailUrl, headers: { cookie } });
  t.match(withNote.body, /Griffie belt VWS over de datum\./);
  t.match(withNote.body, /griffie@example\.nl/, 'note shows its author');
  const publicPage = await s.app.inject({ method: 'GET', url: '/verzoeken' });
  t.notMatch(publicPage.body, /Griffie belt VWS/, 'notes are not public');

  const audit = await db.select().from(staffAudit);
  const actions = audit.map((a) => a.action);
  for (const a of ['request.create', 'request_link.confirm', 'request_link.reject', 'request.status', 'note.create']) t.ok(actions.includes(a), `audited: ${a}`);
  const statusAudit = audit.find((a) => a.action === 'request.status');
  t.same([statusAudit?.before, statusAudit?.after], [{ status: 'fulfilled' }, { status: 'declined' }]);
  t.equal(statusAudit?.actorEmail, 'griffie@example.nl');

  const admin = await sessionFor(s, 'beheer@example.nl', 'admin');
  const auditPage = await s.app.inject({ method: 'GET', url: '/staff/audit', headers: { cookie: admin } });
  t.match(auditPage.body, /request_link\.confirm/);
});
