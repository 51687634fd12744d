// Password hashing with node:crypto scrypt at the OWASP ASVS v5.0.0 Appendix C parameters
// (N=2^17, r=8, p=1, 128 MiB), a 16-byte salt, and the parameters stored with the hash so they can
// be raised later. At most two hashes run at once, so a login flood cannot exhaust memory.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_CONCURRENT = 2;

const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 128;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const params = (n: number, r: number, p: number): ScryptOptions => ({ N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await limited(() => scryptAsync(password, salt, KEY_LENGTH, params(N, R, P)));
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await limited(() => scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, params(Number(n), Number(r), Number(p))));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;

/** Spends the same work as a real check, for unknown or disabled accounts (no enumeration by timing). */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword('kamerwacht-dummy-password');
  await verifyPassword(password, await dummy);
  return false;
}

/** Why a new password is refused, in Dutch, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Kies een wachtwoord van ten minste ${MIN_PASSWORD_LENGTH} tekens.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Een wachtwoord mag hoogstens ${MAX_PASSWORD_LENGTH} tekens hebben.`;
  const lower = password.toLowerCase();
  if (lower.includes(email.toLowerCase().split('@')[0] ?? '\u0000') || /^(.)\1+$/.test(password) || COMMON.some((c) => lower.includes(c))) {
    return 'Dit wachtwoord is te makkelijk te raden. Kies een langere zin of een willekeurig wachtwoord.';
  }
  return null;
}

// A short offline block list; a full breached-password list is left for later.
const COMMON = ['password', 'wachtwoord', '123456789', 'qwertyuiop', 'kamerwacht', 'welkom123'];
