import t from 'tap';
import { escapeHtml, html, raw, SafeHtml } from '../../views/html.ts';
import { layout } from '../../views/layout.ts';
import { EMPTY_LEDGER_FILTERS, type PromiseRowView } from '../../server/promises/ledger.ts';
import { ledgerResults } from '../../views/pages/requests.ts';

const HOSTILE = `<script>alert("x")</script>' onmouseover="x" &amp;`;

t.test('interpolation escapes by default', async (t) => {
  t.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const out = html`<p title="${HOSTILE}">${HOSTILE}</p>`;
  t.ok(out instanceof SafeHtml);
  t.notMatch(out.value, /<script>/);
  t.notMatch(out.value, /" onmouseover/);
  t.match(out.value, /&lt;script&gt;/);
  t.equal(html`${null}${undefined}${false}${true}${0}`.value, '0');
  t.equal(html`${['<b>', html`<i>ok</i>`]}`.value, '&lt;b&gt;<i>ok</i>');
  t.equal(raw('<hr>').toString(), '<hr>', 'raw is the one escape hatch');
});

t.test('layout and pages escape every data field', async (t) => {
  const row: PromiseRowView = {
    id: 1,
    slug: HOSTILE,
    kind: 'briefing',
    source: 'staff',
    number: HOSTILE,
    subject: HOSTILE,
    description: HOSTILE,
    madeOn: '2025-08-01',
    madeOnPrecision: 'month',
    committee: HOSTILE,
    addressees: [HOSTILE],
    minister: HOSTILE,
    ministerFunction: HOSTILE,
    ministerPost: null,
    ministerPersoonId: null,
    dueOn: null,
    dueText: HOSTILE,
    dueSource: null,
    status: 'open',
    statusAsOf: null,
    decidedStatus: null,
    registerStatus: HOSTILE,
    daysOverdue: 0,
    fulfilledOn: null,
    fulfilmentNumber: HOSTILE,
    fulfilmentFound: false,
    zaakId: null,
    activiteitId: null,
    removed: false,
    persons: [{ name: HOSTILE, party: HOSTILE, persoonId: null }],
    requesterParties: [HOSTILE],
    supporterParties: [HOSTILE],
    links: [
      { id: 1, kind: 'activiteit', target: HOSTILE, title: HOSTILE, date: '2025-09-01', state: 'suggested', origin: null, reason: null, decidedBy: null, decidedAt: null, createdAt: new Date(), mirrored: false, nummer: null, activityStatus: null },
    ],
    details: {},
    sourceText: HOSTILE,
    sourceUrl: `javascript:${HOSTILE}`,
  };
  const body = ledgerResults({ rows: [row], total: 1, page: 1, pages: 1 }, EMPTY_LEDGER_FILTERS);
  const out = layout({ title: HOSTILE, body }, { path: HOSTILE, demo: true, freshness: { lastSuccessAt: null, stale: true } }).value;
  t.notMatch(out, /<script>alert/);
  t.notMatch(out, /" onmouseover/);
  t.notMatch(out, /href="javascript:/i, 'no script URLs');
  t.match(out, /Demo:/);
});
