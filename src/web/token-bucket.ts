import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { clientAddress } from './client-address';
/**
 * A token bucket per key as a store for @fastify/rate-limit, whose own store counts fixed windows:
 * `ratePerSecond` tokens flow in each second up to `capacity` (the burst); a new key starts full and
 * every request takes one. The plugin reads `current` against its `max` (= capacity), so a request
 * that finds no token is reported as `capacity + 1`, with `ttl` the wait for the next token.
 */
export function tokenBucketStore(ratePerSecond: number, capacity: number, maxKeys = 10_000) {
  return class TokenBucketStore {
    private readonly buckets = new Map<string, { tokens: number; at: number }>();

    incr(
      key: string,
      callback: (error: Error | null, result: { current: number; ttl: number }) => void,
    ): void {
      const now = Date.now();
      const bucket = this.buckets.get(key);
      let tokens = capacity;
      if (bucket) {
        tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * ratePerSecond) / 1000);
        // Re-inserted, so the map's order is least recently seen first.
        this.buckets.delete(key);
      } else if (this.buckets.size >= maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      if (tokens >= 1) {
        tokens -= 1;
        this.buckets.set(key, { tokens, at: now });
        const refill = Math.ceil(((capacity - tokens) * 1000) / ratePerSecond);
        callback(null, { current: capacity - Math.floor(tokens), ttl: refill });
        return;
      }
      this.buckets.set(key, { tokens, at: now });
      callback(null, { current: capacity + 1, ttl: Math.ceil(((1 - tokens) * 1000) / ratePerSecond) });
    }

    child(): this {
      return this;
    }
  };
}

/**
 * The rate-limit plugin's options for a token bucket per client address: 429 with `Retry-After` and the
 * given reason, and none of the plugin's `x-ratelimit-*` headers (they would vary cached answers).
 */
export function limitPerAddress(limit: {
  ratePerSecond: number;
  burst: number;
  /** The plugin's window; the bucket, not the window, decides who waits. */
  timeWindowMs: number;
  trustProxy: boolean;
  reason: (retryIn: string) => string;
}): RateLimitPluginOptions {
  const quiet = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false };
  return {
    global: true,
    max: limit.burst,
    timeWindow: limit.timeWindowMs,
    store: tokenBucketStore(limit.ratePerSecond, limit.burst),
    keyGenerator: (request) => clientAddress(request, limit.trustProxy),
    addHeadersOnExceeding: quiet,
    addHeaders: { ...quiet, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(limit.reason(context.after)), { statusCode: 429 }),
  };
}
