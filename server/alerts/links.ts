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

/** The mailto: alternative in List-Unsubscribe: to the sender's address, token in the subject. */
export function unsubscribeMailto(mailFrom: string, manageToken: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  return `mailto:${address}?subject=${encodeURIComponent(`afmelden ${manageToken}`)}`;
}

/** RFC 2369/8058 headers for every alert mail, plus Auto-Submitted (RFC 3834) against auto-replies. */
export function listHeaders(publicUrl: string, mailFrom: string, manageToken: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(publicUrl, manageToken)}>, <${unsubscribeMailto(mailFrom, manageToken)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `Kamerwacht alerts <alerts.${new URL(publicUrl).hostname}>`,
    'Auto-Submitted': 'auto-generated',
  };
}
