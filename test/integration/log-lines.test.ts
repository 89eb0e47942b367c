import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { configSecrets, createLogger } from '../../src/logger';
import { editThroughSlack } from '../support/corrections';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

// Distinctive values, so that any trace of them in a line is found.
const secrets = {
  SLACK_BOT_TOKEN: 'xoxb-leakcheck-bot-7f3a9c1e',
  SLACK_SIGNING_SECRET: 'leakcheck-signing-51d0e8b2',
  EXPORT_API_TOKEN: 'leakcheck-export-a4b2c9d7',
  METRICS_TOKEN: 'leakcheck-metrics-6e8f1d3a',
};

interface Entry {
  level: string;
  time: string;
  msg: string;
  [field: string]: unknown;
}

describe('log lines of a whole incident (LOG_FORMAT=json, LOG_LEVEL=debug)', () => {
  const lines: string[] = [];
  let app: TestApp;
  let entries: Entry[];
  // Where the lines written while `/incident update INC-1` and its modal's submission were handled begin and end.
  let updateLines: [number, number];
  // … and while a click on an update's menu and the edit modal's submission were.
  let editLines: [number, number];

  beforeAll(async () => {
    const env = { ...secrets, LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    // As main.ts builds it: the secrets come from the configuration.
    const log = createLogger('debug', {
      format: 'json',
      secrets: configSecrets(loadConfig(env)),
      destination,
    });
    app = await startTestApp({ env, log });

    await declareThroughSlack(app, { title: 'Checkout is slow', impact: 'major' });
    await outboxSettled(app);
    const updateFrom = lines.length;
    await updateThroughSlack(app, 'INC-1', { stage: 'identified', message: 'A bad deploy.' });
    updateLines = [updateFrom, lines.length];
    await outboxSettled(app);
    const deploy = await app.db.prisma.incidentUpdate.findFirstOrThrow({
      where: { message: 'A bad deploy.' },
    });
    const editFrom = lines.length;
    const edited = await editThroughSlack(app, deploy.id, {
      stage: 'identified',
      message: 'A bad deploy of the checkout service.',
      occurredAt: deploy.occurredAt.toISOString(),
    });
    expect(edited.status).toBe(200);
    editLines = [editFrom, lines.length];
    await outboxSettled(app);

    const get = (path: string, token?: string) =>
      fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    for (const format of ['md', 'csv', 'json']) {
      expect((await get(`/api/incidents/INC-1/export.${format}`, secrets.EXPORT_API_TOKEN)).status).toBe(200);
    }
    expect((await get('/api/incidents/INC-1/export.md', `${secrets.EXPORT_API_TOKEN}x`)).status).toBe(401);
    expect((await get(`/api/incidents/INC-1/export.md?token=${secrets.EXPORT_API_TOKEN}`)).status).toBe(401);
    expect((await get('/api/incidents/INC-99/export.md', secrets.EXPORT_API_TOKEN)).status).toBe(404);
    const metrics = (token?: string) => get('/metrics', token);
    expect((await metrics(secrets.METRICS_TOKEN)).status).toBe(200);
    expect((await metrics(`${secrets.METRICS_TOKEN}x`)).status).toBe(401);
    expect((await metrics()).status).toBe(401);
    // A delivery signed with another secret is refused; Bolt logs why.
    const refused = await app.slack.command('list', { signingSecret: `${secrets.SLACK_SIGNING_SECRET}-old` });
    expect(refused.status).toBe(401);

    await app.close();
    entries = lines.map((line) => JSON.parse(line) as Entry);
  }, 120_000);

  it('writes lines from the service, Bolt and the Web API client', () => {
    expect(lines.length).toBeGreaterThan(10);
    const sources = new Set(entries.map((entry) => entry.logger));
    expect(sources).toContain('bolt');
  });

  it('writes every line as one JSON object with level, time and msg', () => {
    for (const entry of entries) {
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
      expect(new Date(entry.time).toISOString()).toBe(entry.time);
      expect(typeof entry.msg).toBe('string');
    }
  });

  it('gives the lines logged while a Slack delivery is handled its requestId', () => {
    const withId = entries.filter((entry) => typeof entry.requestId === 'string');
    expect(withId.length).toBeGreaterThan(0);
    expect(new Set(withId.map((entry) => entry.requestId)).size).toBeGreaterThan(1);
  });

  it('gives a line logged while an HTTP request is handled, before Bolt takes over, its requestId', () => {
    const refusal = entries.find((entry) => entry.msg.includes('signature mismatch'));
    expect(refusal?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the lines logged while an outbox job runs its jobId', () => {
    const done = entries.filter((entry) => entry.msg === 'outbox: job done');
    expect(done.length).toBeGreaterThan(3);
    for (const entry of done) expect(entry.jobId).toMatch(/^\d+$/);
    expect(new Set(done.map((entry) => entry.jobId)).size).toBe(done.length);
  });

  it('names the incident on the lines of a job that worked on one', () => {
    const done = entries.filter((entry) => entry.msg === 'outbox: job done');
    const named = done.filter((entry) => entry.incident !== undefined);
    expect(named.length).toBeGreaterThan(0);
    for (const entry of named) expect(entry.incident).toBe('INC-1');
  });

  /** Every line of the requests or deliveries that wrote at least one of `lines`. */
  function sameRequests(some: Entry[]): Entry[] {
    const ids = new Set(some.map((entry) => entry.requestId));
    expect(ids.has(undefined)).toBe(false);
    return entries.filter((entry) => ids.has(entry.requestId));
  }

  it('names the incident on every line of an update, from the command to the submission of its modal', () => {
    const during = entries.slice(...updateLines).filter((entry) => entry.jobId === undefined);
    const deliveries = sameRequests(during);
    // The command and the submission, at least: two deliveries, each with its own requestId.
    expect(new Set(deliveries.map((entry) => entry.requestId)).size).toBeGreaterThanOrEqual(2);
    expect(deliveries.filter((entry) => entry.msg.startsWith('http: POST /slack/events')).length).toBe(2);
    for (const entry of deliveries)
      expect({ msg: entry.msg, incident: entry.incident }).toEqual({
        msg: entry.msg,
        incident: 'INC-1',
      });
  });

  it('names the incident on the lines of a correction, from the moment the click has read it', () => {
    const during = entries.slice(...editLines).filter((entry) => entry.jobId === undefined);
    const ids = [...new Set(during.map((entry) => entry.requestId))];
    // The click on the menu, then the submission of the edit modal.
    expect(ids).toHaveLength(2);
    const [click, submission] = ids.map((id) => entries.filter((entry) => entry.requestId === id));
    // The click is acknowledged before anything is read: its lines name the incident once it is.
    const named = click?.findIndex((entry) => entry.incident !== undefined) ?? -1;
    expect(named).toBeGreaterThan(-1);
    for (const entry of click?.slice(named) ?? []) expect(entry.incident).toBe('INC-1');
    expect(submission?.length).toBeGreaterThan(0);
    for (const entry of submission ?? []) expect(entry.incident).toBe('INC-1');
  });

  it('names the incident and the request on every line of an export request, answered or refused', () => {
    const requests = (ref: string) =>
      sameRequests(
        entries.filter((entry) => entry.msg.startsWith(`http: GET /api/incidents/${ref}/export.`)),
      );
    const inc1 = requests('INC-1');
    // Three exports and two refused tokens, each its own request.
    expect(new Set(inc1.map((entry) => entry.requestId)).size).toBe(5);
    for (const entry of inc1) {
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(entry.incident).toBe('INC-1');
    }
    const missing = requests('INC-99');
    expect(missing.length).toBeGreaterThan(0);
    for (const entry of missing) expect(entry.incident).toBe('INC-99');
  });

  it('writes one line per HTTP request, without its query string', () => {
    const refused = entries.filter((entry) => entry.msg === 'http: GET /api/incidents/INC-1/export.md 401');
    expect(refused).toHaveLength(2);
    expect(entries.filter((entry) => entry.msg === 'http: GET /metrics 401')).toHaveLength(2);
  });

  it.each(Object.entries(secrets))('never writes %s, whole or in part', (_name, value) => {
    const distinctive = value.slice(-8);
    const leaks = lines.filter((line) => line.includes(value) || line.includes(distinctive));
    expect(leaks).toEqual([]);
  });
});
