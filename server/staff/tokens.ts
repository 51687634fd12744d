// Random reference tokens (256 bits, base64url) and the SHA-256 under which they are stored and
// looked up: a timing difference on the hash lookup reveals nothing about the token itself.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';
