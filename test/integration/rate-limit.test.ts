import { startTestApp, type TestApp } from '../support/test-app';

describe('the public rate limit (PUBLIC_RATE_LIMIT=5, TRUST_PROXY=true)', () => {
  let app: TestApp;
  const from = (
    address: string | null,
    path = '/api/v2/summary.json',
    headers: Record<string, string> = {},
  ) =>
    fetch(`${app.url}${path}`, {
      headers: { ...headers, ...(address === null ? {} : { 'x-forwarded-for': address }) },
    });
  /** Sent together, so that the bucket has no time to refill in between. */
  const burst = <T>(count: number, send: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, i) => send(i)));

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_RATE_LIMIT: '5', TRUST_PROXY: 'true' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a burst from one address with 429 and Retry-After past twice the rate, and serves another', async () => {
    // The entries left of the balancer's are whatever the client wrote: varying them changes nothing.
    const answers = await burst(40, (i) => from(`198.51.100.${i}, 203.0.113.10`));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    const limited = answers.filter((res) => res.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const res of limited) {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(await limited[0]?.json()).toEqual({ error: expect.stringContaining('too many requests') });
    expect((await from('198.51.100.1, 203.0.113.20')).status).toBe(200);
  });

  it('counts conditional requests answered 304 too', async () => {
    const etag = (await from('203.0.113.30')).headers.get('etag') ?? '';
    const answers = await burst(40, () =>
      from('203.0.113.30', '/api/v2/summary.json', { 'if-none-match': etag }),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses).toContain(304);
    expect(statuses).toContain(429);
  });
});

describe('the public rate limit at one request per 10 s (PUBLIC_RATE_LIMIT=0.1, TRUST_PROXY=true)', () => {
  let app: TestApp;
  const from = (address: string | null, path = '/') =>
    fetch(`${app.url}${path}`, { headers: address === null ? {} : { 'x-forwarded-for': address } });

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_RATE_LIMIT: '0.1', TRUST_PROXY: 'true' } });
    // This test's own address spends its one token.
    expect((await from(null)).status).toBe(200);
  });

  afterAll(async () => {
    await app.close();
  });

  it('treats a malformed X-Forwarded-For as no header: the peer address counts', async () => {
    expect((await from(null)).status).toBe(429);
    expect((await from('not an address')).status).toBe(429);
    expect((await from('203.0.113.40, garbage')).status).toBe(429);
    expect((await from('garbage, 203.0.113.40')).status).toBe(200);
  });

  it('never limits Slack, /healthz or /readyz from an address the public routes limit', async () => {
    expect((await from(null, '/api/v2/summary.json')).status).toBe(429);
    const slack = await Promise.all(Array.from({ length: 20 }, () => app.slack.command('help')));
    expect(slack.map((res) => res.status)).toEqual(Array(20).fill(200));
    for (const path of ['/healthz', '/readyz']) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => from(null, path)));
      expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    }
  });
});
