import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp, veroCatalog } from '../support/test-app';

/** Every public route: the page, the incident pages, each /api/v2 document and the feed. */
const PUBLIC_ROUTES = [
  '/',
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/history.atom',
  '/history.rss',
];

const MANAGER = 'U0MANAGER';
const RESPONDER = 'U0RESPOND';
const OUTSIDER = 'U0OUTSIDE';

describe('visibility: public, internal and private incidents', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let status: string;
  let security: string;
  let workflowsChannel: string;

  const get = (path: string) => fetch(`${app.url}${path}`);

  /** Every public route's status, ETag and body, byte for byte. */
  async function snapshotPublic(paths = PUBLIC_ROUTES) {
    const out: Record<string, { status: number; etag: string | null; body: string }> = {};
    for (const path of paths) {
      const res = await get(path);
      out[path] = { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
    }
    return out;
  }

  async function answerTo(text: string, userId: string): Promise<string> {
    const res = await app.slack.command(text, { userId });
    if (res.text()) return res.text();
    return textOf(await fake.waitFor(() => fake.responses(res.responseUrl)[0]));
  }

  const rootsIn = (channelId: string) => fake.messages(channelId).filter((m) => !m.thread_ts);

  beforeAll(async () => {
    fake = await startFakeSlack();
    status = fake.addChannel({ name: 'status' });
    security = fake.addChannel({ name: 'security-incidents' });
    workflowsChannel = fake.addChannel({ name: 'workflows-team' });
    const catalog = veroCatalog.replace(
      '  - key: workflows\n',
      `  - key: workflows\n    announce_channels: [${workflowsChannel}]\n`,
    );
    app = await startTestApp({
      fake,
      catalog,
      env: {
        ANNOUNCE_CHANNEL_IDS: status,
        PRIVATE_ANNOUNCE_CHANNEL_IDS: security,
        MANAGER_USER_IDS: MANAGER,
      },
    });
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('keeps every public route byte for byte the same when internal and private incidents are declared', async () => {
    await declareThroughSlack(
      app,
      { title: 'Workflows are delayed', impact: 'minor', components: ['workflows'], visibility: 'public' },
      { userId: RESPONDER },
    );
    await outboxSettled(app);
    const before = await snapshotPublic();
    const missingBefore = await get('/incidents/INC-2');

    await declareThroughSlack(
      app,
      {
        title: 'Drill: workflows down',
        impact: 'critical',
        components: ['workflows'],
        visibility: 'internal',
      },
      { userId: RESPONDER },
    );
    await declareThroughSlack(
      app,
      {
        title: 'Credential leak in workflows',
        impact: 'major',
        components: ['workflows'],
        visibility: 'private',
      },
      { userId: RESPONDER },
    );
    await outboxSettled(app);
    expect(await app.db.prisma.incident.count()).toBe(3);

    expect(await snapshotPublic()).toEqual(before);
    const summary = JSON.parse(before['/api/v2/summary.json']?.body ?? '{}');
    expect(summary.incidents.map((i: { name: string }) => i.name)).toEqual(['Workflows are delayed']);
    const workflows = summary.components.find((c: { name: string }) => c.name === 'Workflows');
    // Coloured by the public minor incident only, not by the critical drill or the major private one.
    expect(workflows.status).toBe('degraded_performance');
    for (const ref of ['INC-2', 'INC-3']) {
      const res = await get(`/incidents/${ref}`);
      expect(res.status).toBe(missingBefore.status);
      expect(await res.text()).toBe((await (await get('/incidents/INC-99')).text()).replace('INC-99', ref));
    }
  });

  it('announces the internal incident in the announce channels and the private one only in the private channels', () => {
    const roots = (channel: string) => rootsIn(channel).map((m) => m.text ?? '');
    expect(roots(status).some((t) => t.includes('Drill: workflows down'))).toBe(true);
    expect(roots(workflowsChannel).some((t) => t.includes('Drill: workflows down'))).toBe(true);
    expect(roots(security).some((t) => t.includes('Credential leak'))).toBe(true);
    for (const channel of [status, workflowsChannel]) {
      expect(JSON.stringify(fake.messages(channel))).not.toContain('Credential leak');
    }
    expect(JSON.stringify(fake.messages(security))).not.toContain('Drill');
  });

  it('creates a private channel for the private incident and public ones for the others', () => {
    const created = fake.calls('conversations.create').map((c) => [c.params.name, c.params.is_private]);
    expect(created).toEqual([
      [expect.stringMatching(/^inc-1-/), 'false'],
      [expect.stringMatching(/^inc-2-/), 'false'],
      [expect.stringMatching(/^inc-3-/), 'true'],
    ]);
    const privateChannel = fake.channels().find((c) => c.name.startsWith('inc-3-'));
    expect(privateChannel?.isPrivate).toBe(true);
  });

  it('answers an outsider about the private incident exactly as about a missing one', async () => {
    const missing = await answerTo('show INC-42', OUTSIDER);
    expect(await answerTo('show INC-3', OUTSIDER)).toBe(missing.replace('INC-42', 'INC-3'));
    expect(await answerTo('export INC-3', OUTSIDER)).toBe(
      (await answerTo('export INC-42', OUTSIDER)).replace('INC-42', 'INC-3'),
    );
    const list = await answerTo('list', OUTSIDER);
    expect(list).toContain('Workflows are delayed');
    expect(list).toContain('Drill: workflows down');
    expect(list).not.toContain('Credential leak');
  });

  it('shows the private incident to a member of its channel and to a manager', async () => {
    expect(await answerTo('show INC-3', RESPONDER)).toContain('Credential leak in workflows');
    expect(await answerTo('list', RESPONDER)).toContain('Credential leak');
    expect(await answerTo('show INC-3', MANAGER)).toContain('Credential leak in workflows');
    expect(await answerTo('list', MANAGER)).toContain('Credential leak');
    const before = fake.files().length;
    await answerTo('export INC-3 json', MANAGER);
    await outboxSettled(app);
    const file = fake.files().slice(before)[0];
    expect(JSON.parse(file?.content.toString('utf8') ?? '{}')).toMatchObject({
      id: 'INC-3',
      visibility: 'private',
    });
  });

  it('publishes an internal incident when it turns public and withdraws it everywhere when it turns back', async () => {
    const hidden = await snapshotPublic();
    await updateThroughSlack(
      app,
      'INC-2',
      { stage: 'identified', impact: 'critical', components: ['workflows'], visibility: 'public' },
      { userId: RESPONDER },
    );
    await outboxSettled(app);
    const shown = await snapshotPublic();
    for (const path of PUBLIC_ROUTES.filter((p) => !/(status|components)\.json$/.test(p))) {
      expect(shown[path]?.body).toContain('Drill: workflows down');
    }
    expect(shown['/api/v2/status.json']?.body).not.toEqual(hidden['/api/v2/status.json']?.body);
    expect((await get('/incidents/INC-2')).status).toBe(200);
    const components = JSON.parse(shown['/api/v2/components.json']?.body ?? '{}');
    expect(components.components.find((c: { name: string }) => c.name === 'Workflows').status).toBe(
      'major_outage',
    );

    await updateThroughSlack(
      app,
      'INC-2',
      { stage: 'identified', impact: 'critical', components: ['workflows'], visibility: 'internal' },
      { userId: RESPONDER },
    );
    await outboxSettled(app);
    const withdrawn = await snapshotPublic();
    for (const path of PUBLIC_ROUTES) expect(withdrawn[path]?.body).not.toContain('Drill');
    expect((await get('/incidents/INC-2')).status).toBe(404);
    const after = JSON.parse(withdrawn['/api/v2/components.json']?.body ?? '{}');
    expect(after.components.find((c: { name: string }) => c.name === 'Workflows').status).toBe(
      'degraded_performance',
    );
  });

  it('refuses to make the private incident public, inline, changing nothing', async () => {
    const updates = await app.db.prisma.incidentUpdate.count();
    const res = await updateThroughSlack(
      app,
      'INC-3',
      { stage: 'identified', impact: 'major', components: ['workflows'], visibility: 'public' },
      { userId: RESPONDER },
    );
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { visibility: expect.stringContaining('private') },
    });
    expect(await app.db.prisma.incidentUpdate.count()).toBe(updates);
    expect((await app.db.prisma.incident.findFirst({ where: { number: 3 } }))?.visibility).toBe('private');
  });
});
