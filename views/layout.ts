import { formatDateTime, formatNumber } from './format.ts';
import { html, jsonAttr, SafeHtml } from './html.ts';

/** How fresh the mirrored data is, shown on every page (server/README.md: staleness is visible). */
interface Freshness {
  lastSuccessAt: Date | null;
  stale: boolean;
  /** Per category, for the first sync's progress (server/sync/freshness.ts). */
  categories?: { category: string; entriesTotal: number; lastSuccessAt: Date | null; lastError: string | null }[];
}

export interface LayoutContext {
  path: string;
  freshness: Freshness;
  demo: boolean;
}

export interface PageContent {
  title: string;
  body: SafeHtml;
  description?: string;
  /** Absolute URL for rel=canonical and OpenGraph. */
  canonicalUrl?: string;
  /**
   * The page's CSRF token, for pages with forms: also sent by htmx as the `x-csrf-token` header
   * on every request from the page (`data-hx-headers` on <body>; server/README.md, "CSRF").
   */
  csrfToken?: string;
}

/** The hidden `_csrf` form field, carrying its token so the page can hand it to the layout. */
export class CsrfField extends SafeHtml {
  constructor(readonly token: string) {
    super(html`<input type="hidden" name="_csrf" value="${token}">`.value);
  }
}

const NAV = [
  { href: '/', label: 'Overzicht' },
  { href: '/vragen', label: 'Vragen' },
  { href: '/vragen/te-laat', label: 'Te laat' },
  { href: '/ministeries', label: 'Ministeries' },
  { href: '/fracties', label: 'Fracties' },
  { href: '/personen', label: 'Kamerleden' },
  { href: '/verzoeken', label: 'Verzoeken' },
  { href: '/abonneren', label: 'Abonneren' },
] as const;

// htmx is configured for a strict CSP: no eval, no inline indicator styles, no inline scripts.
const HTMX_CONFIG = jsonAttr({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
});

function freshnessLine(f: Freshness): SafeHtml {
  if (!f.lastSuccessAt) {
    return html`<p class="freshness freshness--stale" role="status">
      <span aria-hidden="true">⚠</span> Nog geen gegevens gesynchroniseerd met de Tweede Kamer.
    </p>`;
  }
  const when = html`<time datetime="${f.lastSuccessAt.toISOString()}">${formatDateTime(f.lastSuccessAt)}</time>`;
  return f.stale
    ? html`<p class="freshness freshness--stale" role="status">
        <span aria-hidden="true">⚠</span> Let op: de gegevens zijn mogelijk verouderd. Laatste geslaagde synchronisatie: ${when}.
      </p>`
    : html`<p class="freshness">Gegevens van de Tweede Kamer, bijgewerkt tot ${when}.</p>`;
}

/**
 * Until a first sync reached every category's head the lists are empty or partial: say so at the
 * top of every page, with how far the sync is, or why it cannot reach the Kamer. Not a live
 * region (role=status): it is there when the page loads, and a page's own status message ("opgeslagen")
 * stays the one that is announced.
 */
function firstSyncNotice(f: Freshness): SafeHtml | '' {
  if (f.lastSuccessAt) return '';
  const categories = f.categories ?? [];
  const failed = categories.find((c) => c.lastError && !c.lastSuccessAt);
  const progress = categories.filter((c) => c.entriesTotal > 0 || c.lastSuccessAt);
  return html`<section class="notice first-sync">
<p><strong>${failed ? 'De Tweede Kamer is niet bereikbaar' : 'De eerste synchronisatie met de Tweede Kamer loopt'}</strong></p>
${failed
  ? html`<p>De laatste poging gaf: <code>${failed.lastError}</code>. Kamerwacht probeert het elke paar minuten opnieuw. Zonder
verbinding kunt u Kamerwacht bekijken met voorbeeldgegevens: <code>npm run demo</code>.</p>`
  : html`<p>Tot die klaar is, zijn de lijsten en aantallen op deze site onvolledig of leeg.${categories.length === 0 ? ' Hij begint zo.' : ''}</p>`}
${progress.length > 0
  ? html`<p>Tot nu toe binnen:</p><ul>${progress.map((c) => html`<li>${c.category}: ${formatNumber(c.entriesTotal)} items${c.lastSuccessAt ? ' (bijgewerkt)' : ''}</li>`)}</ul>`
  : ''}
</section>`;
}

export function layout(page: PageContent, ctx: LayoutContext): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Kamerwacht</title>
<meta name="description" content="${page.description ?? 'Kamerwacht volgt Kamervragen, verzoeken en antwoorden over dataveiligheid in de zorg.'}">
${page.canonicalUrl ? html`<link rel="canonical" href="${page.canonicalUrl}">
<meta property="og:type" content="article">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description ?? ''}">
<meta property="og:url" content="${page.canonicalUrl}">
<meta property="og:site_name" content="Kamerwacht">` : ''}
<meta name="htmx-config" content="${HTMX_CONFIG}">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/site.css">
<script src="/static/vendor/htmx.min.js" defer></script>
</head>
<body${page.csrfToken ? html` data-hx-headers="${jsonAttr({ 'x-csrf-token': page.csrfToken })}"` : ''}>
<a class="skip-link" href="#inhoud">Direct naar de inhoud</a>
${ctx.demo ? html`<p class="demo-banner" role="note"><strong>Demo:</strong> deze gegevens zijn voorbeeldgegevens, geen echte Kamerstukken. <a href="/demo">E-mailberichten uitproberen</a></p>` : ''}
<header class="site-header">
  <a class="brand" href="/">Kamerwacht</a>
  <nav aria-label="Hoofdmenu">
    <ul>
      ${NAV.map(
        (item) =>
          html`<li><a href="${item.href}"${ctx.path === item.href ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
      )}
    </ul>
  </nav>
</header>
<main id="inhoud" tabindex="-1">
${firstSyncNotice(ctx.freshness)}
${page.body}
</main>
<footer class="site-footer">
  ${freshnessLine(ctx.freshness)}
  <p>Kamerwacht gebruikt open data van de Tweede Kamer der Staten-Generaal (CC0).</p>
</footer>
</body>
</html>`;
}
