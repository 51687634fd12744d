// The raw message the transport hands to nodemailer: quoted-printable that decodes back to the
// input, RFC 2047 subjects, folded headers that unfold to the original value.
import t from 'tap';
import { composeMime, parseMailbox, quotedPrintable } from '../../server/alerts/mime.ts';
import { header } from './smtp.ts';

/** A strict decoder (RFC 2045 6.7), independent of the encoder under test. */
function decodeQuotedPrintable(qp: string): string {
  const bytes: number[] = [];
  const lines = qp.split('\r\n');
  lines.forEach((line, i) => {
    t.ok(line.length <= 76, `line ${i} at most 76 characters`);
    const soft = line.endsWith('=');
    const body = soft ? line.slice(0, -1) : line;
    for (let j = 0; j < body.length; j++) {
      if (body[j] === '=') {
        bytes.push(parseInt(body.slice(j + 1, j + 3), 16));
        j += 2;
      } else bytes.push(body.charCodeAt(j));
    }
    if (!soft && i < lines.length - 1) bytes.push(10);
  });
  return Buffer.from(bytes).toString('utf8');
}

t.test('quoted-printable round-trips text with non-ASCII, =, long lines and trailing spaces', async (t) => {
  const input = `Beantwoord: “Datalek” bij één lab = ernstig \n${'lange regel met woorden '.repeat(12)}\n<a href="https://x.test/?a=1&b=2">é</a>\t\n.\n`;
  const qp = quotedPrintable(input);
  t.notMatch(qp, /[ \t]\r\n/, 'no whitespace before a line break');
  t.notMatch(qp, /[^\x20-\x7e\r\n]/, 'only printable ASCII');
  t.equal(decodeQuotedPrintable(qp), input);
});

t.test('composed message: headers, encoded subject, folding, two parts', async (t) => {
  const raw = composeMime({
    from: 'Kamerwacht <alerts@kamerwacht.test>',
    to: 'abonnee@example.nl',
    subject: 'Te laat: “Zorgdata” (2025Z12345)',
    text: 'tekst',
    html: '<p>html</p>',
    messageId: '<alert-1@kamerwacht.test>',
    headers: { 'List-Unsubscribe': `<https://kamerwacht.test/abonnement/${'x'.repeat(43)}/afmelden>, <mailto:alerts@kamerwacht.test?subject=afmelden%20${'x'.repeat(43)}>` },
    date: new Date('2025-11-24T09:00:00Z'),
  });
  const head = raw.split('\r\n\r\n')[0]!;
  t.ok(head.split('\r\n').every((l) => l.length <= 78 || !/\S\s+\S/.test(l.replace(/^[\w-]+: /, ''))), 'header lines folded, only a single long word is left longer');
  t.same(header(raw, 'From'), ['Kamerwacht <alerts@kamerwacht.test>']);
  t.same(header(raw, 'Message-ID'), ['<alert-1@kamerwacht.test>']);
  t.same(header(raw, 'Date'), ['Mon, 24 Nov 2025 09:00:00 +0000']);
  t.match(header(raw, 'List-Unsubscribe')[0], /^<https:\/\/kamerwacht\.test\/abonnement\/x{43}\/afmelden>, <mailto:/, 'unfolds to the original');
  const subject = header(raw, 'Subject')[0]!;
  const decoded = subject
    .split(' ')
    .map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1]!, 'base64').toString('utf8'))
    .join('');
  t.equal(decoded, 'Te laat: “Zorgdata” (2025Z12345)');
  const boundary = /boundary="([^"]+)"/.exec(raw)![1]!;
  t.equal(raw.split(`--${boundary}\r\n`).length, 3, 'two parts');
  t.ok(raw.endsWith(`--${boundary}--\r\n`));
  t.match(raw, /Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ntekst\r\n/);
});

t.test('mailbox parsing and display names that need quoting or encoding', async (t) => {
  t.same(parseMailbox('Kamerwacht <a@b.nl>'), { name: 'Kamerwacht', address: 'a@b.nl' });
  t.same(parseMailbox('a@b.nl'), { name: '', address: 'a@b.nl' });
  const quoted = composeMime({ from: 'Kamerwacht, alerts <a@b.nl>', to: 'c@d.nl', subject: 's', text: '', html: '' });
  t.same(header(quoted, 'From'), ['"Kamerwacht, alerts" <a@b.nl>']);
  const encoded = composeMime({ from: 'Kamerwächt <a@b.nl>', to: 'c@d.nl', subject: 's', text: '', html: '' });
  t.match(header(encoded, 'From')[0], /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <a@b\.nl>$/);
  t.match(header(encoded, 'Message-ID')[0], /^<[0-9a-f-]{36}@b\.nl>$/, 'a generated Message-ID on the sender’s domain');
});

t.test('quoted-printable: soft breaks never split an escape, for every break position', async (t) => {
  // Escapes (é = two, 🙂 = four, '=' = one) shifted across the 75-character break point.
  for (let pad = 60; pad < 80; pad++) {
    for (const piece of ['é', '🙂', '=', ' x']) {
      const input = `${'a'.repeat(pad)}${piece.repeat(5)}b`;
      t.equal(decodeQuotedPrintable(quotedPrintable(input)), input, `pad ${pad} ${piece}`);
    }
  }
});
