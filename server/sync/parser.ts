// Streaming parser for one SyncFeed page: an Atom feed whose entries each hold one Tweede Kamer
// entity. Elements are recognised by namespace URI, never by prefix (upstream has used several
// prefixes for the same namespace). Chunks are fed as they arrive from the socket, so a page is
// parsed while it downloads and only its entries (a few hundred) are ever held.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { isCalendarDate, withAmsterdamOffset } from '../calendar.ts';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const TK_NS = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export interface FeedEntity {
  /** The element's local name, e.g. `zaak`, `fractieZetelPersoon`. */
  name: string;
  id: string;
  /** `tk:bijgewerkt` as an ISO-8601 string with an explicit offset (Amsterdam's when upstream gave none). */
  bijgewerkt: string;
  verwijderd: boolean;
  /** Scalar children and resource attributes (`contentType`, `contentLength`), trimmed; null when nil or empty. */
  fields: Map<string, string | null>;
  /** `ref` children by element name, in document order. */
  refs: Map<string, string[]>;
}

export interface FeedEntry {
  /** The `<updated>` of the entry (when the change became visible upstream). */
  updated: string | null;
  /** The `href` of this entry's `<link rel="next">`, exactly as given. */
  next: string | null;
  entity: FeedEntity;
  /**
   * Why the entry cannot be stored (no entity, no id, no valid bijgewerkt); its entity then holds
   * what could be read. Such an entry is set aside (quarantine.ts), not the page failed.
   */
  invalid?: string;
  /** The entry's XML as received, from `<entry` to `</entry>` (parsers made with `keepRaw`). */
  xml?: string;
}

export interface FeedPage {
  entries: FeedEntry[];
  /** Bytes received. */
  bytes: number;
  /** The feed element's start tag as received, with its namespace declarations (`keepRaw`). */
  feedStart?: string;
}

export interface ParserOptions {
  /**
   * Keep each entry's XML as received. Off on the hot path; the sync asks for it again only for
   * a page with entries to set aside.
   */
  keepRaw?: boolean;
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `tk:bijgewerkt` carries an offset since 2020; older entries are written without one
 * (`2019-07-03T15:32:12.6700000`) and mean Amsterdam wall time, as the feed's other timestamps
 * do (values.ts toInstant). The Amsterdam offset of that moment is appended, so PostgreSQL never
 * reads it in the session time zone and the digits stay as written. Offsets that are present
 * are kept as they are.
 */
export function normaliseBijgewerkt(raw: string): string | null {
  const value = raw.trim();
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDate(m[1]!)) return null;
  return OFFSET.test(value) ? value : withAmsterdamOffset(value);
}

type State = 'outside' | 'entry' | 'content' | 'entity' | 'field';

/**
 * A push parser for one page: `write()` chunks as they arrive, then `end()` returns the page.
 * Malformed XML throws FeedParseError from write() or end(); so does a page without `</feed>`
 * (a truncated transfer).
 */
export class FeedPageParser {
  private readonly sax = new SaxesParser({ xmlns: true, position: false });
  private readonly entries: FeedEntry[] = [];
  private state: State = 'outside';
  private sawFeed = false;
  private closedFeed = false;
  private depth = 0;
  private entityDepth = 0;
  private text = '';
  private capture: 'updated' | 'field' | null = null;
  private fieldName = '';
  private fieldNil = false;
  private updated: string | null = null;
  private next: string | null = null;
  private entity: FeedEntity | null = null;
  private invalid: string | undefined;
  private bytes = 0;
  /** With keepRaw: the text so far, the feed's start tag and where the open entry began. */
  private raw = '';
  private feedStart: string | undefined;
  private entryStart = 0;

  constructor(
    private readonly onUnknown: (what: string) => void = () => {},
    private readonly options: ParserOptions = {},
  ) {
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', (tag) => this.close(tag));
    this.sax.on('text', (t) => {
      if (this.capture) this.text += t;
    });
    this.sax.on('cdata', (t) => {
      if (this.capture) this.text += t;
    });
  }

  write(chunk: string): void {
    this.bytes += chunk.length;
    if (this.options.keepRaw) this.raw += chunk;
    try {
      this.sax.write(chunk);
    } catch (err) {
      throw new FeedParseError(`malformed XML: ${(err as Error).message}`);
    }
  }

  end(): FeedPage {
    try {
      this.sax.close();
    } catch (err) {
      throw new FeedParseError(`malformed XML: ${(err as Error).message}`);
    }
    if (!this.sawFeed) throw new FeedParseError('not an Atom feed (no <feed> element in the Atom namespace)');
    if (!this.closedFeed) throw new FeedParseError('truncated page (no </feed>)');
    return { entries: this.entries, bytes: this.bytes, ...(this.feedStart === undefined ? {} : { feedStart: this.feedStart }) };
  }

  /** Where the start tag just read began: in well-formed XML no attribute value holds a `<`. */
  private tagStart(): number {
    return this.raw.lastIndexOf('<', this.sax.position - 1);
  }

  private open(tag: SaxesTagNS): void {
    this.depth++;
    const { uri, local } = tag;
    switch (this.state) {
      case 'outside':
        if (this.depth === 1) {
          if (uri !== ATOM_NS || local !== 'feed') throw new FeedParseError(`unexpected root element {${uri}}${local}`);
          this.sawFeed = true;
          if (this.options.keepRaw) this.feedStart = this.raw.slice(this.tagStart(), this.sax.position);
        } else if (this.depth === 2 && uri === ATOM_NS && local === 'entry') {
          this.state = 'entry';
          this.updated = null;
          this.next = null;
          this.entity = null;
          this.invalid = undefined;
          if (this.options.keepRaw) this.entryStart = this.tagStart();
        }
        return;
      case 'entry':
        if (this.depth !== 3 || uri !== ATOM_NS) return;
        if (local === 'updated') {
          this.capture = 'updated';
          this.text = '';
        } else if (local === 'link' && attr(tag, 'rel') === 'next') {
          this.next = attr(tag, 'href') ?? null;
        } else if (local === 'content') {
          this.state = 'content';
        }
        return;
      case 'content':
        if (uri !== TK_NS) {
          this.onUnknown(`{${uri}}${local}`);
          return;
        }
        this.state = 'entity';
        this.entityDepth = this.depth;
        this.entity = this.startEntity(tag);
        return;
      case 'entity': {
        if (this.depth !== this.entityDepth + 1) return;
        const ref = attr(tag, 'ref');
        if (ref !== undefined) {
          const refs = this.entity!.refs;
          const list = refs.get(local);
          if (list) list.push(ref.trim());
          else refs.set(local, [ref.trim()]);
          return;
        }
        this.state = 'field';
        this.capture = 'field';
        this.fieldName = local;
        this.fieldNil = isNil(tag);
        this.text = '';
        return;
      }
      case 'field':
        // Nested markup inside a scalar (e.g. `annotatie`): its text is not ours.
        this.capture = null;
        return;
    }
  }

  private close(tag: SaxesTagNS): void {
    const depth = this.depth--;
    switch (this.state) {
      case 'outside':
        if (depth === 1 && tag.uri === ATOM_NS && tag.local === 'feed') this.closedFeed = true;
        return;
      case 'entry':
        if (depth === 3 && this.capture === 'updated') {
          this.updated = this.text.trim() || null;
          this.capture = null;
        } else if (depth === 2) {
          this.state = 'outside';
          const entry: FeedEntry = { updated: this.updated, next: this.next, entity: this.entity ?? placeholderEntity() };
          const invalid = this.entity ? this.invalid : 'entry without entity content';
          if (invalid) entry.invalid = invalid;
          if (this.options.keepRaw) entry.xml = this.raw.slice(this.entryStart, this.sax.position);
          this.entries.push(entry);
        }
        return;
      case 'content':
        if (depth === 3) this.state = 'entry';
        return;
      case 'entity':
        if (depth === this.entityDepth) this.state = 'content';
        return;
      case 'field':
        if (depth === this.entityDepth + 1) {
          const value = this.text.trim();
          this.entity!.fields.set(this.fieldName, this.fieldNil || value === '' ? null : value);
          this.capture = null;
          this.state = 'entity';
        }
        return;
    }
  }

  private startEntity(tag: SaxesTagNS): FeedEntity {
    // One pass over the attributes (this runs for every entity; the page parser is the hot path).
    let id: string | undefined;
    let rawBijgewerkt: string | undefined;
    let verwijderd = false;
    const fields = new Map<string, string | null>();
    const attrs = tag.attributes;
    for (const key in attrs) {
      const a = attrs[key]!;
      if (a.uri !== TK_NS && a.uri !== '') continue;
      switch (a.local) {
        case 'id':
          if (a.uri === '') id = a.value.trim();
          break;
        case 'bijgewerkt':
          rawBijgewerkt = a.value;
          break;
        case 'verwijderd':
          verwijderd = a.value.trim() === 'true';
          break;
        case 'contentType':
        case 'contentLength':
          fields.set(a.local, a.value.trim() || null);
          break;
      }
    }
    const bijgewerkt = rawBijgewerkt === undefined ? null : normaliseBijgewerkt(rawBijgewerkt);
    if (!id) this.invalid = `<${tag.local}> without id`;
    else if (!bijgewerkt) this.invalid = `<${tag.local} id="${id}"> without a valid bijgewerkt (${JSON.stringify(rawBijgewerkt ?? null)})`;
    return { name: tag.local, id: (id ?? '').toLowerCase(), bijgewerkt: bijgewerkt ?? '', verwijderd, fields, refs: new Map() };
  }
}

/** What an entry without entity content holds, so it can be set aside like any other. */
function placeholderEntity(): FeedEntity {
  return { name: '', id: '', bijgewerkt: '', verwijderd: false, fields: new Map(), refs: new Map() };
}

/** An attribute without namespace. */
function attr(tag: SaxesTagNS, local: string): string | undefined {
  return tag.attributes[local]?.value;
}

function isNil(tag: SaxesTagNS): boolean {
  const attrs = tag.attributes;
  for (const key in attrs) {
    const a = attrs[key]!;
    if (a.local === 'nil' && a.uri === XSI_NS) return a.value.trim() === 'true' || a.value.trim() === '1';
  }
  return false;
}

/** Parses a whole page held in a string (tests, fixtures, a quarantined entry's retry). */
export function parseFeedPage(xml: string, onUnknown?: (what: string) => void, options?: ParserOptions): FeedPage {
  const parser = new FeedPageParser(onUnknown, options);
  parser.write(xml);
  return parser.end();
}
