// Absolute links in mails, from PUBLIC_URL. The unsubscribe URL identifies the subscription by
// its token alone, as RFC 8058 requires (the one-click POST carries no other arguments).
export function manageUrl(publicUrl: string, manageToken: string): string {
  return `${publicUrl}/abonnement/${manageToken}`;
}

export function unsubscribeUrl(publicUrl: string, manageToken: string): string {
  return `${publicUrl}/abonnement/${manageToken}/afmelden`;
}

export function confirmUrl(publicUrl: string, confirmToken: string): string {
  return `${publicUrl}/abonneren/bevestigen/${confirmToken}`;
}

/**
 * Where the List-Unsubscribe mailto goes: UNSUBSCRIBE_MAILTO, or else the bare address of
 * MAIL_FROM. Mail to it is read by the inbound listener (server/alerts/inbound-smtp.ts).
 */
export function unsubscribeAddress(config: { UNSUBSCRIBE_MAILTO?: string | undefined; MAIL_FROM: string }): string {
  return config.UNSUBSCRIBE_MAILTO ?? /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
}

/**
 * The mailto: alternative in List-Unsubscribe (RFC 2369), token in the subject. The same words go
 * into the body too (RFC 6068 `body=`), for clients that drop the subject but keep the body.
 */
function unsubscribeMailto(address: string, manageToken: string): string {
  const words = encodeURIComponent(`afmelden ${manageToken}`);
  return `mailto:${address}?subject=${words}&body=${words}`;
}

/** RFC 2369/8058 headers for every alert mail, plus Auto-Submitted (RFC 3834) against auto-replies. */
export function listHeaders(publicUrl: string, unsubscribeTo: string, manageToken: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(publicUrl, manageToken)}>, <${unsubscribeMailto(unsubscribeTo, manageToken)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `Kamerwacht alerts <alerts.${new URL(publicUrl).hostname}>`,
    'Auto-Submitted': 'auto-generated',
  };
}
