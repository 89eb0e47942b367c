import { startTestApp, type TestApp } from '../support/test-app';

describe('the service', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('is ready once the database is migrated', async () => {
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'embedded' });
    const live = await fetch(`${app.url}/healthz`);
    expect(live.status).toBe(200);
  });

  it('answers /incident help with ephemeral usage', async () => {
    const res = await app.slack.command('help');
    expect(res.status).toBe(200);
    expect(res.json().response_type).toBe('ephemeral');
    expect(res.text()).toContain('/incident update [INC-n]');
    expect(res.text()).toContain('/incident export INC-n [markdown|csv|json]');
  });

  it('answers input the grammar does not know with usage naming the problem', async () => {
    const res = await app.slack.command('frobnicate the database');
    expect(res.status).toBe(200);
    expect(res.json().response_type).toBe('ephemeral');
    expect(res.text()).toContain('`frobnicate` is not something I know');
    expect(res.text()).toContain('/incident list');
  });

  it('refuses a request with a bad signature and changes nothing', async () => {
    const res = await app.slack.command('help', { signingSecret: 'not-the-secret-at-all' });
    expect(res.status).toBe(401);
    const declared = await app.slack.command('declare Should not open', {
      signingSecret: 'wrong-secret-123',
    });
    expect(declared.status).toBe(401);
    expect(app.fake.views()).toHaveLength(0);
  });

  it('refuses a request signed more than five minutes ago', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await app.slack.command('help', { timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
  });

  it('answers a malformed path escape with 400 and keeps running', async () => {
    const res = await fetch(`${app.url}/api/incidents/%E0%A4%A/export.md`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed percent-encoding in the path' });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('answers unknown routes with 404 and a reason', async () => {
    const res = await fetch(`${app.url}/no/such/page`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
  });
});
