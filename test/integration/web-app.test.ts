import { startTestApp, type TestApp } from '../support/test-app';

describe('the HTTP surface', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers GET /slack/events with 405 and leaves POST to Bolt', async () => {
    const res = await fetch(`${app.url}/slack/events`);
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ error: 'method GET not allowed' });
    expect((await app.slack.command('help')).status).toBe(200);
  });

  it('answers another method on a public route with 405', async () => {
    const res = await fetch(`${app.url}/api/v2/summary.json`, { method: 'POST', body: '{"not": json' });
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ error: 'method POST not allowed' });
  });

  it('answers HEAD on a page with its headers and no body', async () => {
    const res = await fetch(`${app.url}/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it.each([
    ['a truncated escape', '/incidents/%E0%A4%A'],
    ['a lone %', '/incidents/%'],
    ['a non-hex escape', '/%ZZ'],
    ['a NUL', '/api/v2/%00.json'],
    ['a 5,000-character ref', `/incidents/${'x'.repeat(5_000)}`],
    ['dot segments', '/incidents/INC-1/../../etc/passwd'],
  ])('answers a path with %s with a 4xx and keeps running', async (_what, path) => {
    const res = await fetch(`${app.url}${path}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
