// Bar charts rendered as SVG on the server: no script, no colour-only meaning (every bar carries
// its value as text), and always paired with a data table for screen readers.
import { html, type SafeHtml } from './html.ts';

export interface Bar {
  label: string;
  value: number;
  /** Shown above the bar; defaults to the value. */
  text?: string;
}

export function barChart(id: string, title: string, bars: Bar[], max?: number): SafeHtml {
  const width = 560;
  const height = 220;
  const pad = { top: 24, bottom: 36, left: 8, right: 8 };
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const slot = (width - pad.left - pad.right) / Math.max(bars.length, 1);
  const barWidth = Math.min(56, slot * 0.7);
  const plot = height - pad.top - pad.bottom;
  return html`<figure class="chart">
<svg id="${id}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title" focusable="false">
<title id="${id}-title">${title}</title>
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" class="chart__axis"/>
${bars.map((b, i) => {
  const h = Math.round((b.value / top) * plot);
  const x = Math.round(pad.left + i * slot + (slot - barWidth) / 2);
  const y = height - pad.bottom - h;
  return html`<g><rect x="${x}" y="${y}" width="${Math.round(barWidth)}" height="${h}" class="chart__bar"/>
<text x="${x + barWidth / 2}" y="${y - 6}" text-anchor="middle" class="chart__value">${b.text ?? String(b.value)}</text>
<text x="${x + barWidth / 2}" y="${height - pad.bottom + 18}" text-anchor="middle" class="chart__label">${b.label}</text></g>`;
})}
</svg>
<figcaption>${title}</figcaption>
</figure>`;
}
