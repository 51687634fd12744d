// The view layer's one rule: everything interpolated into `html` is escaped unless it is
// already SafeHtml. The only way to make SafeHtml from a plain string is `raw()`, which is
// meant to be loud and greppable; use it for trusted constants only.

const brand: unique symbol = Symbol('SafeHtml');

export class SafeHtml {
  readonly [brand] = true;
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Values that may be interpolated: nested templates, lists of them, text, numbers, nothing. */
export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** RAW HTML: bypasses escaping. Only for trusted constants, never for data. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** Serialises a value for a JSON attribute (`data-hx-vals`, `content` of htmx-config). */
export function jsonAttr(value: unknown): string {
  return JSON.stringify(value);
}

/** An href that can only be http(s) or site-relative: `javascript:` and other schemes become '#'. */
export function safeUrl(url: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : '#';
  } catch {
    return '#';
  }
}
