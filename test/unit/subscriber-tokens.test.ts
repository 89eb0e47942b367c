import {
  CONFIRM_TOKEN_TTL_MS,
  confirmExpiresAt,
  isExpired,
  issueToken,
  looksLikeToken,
  tokenHash,
} from '../../src/subscribers/tokens';

describe('subscription tokens', () => {
  it('are random, URL-safe, and stored only as their hash', () => {
    const first = issueToken();
    const second = issueToken();
    expect(first.token).not.toBe(second.token);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.hash).toBe(tokenHash(first.token));
    expect(first.hash).not.toContain(first.token);
    expect(looksLikeToken(first.token)).toBe(true);
    expect(looksLikeToken('../../etc/passwd')).toBe(false);
    expect(looksLikeToken('')).toBe(false);
  });

  it('expire 48 hours after they were issued', () => {
    const issued = new Date('2026-12-01T10:00:00Z');
    const expires = confirmExpiresAt(issued);
    expect(CONFIRM_TOKEN_TTL_MS).toBe(48 * 3600 * 1000);
    expect(expires.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(isExpired(expires, new Date('2026-12-03T09:59:59Z'))).toBe(false);
    expect(isExpired(expires, new Date('2026-12-03T10:00:00Z'))).toBe(true);
  });
});
