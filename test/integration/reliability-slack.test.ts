import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

/** SPEC §8: a Slack call whose outcome is unknown is reconciled before it is retried. */
describe('Slack slow or losing answers', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let statusChannel: string;
  let execChannel: string;

  beforeEach(async () => {
    fake = await startFakeSlack();
    statusChannel = fake.addChannel({ name: 'status' });
    execChannel = fake.addChannel({ name: 'exec-updates' });
    app = await startTestApp({
      fake,
      env: { ANNOUNCE_CHANNEL_IDS: `${statusChannel},${execChannel}` },
      slackTimeoutMs: 300,
      // Longer than the stalls below: a call the client gave up on has landed before it is looked for.
      outbox: { unknownOutcomeDelayMs: 1_500 },
    });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const roots = (channel: string) => fake.messages(channel).filter((m) => !m.thread_ts);
  const incidentChannel = () => fake.channels().filter((c) => c.name.startsWith('inc-1-'));

  /** Every message the outbox posted, counted by its job and step: each must appear once. */
  function doubled(): string[] {
    const seen = new Map<string, number>();
    for (const channel of fake.channels()) {
      const all = fake
        .messages(channel.id)
        .flatMap((m) => [m, ...(m.ts ? fake.replies(channel.id, m.ts) : [])]);
      for (const m of new Set(all)) {
        const meta = m.metadata as { event_type?: string; event_payload?: { job?: string; step?: string } };
        if (meta?.event_type !== 'sitrep_outbox') continue;
        const key = `${channel.id}:${meta.event_payload?.job}:${meta.event_payload?.step}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
  }

  it('posts every message once while Slack stalls its calls past the timeout, then performs them', async () => {
    fake.stall('chat.postMessage', 800, 3);
    fake.stall('conversations.create', 800, 1);
    await declareThroughSlack(app, { title: 'Slack is slow' });
    await outboxSettled(app, 60_000);
    await updateThroughSlack(app, 'INC-1', { stage: 'identified', message: 'Found it.' });
    fake.stall('chat.postMessage', 800, 3);
    await outboxSettled(app, 60_000);

    expect(incidentChannel()).toHaveLength(1);
    for (const channel of [statusChannel, execChannel]) {
      expect(roots(channel)).toHaveLength(1);
      const root = roots(channel)[0];
      expect(fake.replies(channel, root?.ts ?? '').filter((m) => m.ts !== root?.ts)).toHaveLength(2);
    }
    const posted = fake.messages(incidentChannel()[0]?.id ?? '');
    expect(posted.map((m) => textOf(m)).filter((t) => t.includes('Found it.'))).toHaveLength(1);
    expect(posted).toHaveLength(2);
    expect(doubled()).toEqual([]);
    expect(await app.db.prisma.outboxJob.count({ where: { status: 'failed' } })).toBe(0);
  });

  it('adopts a post whose answer was lost after Slack performed it', async () => {
    fake.failNext('chat.postMessage', { status: 500, applied: true }, 3);
    await declareThroughSlack(app, { title: 'Answers lost' });
    await outboxSettled(app, 60_000);
    expect(fake.calls('chat.postMessage').filter((c) => c.status === 500)).toHaveLength(3);
    expect(roots(statusChannel)).toHaveLength(1);
    expect(roots(execChannel)).toHaveLength(1);
    expect(fake.messages(incidentChannel()[0]?.id ?? '')).toHaveLength(1);
    expect(doubled()).toEqual([]);
  });

  it('adopts the channel it created when conversations.create lost its answer', async () => {
    fake.failNext('conversations.create', { status: 500, applied: true }, 1);
    await declareThroughSlack(app, { title: 'Channel answer lost' });
    await outboxSettled(app, 60_000);
    expect(incidentChannel().map((c) => c.name)).toEqual(['inc-1-channel-answer-lost']);
    const incident = await app.db.prisma.incident.findFirstOrThrow();
    expect(incident.channelId).toBe(incidentChannel()[0]?.id);
  });

  it('calls views.open once and tells the responder at once when Slack does not open the form', async () => {
    fake.stall('views.open', 3_000, 1);
    const res = await app.slack.command('declare Stalled modal');
    expect(res.status).toBe(200);
    const answer = await fake.waitFor(() => fake.responses(res.responseUrl)[0], { timeoutMs: 15_000 });
    expect(answer.text).toBe('Slack did not let me open the form in time: please try again.');
    // The stalled call is recorded when the stall ends; a retry, unstalled, would be recorded before it.
    await fake.waitFor(() => fake.calls('views.open').length > 0, { timeoutMs: 15_000 });
    expect(fake.calls('views.open')).toHaveLength(1);
    expect(await app.db.prisma.incident.count()).toBe(0);
  });
});
