/**
 * Subscription tokens: random, sent only in links, stored only as their SHA-256 (a database dump
 * holds no usable link). A confirmation link expires after 48 hours; an unsubscribe link never does,
 * since it must work from any mail ever sent.
 */
import { createHash, randomBytes } from 'node:crypto';

export const CONFIRM_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** Goes into the link. */
  token: string;
  /** Goes into the database. */
  hash: string;
}

export function issueToken(): IssuedToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A string that cannot be a token is answered like an unknown one, without a database query. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export function confirmExpiresAt(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + CONFIRM_TOKEN_TTL_MS);
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}
