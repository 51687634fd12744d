// Builds the raw message (RFC 5322 headers, RFC 2045/2046 multipart/alternative with a text and
// an HTML part, both quoted-printable) that the transport hands to nodemailer as `raw`. Why not
// let nodemailer compose: its stream-per-part pipeline cost more CPU per mail than everything
// else in the sender together, and an alert run sends thousands of near-identical mails.
import { randomBytes, randomUUID } from 'node:crypto';

export interface MimeMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId?: string | undefined;
  headers?: Record<string, string> | undefined;
  date?: Date | undefined;
}

const HEX = '0123456789ABCDEF';
const MAX_LINE = 76;

const encodeChar = (ch: string) => {
  let out = '';
  for (const b of Buffer.from(ch, 'utf8')) out += `=${HEX[b >> 4]}${HEX[b & 15]}`;
  return out;
};

/** Quoted-printable (RFC 2045 §6.7): hard line breaks as CRLF, soft breaks keep lines ≤ 76. */
export function quotedPrintable(input: string): string {
  const out: string[] = [];
  for (const line of input.replace(/\r\n?/g, '\n').split('\n')) {
    // Printable ASCII but '=' stays literal; so do space and tab, except at the end of a line
    // where transports may strip them. Whole-line regex: this runs for every line of every mail.
    const encoded = line.replace(/[^\x21-\x3c\x3e-\x7e \t]|[ \t]$/gu, encodeChar);
    let rest = encoded;
    while (rest.length > MAX_LINE) {
      // Break before position 76 (room for the soft break '='), never inside an =XX escape.
      let cut = MAX_LINE - 1;
      const esc = rest.lastIndexOf('=', cut - 1);
      if (esc > cut - 3) cut = esc;
      out.push(`${rest.slice(0, cut)}=`);
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out.join('\r\n');
}

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** RFC 2047 encoded words (base64, UTF-8), split on character boundaries, one per folded line. */
function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of value) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > 39) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/**
 * One header line, folded at existing spaces so unfolding gives back the value exactly; a single
 * word longer than a line (a URL with a token) stays whole, well below the 998-octet limit.
 */
function header(name: string, value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (!isAscii(clean)) return `${name}: ${encodedWords(clean)}`;
  const lines: string[] = [];
  let cur = `${name}:`;
  for (const word of clean.split(' ')) {
    if (cur.length + 1 + word.length > 78 && cur.length > name.length + 1) {
      lines.push(cur);
      cur = '';
    }
    cur += ` ${word}`;
  }
  lines.push(cur);
  return lines.join('\r\n');
}

/** Splits "Name <addr>" into its parts; a bare address has no name. */
export function parseMailbox(mailbox: string): { name: string; address: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailbox);
  return m ? { name: m[1]!.replace(/^"|"$/g, ''), address: m[2]! } : { name: '', address: mailbox.trim() };
}

function mailboxHeader(name: string, mailbox: string): string {
  const { name: display, address } = parseMailbox(mailbox);
  if (!display) return `${name}: ${address}`;
  if (!isAscii(display)) return `${name}: ${encodedWords(display)} <${address}>`;
  const phrase = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/.test(display) ? display : `"${display.replace(/["\\]/g, '\\$&')}"`;
  return `${name}: ${phrase} <${address}>`;
}

/** RFC 5322 date-time in UTC. */
function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

export function composeMime(m: MimeMessage): string {
  const boundary = `=_kamerwacht_${randomBytes(12).toString('hex')}`;
  const domain = parseMailbox(m.from).address.split('@')[1] ?? 'localhost';
  const head = [
    mailboxHeader('From', m.from),
    mailboxHeader('To', m.to),
    header('Subject', m.subject),
    header('Message-ID', m.messageId ?? `<${randomUUID()}@${domain}>`),
    header('Date', rfc5322Date(m.date ?? new Date())),
    'MIME-Version: 1.0',
    ...Object.entries(m.headers ?? {}).map(([k, v]) => header(k, v)),
    header('Content-Type', `multipart/alternative; boundary="${boundary}"`),
  ];
  // Quoted-printable output never contains '=_' (an '=' is always followed by hex or a line
  // break), so the boundary cannot occur inside a part.
  return [
    ...head,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(m.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(m.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
