// Tokens in mail links. Confirmation tokens are 256 random bits, stored only as their SHA-256.
// Manage tokens must be rendered into every alert mail at send time, so instead of storing the
// token we store a random per-subscription seed and derive the token as HMAC(appKey, seed): a
// database dump alone reveals no working link. Lookups are by SHA-256 of the presented token.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 bytes from the CSPRNG, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Only tokens of the shape we issue go to the database; anything else is refused up front. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function deriveManageToken(key: Buffer, seed: string): string {
  return createHmac('sha256', key).update(`manage:${seed}`).digest('base64url');
}

/** Keyed hash of the normalised address: lets us find and rate-limit an address without a plain index on it. */
export function addressHash(key: Buffer, email: string): string {
  return createHmac('sha256', key).update(`address:${normaliseEmail(email)}`).digest('hex');
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Constant-time equality of two hex digests (equal length by construction). */
export function digestsEqual(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
