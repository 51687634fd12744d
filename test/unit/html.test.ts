import t from 'tap';
import { escapeHtml, html, raw, SafeHtml } from '../../views/html.ts';
import { layout } from '../../views/layout.ts';
import { requestsPage } from '../../views/pages/requests.ts';

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
  const page = requestsPage([
    {
      id: 1,
      slug: HOSTILE,
      kind: 'briefing',
      requestedOn: '2025-08-01',
      requestedOnPrecision: 'month',
      committee: HOSTILE,
      subject: HOSTILE,
      description: HOSTILE,
      sourceText: HOSTILE,
      sourceUrl: `javascript:${HOSTILE}`,
      status: 'requested',
      persons: [{ name: HOSTILE, party: HOSTILE }],
      requesterParties: [HOSTILE],
      supporterParties: [HOSTILE],
      addressees: [HOSTILE],
      links: [{ kind: 'activiteit', target: HOSTILE, title: HOSTILE, date: '2025-09-01', state: 'suggested' }],
    },
  ]);
  const out = layout({ ...page, title: HOSTILE }, { path: HOSTILE, demo: true, freshness: { lastSuccessAt: null, stale: true } }).value;
  t.notMatch(out, /<script>alert/);
  t.notMatch(out, /" onmouseover/);
  t.notMatch(out, /href="javascript:/i, 'no script URLs');
  t.match(out, /Demo:/);
});
