// What a mail to the unsubscribe address asks for: the manage tokens it carries. The mailto in
// List-Unsubscribe (links.ts) puts "afmelden <token>" in the subject and the body; an abuse
// report in ARF (RFC 5965) carries the reported alert, whose own List-Unsubscribe names the
// subscription. Only these two shapes count: a bounce (multipart/report of another report-type)
// also quotes an alert, and must not unsubscribe anyone. No database here; inbound-smtp.ts
// acts on the tokens.
import { simpleParser, type ParsedMail } from 'mailparser';

/** How far into the body the words are looked for: a client that drops the subject puts them first. */
const BODY_LINES = 10;
/** More candidates than this in one mail is not someone unsubscribing. */
const MAX_TOKENS = 3;

const TOKEN = '[A-Za-z0-9_-]{43}';
const AFMELDEN = new RegExp(`\\bafmelden\\s+(${TOKEN})(?![A-Za-z0-9_-])`, 'gi');
const ONE_CLICK_PATH = new RegExp(`/abonnement/(${TOKEN})/afmelden$`);

// The text part is all that is read: no HTML-to-text linking, no inlined images.
const PARSE_OPTIONS = { ignoreEmbedded: true, keepDeliveryStatus: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

function wordsIn(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(AFMELDEN)].map((m) => m[1]!);
}

function firstLines(text: string | undefined, n: number): string {
  return (text ?? '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, n)
    .join('\n');
}

function isFeedbackReport(mail: ParsedMail): boolean {
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return type?.value?.toLowerCase() === 'multipart/report' && type.params?.['report-type']?.toLowerCase() === 'feedback-report';
}

/** The token in the one-click URL of the reported message's List-Unsubscribe, if it is one of ours. */
async function reportedToken(mail: ParsedMail): Promise<string | undefined> {
  const reported = mail.attachments.find((a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers');
  if (!reported) return undefined;
  const original = await simpleParser(reported.content, PARSE_OPTIONS);
  const url = (original.headers.get('list') as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url;
  if (!url) return undefined;
  try {
    return ONE_CLICK_PATH.exec(new URL(url).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/** The manage tokens a raw message asks to unsubscribe, subject first, at most MAX_TOKENS. */
export async function unsubscribeTokens(raw: Buffer): Promise<string[]> {
  const mail = await simpleParser(raw, PARSE_OPTIONS);
  const tokens = [...wordsIn(mail.subject), ...wordsIn(firstLines(mail.text, BODY_LINES))];
  if (isFeedbackReport(mail)) {
    const token = await reportedToken(mail);
    if (token) tokens.push(token);
  }
  return [...new Set(tokens)].slice(0, MAX_TOKENS);
}
