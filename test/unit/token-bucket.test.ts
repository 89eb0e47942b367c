import { tokenBucketStore } from '../../src/web/token-bucket';

type Result = { current: number; ttl: number };

describe('tokenBucketStore', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const take = (store: { incr(key: string, cb: (e: Error | null, r: Result) => void): void }, key = 'a') => {
    let result: Result | undefined;
    store.incr(key, (_error, r) => {
      result = r;
    });
    if (!result) throw new Error('no result');
    return result;
  };

  it('lets a new address spend a full burst, then refuses with the wait for the next token', () => {
    const Store = tokenBucketStore(5, 10);
    const store = new Store();
    const spent = Array.from({ length: 10 }, () => take(store).current);
    expect(spent.every((current) => current <= 10)).toBe(true);
    const refused = take(store);
    expect(refused.current).toBe(11);
    expect(refused.ttl).toBe(200);
  });

  it('refills at the rate and never above the burst', () => {
    const store = new (tokenBucketStore(5, 10))();
    for (let i = 0; i < 10; i++) take(store);
    jest.advanceTimersByTime(1_000);
    const allowed = Array.from({ length: 6 }, () => take(store).current <= 10);
    expect(allowed).toEqual([true, true, true, true, true, false]);
    jest.advanceTimersByTime(60_000);
    const afterIdle = Array.from({ length: 11 }, () => take(store).current <= 10);
    expect(afterIdle.filter(Boolean)).toHaveLength(10);
  });

  it('keeps one bucket per address', () => {
    const store = new (tokenBucketStore(1, 2))();
    take(store, 'a');
    take(store, 'a');
    expect(take(store, 'a').current).toBe(3);
    expect(take(store, 'b').current).toBeLessThanOrEqual(2);
  });

  it('forgets the least recently seen address past its size', () => {
    const store = new (tokenBucketStore(1, 1, 2))();
    take(store, 'a');
    take(store, 'b');
    take(store, 'c');
    // 'a' was dropped, so it starts with a full bucket again.
    expect(take(store, 'a').current).toBeLessThanOrEqual(1);
    expect(take(store, 'c').current).toBe(2);
  });
});
