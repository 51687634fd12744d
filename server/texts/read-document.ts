// Reads one document's text: the official KOOP XML first; while KOOP has not published it (or
// its XML cannot be read), the Kamer's own file. Never throws for what a source sends: every
// outcome is an Attempt with its reason in words, which the job stores.
import type { DocumentTextState, TextSource } from '../db/schema/texts.ts';
import type { DueDocument } from './due-documents.ts';
import type { FetchOutcome, TextFetcher } from './fetch-client.ts';
import { parseKoopXml } from './koop-xml.ts';
import type { ParsedDocument } from './parsed.ts';
import { publicationId } from './publication-id.ts';
import { parseTkFile } from './tk-file.ts';

export interface Attempt {
  state: DocumentTextState;
  source: TextSource | null;
  content: ParsedDocument | null;
  publicationId: string | null;
  /** Why no (official) text was read; null when KOOP's text was. */
  reason: string | null;
}

export interface Sources {
  /** KOOP_URL */
  koopUrl: string;
  /** TK_FEED_URL */
  feedUrl: string;
}

export const koopXmlUrl = (koopUrl: string, id: string) => `${koopUrl}/${id}/${id}.xml`;
export const tkResourceUrl = (feedUrl: string, documentId: string) => `${feedUrl}/Resources/${documentId}`;

type Read = { ok: ParsedDocument } | { state: 'missing' | 'unreadable'; reason: string };

function notRead(outcome: Exclude<FetchOutcome, { kind: 'ok' }>): Read {
  return { state: 'missing', reason: outcome.kind === 'missing' ? outcome.reason : `niet opgehaald: ${outcome.reason}` };
}

function problem(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The file's extension: the DocumentVersie's, else the response's content type. */
function extensionOf(doc: DueDocument, contentType: string | null): string {
  if (doc.extensie) return doc.extensie.replace(/^\./, '').toLowerCase();
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (type === 'application/msword') return 'doc';
  if (type === 'application/rtf' || type === 'text/rtf') return 'rtf';
  return '';
}

async function readKoop(fetcher: TextFetcher, sources: Sources, doc: DueDocument, id: string): Promise<Read> {
  const got = await fetcher.get(koopXmlUrl(sources.koopUrl, id), 'application/xml, text/xml;q=0.9');
  if (got.kind !== 'ok') return notRead(got);
  try {
    const xml = new TextDecoder('utf-8', { fatal: true }).decode(got.bytes);
    return { ok: parseKoopXml(xml, doc.kind) };
  } catch (err) {
    return { state: 'unreadable', reason: `KOOP-XML onleesbaar: ${problem(err)}` };
  }
}

async function readTk(fetcher: TextFetcher, sources: Sources, doc: DueDocument): Promise<Read> {
  const got = await fetcher.get(tkResourceUrl(sources.feedUrl, doc.id), '*/*');
  if (got.kind !== 'ok') return notRead(got);
  try {
    return { ok: await parseTkFile(got.bytes, extensionOf(doc, got.contentType), doc.kind) };
  } catch (err) {
    return { state: 'unreadable', reason: `bestand van de Kamer onleesbaar: ${problem(err)}` };
  }
}

export async function readDocument(fetcher: TextFetcher, sources: Sources, doc: DueDocument): Promise<Attempt> {
  const id = publicationId({ ...doc, soort: doc.soort });
  let koopReason = 'geen KOOP-publicatie bekend';
  if (id) {
    const koop = await readKoop(fetcher, sources, doc, id);
    if ('ok' in koop) return { state: 'ok', source: 'koop', content: koop.ok, publicationId: id, reason: null };
    koopReason = `KOOP ${id}: ${koop.reason}`;
    const tk = await readTk(fetcher, sources, doc);
    if ('ok' in tk) return { state: 'ok', source: 'tk', content: tk.ok, publicationId: id, reason: koopReason };
    return { state: koop.state === 'unreadable' || tk.state === 'unreadable' ? 'unreadable' : 'missing', source: null, content: null, publicationId: id, reason: `${koopReason}; ${tk.reason}` };
  }
  const tk = await readTk(fetcher, sources, doc);
  if ('ok' in tk) return { state: 'ok', source: 'tk', content: tk.ok, publicationId: null, reason: koopReason };
  return { state: tk.state, source: null, content: null, publicationId: null, reason: `${koopReason}; ${tk.reason}` };
}
