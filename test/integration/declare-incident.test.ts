import { DECLARE_CALLBACK, Field } from '../../src/slack/ids';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, declareValues, outboxSettled } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

describe('declaring an incident from Slack', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let statusChannel: string;
  let execChannel: string;

  beforeEach(async () => {
    fake = await startFakeSlack();
    statusChannel = fake.addChannel({ name: 'status' });
    execChannel = fake.addChannel({ name: 'exec-updates' });
    app = await startTestApp({ fake, env: { ANNOUNCE_CHANNEL_IDS: `${statusChannel},${execChannel}` } });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const rootMessages = (channel: string) => fake.messages(channel).filter((m) => !m.thread_ts);

  it('opens the declare modal with the ids SPEC §5.2 fixes, title prefilled and catalog grouped', async () => {
    const res = await app.slack.command('declare Checkout is slow');
    expect(res.status).toBe(200);
    const [opened] = await fake.waitFor(() => (fake.views().length > 0 ? fake.views() : undefined));
    const view = opened?.view as unknown as { callback_id: string; blocks: Array<Record<string, unknown>> };
    expect(view.callback_id).toBe(DECLARE_CALLBACK);
    const ids = view.blocks.map((b) => [b.block_id, (b.element as { action_id: string }).action_id]);
    expect(ids).toEqual(
      [
        'title',
        'impact',
        'visibility',
        'components',
        'component_status',
        'stage',
        'message',
        'started_at',
        'detected_by',
        'detected_at',
        'lead',
      ].map((id) => [id, id]),
    );
    const title = view.blocks[0]?.element as { initial_value: string };
    expect(title.initial_value).toBe('Checkout is slow');
    const components = view.blocks.find((b) => b.block_id === 'components')?.element as {
      option_groups: Array<{ label: { text: string }; options: unknown[] }>;
    };
    expect(components.option_groups.map((g) => g.label.text)).toEqual([
      'Vero 1.0',
      'Other components',
      'Vero 2.0',
    ]);
  });

  it('declares the Vero incident: database, incident channel and one root message per announce channel', async () => {
    const res = await declareThroughSlack(
      app,
      {
        title: 'Degraded performance across Vero platform',
        impact: 'minor',
        components: ['vero1-ingestion-api', 'general-ui', 'transactional-emails'],
        message: 'We are investigating reports of degraded performance :mag:',
        startedAt: '2022-09-01T09:10:45Z',
        detectedBy: 'Pingoru',
        detectedAt: '2022-09-01T09:10:45Z',
        lead: 'U_LEAD',
      },
      { userId: 'U_DECLARER' },
    );
    expect(res.status).toBe(200);
    expect(res.rawBody).toBe('');
    await outboxSettled(app);

    const incidents = await app.db.prisma.incident.findMany({
      include: { updates: true, components: { include: { component: true } } },
    });
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({
      number: 1,
      title: 'Degraded performance across Vero platform',
      impact: 'minor',
      stage: 'investigating',
      resolvedAt: null,
      detectedBy: 'Pingoru',
      leadId: 'U_LEAD',
      declaredById: 'U_DECLARER',
      channelName: 'inc-1-degraded-performance-across-vero-platform',
    });
    expect(incident?.startedAt.toISOString()).toBe('2022-09-01T09:10:45.000Z');
    expect(incident?.detectedAt?.toISOString()).toBe('2022-09-01T09:10:45.000Z');
    expect(incident?.updates).toHaveLength(1);
    expect(incident?.updates[0]?.occurredAt.toISOString()).toBe('2022-09-01T09:10:45.000Z');
    expect(incident?.components.map((c) => [c.component.key, c.status]).sort()).toEqual([
      ['general-ui', 'degraded_performance'],
      ['transactional-emails', 'degraded_performance'],
      ['vero1-ingestion-api', 'degraded_performance'],
    ]);

    const channel = fake.channel('inc-1-degraded-performance-across-vero-platform');
    expect(channel).toBeDefined();
    expect(channel?.members).toEqual(expect.arrayContaining(['U_DECLARER', 'U_LEAD']));
    expect(channel?.topic).toContain('Vero experienced a minor incident on September 1, 2022');
    const channelPosts = fake.messages(channel?.id ?? '');
    expect(channelPosts).toHaveLength(1);
    expect(textOf(channelPosts[0])).toContain('We are investigating reports of degraded performance :mag:');

    for (const announce of [statusChannel, execChannel]) {
      const roots = rootMessages(announce);
      expect(roots).toHaveLength(1);
      const shown = textOf(roots[0]);
      expect(shown).toContain('INC-1: Degraded performance across Vero platform');
      expect(shown).toContain('Minor');
      expect(shown).toContain('Investigating');
      expect(shown).toContain('Vero 1.0: Ingestion API');
      expect(shown).toContain('General UI access and speed');
      expect(shown).toContain('Transactional emails');
      expect(shown).toContain('<!date^1662023445^');
      expect(shown).toContain(`<#${channel?.id}>`);
      expect(shown).toContain('https://status.example.test/incidents/INC-1');
      expect(fake.replies(announce, roots[0]?.ts ?? '')).toHaveLength(1);
    }
    const confirmation = fake.ephemerals('U_DECLARER');
    expect(confirmation).toHaveLength(1);
    expect(textOf(confirmation[0])).toContain('INC-1 declared');
  });

  it.each([
    ['an empty title', { title: '' }, Field.title, 'title'],
    ['a title over 150 characters', { title: 'x'.repeat(151) }, Field.title, '150 characters'],
    ['an empty message', { message: '   ' }, Field.message, 'Write what is happening'],
    ['a message over 3000 characters', { message: 'y'.repeat(3001) }, Field.message, '3000 characters'],
    ['a start in the future', { startedAt: '2099-01-01T00:00:00Z' }, Field.startedAt, 'future'],
    ['a detection in the future', { detectedAt: '2099-01-01T00:00:00Z' }, Field.detectedAt, 'future'],
    [
      'a detection before the start',
      { startedAt: '2022-09-01T10:00:00Z', detectedAt: '2022-09-01T09:00:00Z' },
      Field.detectedAt,
      'before it started',
    ],
    [
      'an unknown component',
      { components: ['general-ui', 'no-such-thing'] },
      Field.components,
      'no-such-thing',
    ],
  ])('answers %s with an inline error and saves nothing', async (_what, fields, block, words) => {
    await app.slack.command('declare');
    await fake.waitFor(() => fake.views().length > 0);
    const res = await app.slack.viewSubmission({
      callbackId: DECLARE_CALLBACK,
      values: declareValues(fields),
    });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('errors');
    expect(body.errors?.[block]).toContain(words);
    expect(await app.db.prisma.incident.count()).toBe(0);
    expect(await app.db.prisma.outboxJob.count()).toBe(0);
  });

  it('declares once when the same view is submitted twice', async () => {
    await app.slack.command('declare');
    await fake.waitFor(() => fake.views().length > 0);
    const values = declareValues({ title: 'Double click' });
    const [first, second] = await Promise.all([
      app.slack.viewSubmission({ callbackId: DECLARE_CALLBACK, values }),
      app.slack.viewSubmission({ callbackId: DECLARE_CALLBACK, values }),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const third = await app.slack.viewSubmission({ callbackId: DECLARE_CALLBACK, values });
    expect(third.status).toBe(200);
    await outboxSettled(app);
    expect(await app.db.prisma.incident.count()).toBe(1);
    expect(rootMessages(statusChannel)).toHaveLength(1);
  });

  it('numbers incidents INC-1, INC-2 in a row', async () => {
    await declareThroughSlack(app, { title: 'First' });
    await declareThroughSlack(app, { title: 'Second' });
    await outboxSettled(app);
    const numbers = (await app.db.prisma.incident.findMany({ orderBy: { number: 'asc' } })).map((i) => [
      i.number,
      i.title,
    ]);
    expect(numbers).toEqual([
      [1, 'First'],
      [2, 'Second'],
    ]);
    expect(fake.channel('inc-1-first')).toBeDefined();
    expect(fake.channel('inc-2-second')).toBeDefined();
  });

  it('renders <!channel> in a title literally, pinging nobody', async () => {
    await declareThroughSlack(app, { title: '<!channel> db down', message: 'Ping <!here> & <@U123>?' });
    await outboxSettled(app);
    const posted = [
      ...rootMessages(statusChannel),
      ...fake.messages(fake.channel('inc-1-channel-db-down')?.id ?? ''),
    ];
    expect(posted.length).toBeGreaterThanOrEqual(2);
    for (const message of posted) {
      const shown = textOf(message);
      expect(shown).not.toMatch(/<!channel>|<!here>|<@U123>/);
    }
    expect(textOf(rootMessages(statusChannel)[0])).toContain('&lt;!channel&gt; db down');
  });

  it('waits out 429 Retry-After on the first posts and still delivers every message once', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 3);
    await declareThroughSlack(app, { title: 'Rate limited' });
    await outboxSettled(app);
    expect(fake.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(3);
    expect(rootMessages(statusChannel)).toHaveLength(1);
    expect(rootMessages(execChannel)).toHaveLength(1);
    expect(fake.messages(fake.channel('inc-1-rate-limited')?.id ?? '')).toHaveLength(1);
  });

  it('loses and doubles nothing while Slack answers 500 for a while', async () => {
    // Counted, not timed: a window of milliseconds can close before a slow run's first post.
    fake.failNext('chat.postMessage', { status: 500 }, 4);
    fake.failNext('conversations.create', { status: 500 }, 2);
    await declareThroughSlack(app, { title: 'Slack is down' });
    await outboxSettled(app);
    expect(fake.calls('chat.postMessage').some((c) => c.status === 500)).toBe(true);
    expect(rootMessages(statusChannel)).toHaveLength(1);
    expect(rootMessages(execChannel)).toHaveLength(1);
    expect(fake.channels().filter((c) => c.name.startsWith('inc-1-'))).toHaveLength(1);
    expect(fake.messages(fake.channel('inc-1-slack-is-down')?.id ?? '')).toHaveLength(1);
  });

  it('joins an announce channel it is not in, then posts', async () => {
    const outside = fake.addChannel({ name: 'outside', botIsMember: false });
    await app.close();
    app = await startTestApp({ fake, env: { ANNOUNCE_CHANNEL_IDS: outside } });
    await declareThroughSlack(app, { title: 'Join first' });
    await outboxSettled(app);
    expect(fake.calls('conversations.join')).toHaveLength(1);
    expect(rootMessages(outside)).toHaveLength(1);
  });

  it('records a permanent error on the job and reports it once in the incident channel', async () => {
    const archived = fake.addChannel({ name: 'old-status', archived: true });
    await app.close();
    app = await startTestApp({ fake, env: { ANNOUNCE_CHANNEL_IDS: `${archived},${statusChannel}` } });
    await declareThroughSlack(app, { title: 'Archived announce channel' });
    await outboxSettled(app);
    const failed = await app.db.prisma.outboxJob.findMany({ where: { status: 'failed' } });
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]?.lastError).toContain('is_archived');
    const incidentChannel = fake.channel('inc-1-archived-announce-channel')?.id ?? '';
    const warnings = fake.messages(incidentChannel).filter((m) => textOf(m).includes('could not'));
    expect(warnings).toHaveLength(1);
    expect(textOf(warnings[0])).toContain(`<#${archived}>`);
    expect(rootMessages(statusChannel)).toHaveLength(1);
  });

  it('delivers jobs left pending by a stopped process once, after a restart', async () => {
    await app.close();
    const { freshEmbeddedDatabase } = await import('../support/test-database');
    const db = await freshEmbeddedDatabase();
    try {
      const first = await startTestApp({
        fake,
        database: db,
        runOutbox: false,
        env: { ANNOUNCE_CHANNEL_IDS: statusChannel },
      });
      await declareThroughSlack(first, { title: 'Pending at stop' });
      await first.stop();
      expect(await db.prisma.outboxJob.count({ where: { status: 'pending' } })).toBeGreaterThan(0);
      expect(rootMessages(statusChannel)).toHaveLength(0);

      app = await startTestApp({ fake, database: db, env: { ANNOUNCE_CHANNEL_IDS: statusChannel } });
      await outboxSettled(app);
      expect(rootMessages(statusChannel)).toHaveLength(1);
      expect(fake.channels().filter((c) => c.name.startsWith('inc-1-'))).toHaveLength(1);
      await app.stop();
    } finally {
      await db.close();
    }
    app = await startTestApp({ fake });
  });

  it('tells the responder "not saved" when the database is down, and posts nothing', async () => {
    await app.slack.command('declare');
    await fake.waitFor(() => fake.views().length > 0);
    await app.db.close();
    const res = await app.slack.viewSubmission({
      callbackId: DECLARE_CALLBACK,
      values: declareValues({ title: 'No database' }),
    });
    expect(res.status).toBe(200);
    expect(res.json().response_action).toBe('errors');
    expect(JSON.stringify(res.json().errors)).toContain('Not saved');
    expect(fake.calls('chat.postMessage')).toHaveLength(0);
    expect(fake.calls('conversations.create')).toHaveLength(0);
  });
});
