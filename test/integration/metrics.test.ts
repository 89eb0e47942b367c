import { networkInterfaces } from 'node:os';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { declareThroughSlack, outboxSettled } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

interface Scrape {
  families: ReturnType<typeof parsePrometheusTextFormat>;
  text: string;
}

async function scrape(url: string, token?: string): Promise<Scrape> {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  // The parser throws on any line that is not Prometheus text format.
  return { families: parsePrometheusTextFormat(text), text };
}

/** The value of one counter or gauge series (0 when the family has no such series yet). */
function sample({ families }: Scrape, name: string, labels: Record<string, string> = {}): number {
  const series = families
    .find((f) => f.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value));
  return Number(series?.value ?? 0);
}

/**
 * How many observations a histogram series holds: its `_count` line. (The parser folds labelled
 * histogram series into one, so this reads the line itself.)
 */
function observations({ text }: Scrape, name: string, labels: Record<string, string>): number {
  const line = text
    .split('\n')
    .filter((l) => l.startsWith(`${name}_count{`))
    .find((l) => Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)));
  return Number(line?.split(' ').at(-1) ?? 0);
}

/** An address of this machine other than loopback, to reach the app as a remote client would. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

describe('GET /metrics', () => {
  describe('without METRICS_TOKEN', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { HOST: '0.0.0.0' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('answers a loopback client in Prometheus text format with every family SPEC §15 lists', async () => {
      await fetch(`${app.url}/api/v2/summary.json`);
      await declareThroughSlack(app, { title: 'Scraped' });
      await outboxSettled(app);
      const names = (await scrape(app.url)).families.map((family) => family.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'sitrep_http_requests_total',
          'sitrep_http_request_duration_seconds',
          'sitrep_slack_ack_duration_seconds',
          'sitrep_slack_api_calls_total',
          'sitrep_outbox_jobs',
          'sitrep_outbox_oldest_job_age_seconds',
          'sitrep_subscriber_deliveries_total',
          'sitrep_incidents_open',
          'process_cpu_seconds_total',
          'process_resident_memory_bytes',
          'nodejs_eventloop_lag_seconds',
        ]),
      );
    });

    it('counts HTTP requests by route pattern and status, with their latency', async () => {
      const before = await scrape(app.url);
      await fetch(`${app.url}/incidents/INC-1`);
      await fetch(`${app.url}/incidents/INC-404`);
      const after = await scrape(app.url);
      const route = { method: 'GET', route: '/incidents/:ref' };
      const grew = (status: string) =>
        sample(after, 'sitrep_http_requests_total', { ...route, status }) -
        sample(before, 'sitrep_http_requests_total', { ...route, status });
      expect(grew('200')).toBe(1);
      expect(grew('404')).toBe(1);
      expect(observations(after, 'sitrep_http_request_duration_seconds', route)).toBe(
        observations(before, 'sitrep_http_request_duration_seconds', route) + 2,
      );
    });

    it('times the ack of each Slack delivery', async () => {
      const command = { type: 'command' };
      const before = observations(await scrape(app.url), 'sitrep_slack_ack_duration_seconds', command);
      await app.slack.command('help');
      const after = observations(await scrape(app.url), 'sitrep_slack_ack_duration_seconds', command);
      expect(after).toBe(before + 1);
    });

    it('counts a chat.postMessage call after a declare', async () => {
      const ok = { method: 'chat.postMessage', outcome: 'ok' };
      const posted = () => app.fake.calls('chat.postMessage').filter((c) => c.ok).length;
      const before = {
        counter: sample(await scrape(app.url), 'sitrep_slack_api_calls_total', ok),
        fake: posted(),
      };
      await declareThroughSlack(app, { title: 'Counted' });
      await outboxSettled(app);
      const after = sample(await scrape(app.url), 'sitrep_slack_api_calls_total', ok);
      expect(after).toBeGreaterThan(before.counter);
      expect(after - before.counter).toBe(posted() - before.fake);
    });

    it('counts the 429 outcome when Slack rate-limits', async () => {
      const limited = { method: 'chat.postMessage', outcome: '429' };
      const before = sample(await scrape(app.url), 'sitrep_slack_api_calls_total', limited);
      app.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
      await declareThroughSlack(app, { title: 'Rate limited' });
      await outboxSettled(app);
      const after = sample(await scrape(app.url), 'sitrep_slack_api_calls_total', limited);
      expect(after - before).toBe(2);
    });

    it('shows pending outbox jobs while Slack is down, and 0 once they are delivered', async () => {
      app.fake.failFor('chat.postMessage', { status: 500 }, 60_000);
      await declareThroughSlack(app, { title: 'Slack is down' });
      await app.fake.waitFor(() => app.fake.calls('chat.postMessage').some((c) => c.status === 500));
      const during = await scrape(app.url);
      const pending = during.families
        .find((f) => f.name === 'sitrep_outbox_jobs')
        ?.metrics.filter((m) => Number(m.value) > 0);
      expect(pending?.length).toBeGreaterThan(0);
      const kind = pending?.[0]?.labels?.kind ?? '';
      expect(sample(during, 'sitrep_outbox_oldest_job_age_seconds', { kind })).toBeGreaterThan(0);

      app.fake.clearFaults();
      await outboxSettled(app);
      const after = await scrape(app.url);
      expect(sample(after, 'sitrep_outbox_jobs', { kind })).toBe(0);
      expect(sample(after, 'sitrep_outbox_oldest_job_age_seconds', { kind })).toBe(0);
    });

    it('counts open incidents by impact and visibility', async () => {
      const families = await scrape(app.url);
      const open = await app.db.prisma.incident.count({ where: { resolvedAt: null, impact: 'minor' } });
      expect(open).toBeGreaterThan(0);
      expect(sample(families, 'sitrep_incidents_open', { impact: 'minor', visibility: 'public' })).toBe(open);
    });

    it('answers 404 to a client that is not on loopback', async () => {
      const address = outsideAddress();
      if (!address) {
        console.warn('No non-loopback IPv4 address on this machine: the remote-client case is skipped.');
        return;
      }
      const port = new URL(app.url).port;
      expect((await fetch(`http://${address}:${port}/metrics`)).status).toBe(404);
      expect((await fetch(`http://${address}:${port}/healthz`)).status).toBe(200);
    });
  });

  describe('behind a load balancer (TRUST_PROXY=true)', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { TRUST_PROXY: 'true' } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('judges the client by the address the balancer added, not by the loopback peer', async () => {
      const via = (forwardedFor: string) =>
        fetch(`${app.url}/metrics`, { headers: { 'x-forwarded-for': forwardedFor } });
      expect((await via('127.0.0.1, 203.0.113.7')).status).toBe(404);
      expect((await via('203.0.113.7, 127.0.0.1')).status).toBe(200);
    });
  });

  describe('with METRICS_TOKEN', () => {
    const token = 'metrics-token-0123456789abcdef';
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { METRICS_TOKEN: token } });
    });

    afterAll(async () => {
      await app.close();
    });

    it('answers 401 without the bearer token, loopback included', async () => {
      const res = await fetch(`${app.url}/metrics`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
      expect(await res.text()).not.toContain('sitrep_');
    });

    it('answers 401 with another token', async () => {
      const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
      expect(res.status).toBe(401);
    });

    it('answers with the token', async () => {
      expect((await scrape(app.url, token)).families.length).toBeGreaterThan(5);
    });
  });
});
