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
