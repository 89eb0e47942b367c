import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled } from '../support/scenarios';
import { pinAddedEvent, reactionAddedEvent } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';

/** Polls an async probe until it returns something truthy. */
async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Events are processed after their ack: give a stray one time to (wrongly) do something. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

/** A Slack ts a few seconds ago, with microseconds: `1764322245.123456`. */
function recentTs(secondsAgo: number, micros = 123_456): string {
  return `${Math.floor(Date.now() / 1000) - secondsAgo}.${String(micros).padStart(6, '0')}`;
}

const tsTime = (ts: string) => {
  const [seconds = '0', fraction = '0'] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Math.floor(Number(fraction) / 1000));
};

describe('timeline notes from the incident channel', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let statusChannel: string;
  let incidentChannel: string;
  let incidentId: string;
  /** Outbox jobs other than export DMs, once the declaration was handled. */
  let jobsAfterDeclare: number;
  const postingJobs = () =>
    app.db.prisma.outboxJob.count({ where: { kind: { notIn: ['export.dm', 'note.capture'] } } });

  const notes = () => app.db.prisma.note.findMany({ orderBy: { occurredAt: 'asc' } });

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: 'U0ALICE', name: 'alice', displayName: 'Alice Ops' });
    fake.addUser({ id: 'U0BOB', name: 'bob', displayName: 'Bob Builder' });
    statusChannel = fake.addChannel({ name: 'status' });
    app = await startTestApp({ fake, env: { ANNOUNCE_CHANNEL_IDS: statusChannel } });
    await declareThroughSlack(app, { title: 'Checkout is slow' }, { userId: 'U0ALICE' });
    await outboxSettled(app);
    const incident = await app.db.prisma.incident.findFirstOrThrow({ where: { number: 1 } });
    incidentId = incident.id;
    incidentChannel = incident.channelId ?? '';
    expect(incidentChannel).not.toBe('');
    jobsAfterDeclare = await postingJobs();
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('adds a :pushpin:ed message as an internal note, by its author, at its own time', async () => {
    const ts = fake.addMessage(incidentChannel, {
      user: 'U0ALICE',
      text: 'Rolled back deploy 42 &amp; paged <@U0BOB> :rewind:',
      ts: recentTs(120),
    });
    const res = await app.slack.event(
      reactionAddedEvent({
        user: 'U0BOB',
        reaction: 'pushpin',
        channel: incidentChannel,
        ts,
        itemUser: 'U0ALICE',
      }),
    );
    expect(res.status).toBe(200);
    const [note] = await eventually(async () => {
      const rows = await notes();
      return rows.length > 0 && rows;
    });
    expect(note).toMatchObject({
      incidentId,
      channelId: incidentChannel,
      messageTs: ts,
      authorId: 'U0ALICE',
      text: 'Rolled back deploy 42 & paged @Bob Builder :rewind:',
      occurredAt: tsTime(ts),
    });
    expect(await app.db.prisma.processedRequest.count({ where: { key: `slack-event:${res.eventId}` } })).toBe(
      1,
    );
  });

  it('puts the note in the Markdown export, marked internal, with the display name and time', async () => {
    const before = fake.files().length;
    await app.slack.command('export INC-1 markdown', { userId: 'U0ALICE' });
    await fake.waitFor(() => fake.files().length > before);
    const markdown = fake.files().at(-1)?.content.toString('utf8') ?? '';
    expect(markdown).toContain('### Internal note');
    expect(markdown).toContain('From the incident channel, by Alice Ops');
    expect(markdown).toContain('Rolled back deploy 42 & paged @Bob Builder :rewind:');
    expect(markdown).not.toContain('U0ALICE');
    const [note] = await notes();
    const noteAt = markdown.indexOf('### Internal note');
    const firstUpdateAt = markdown.indexOf('### Investigating');
    // The note was written two minutes before the incident was declared here, so it comes first.
    expect(note?.occurredAt.getTime()).toBeLessThan(
      (await app.db.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } })).startedAt.getTime(),
    );
    expect(noteAt).toBeLessThan(firstUpdateAt);
  });

  it('adds nothing more for a Slack retry of the same event, nor for a pin of the same message', async () => {
    const ts = fake.addMessage(incidentChannel, {
      user: 'U0BOB',
      text: 'Error rate back under 1%',
      ts: recentTs(60),
    });
    const reaction = reactionAddedEvent({
      user: 'U0ALICE',
      reaction: 'pushpin',
      channel: incidentChannel,
      ts,
    });
    const first = await app.slack.event(reaction);
    await eventually(async () => (await notes()).some((n) => n.messageTs === ts));
    const historyReads = fake.calls('conversations.history').length;

    const retry = await app.slack.event(reaction, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
    const pin = await app.slack.event(
      pinAddedEvent({
        user: 'U0ALICE',
        channel: incidentChannel,
        ts,
        message: { user: 'U0BOB', text: 'Error rate back under 1%' },
      }),
    );
    await eventually(() =>
      app.db.prisma.processedRequest.findUnique({ where: { key: `slack-event:${pin.eventId}` } }),
    );
    await settle();
    expect((await notes()).filter((n) => n.messageTs === ts)).toHaveLength(1);
    // The retry was known by its event id: Slack was not even asked for the message again.
    expect(fake.calls('conversations.history')).toHaveLength(historyReads);
  });

  it('adds a pinned message that is not a note yet, from the message the event carries', async () => {
    const ts = fake.addMessage(incidentChannel, {
      user: 'U0BOB',
      text: 'Customer X confirms recovery',
      ts: recentTs(30),
    });
    await app.slack.event(
      pinAddedEvent({
        user: 'U0ALICE',
        channel: incidentChannel,
        ts,
        message: { user: 'U0BOB', text: 'Customer X confirms recovery' },
      }),
    );
    const note = await eventually(async () => (await notes()).find((n) => n.messageTs === ts));
    expect(note).toMatchObject({
      authorId: 'U0BOB',
      text: 'Customer X confirms recovery',
      occurredAt: tsTime(ts),
    });
  });

  it('reads a threaded reply from its thread', async () => {
    const parent = fake.addMessage(incidentChannel, {
      user: 'U0ALICE',
      text: 'Theory: the cache',
      ts: recentTs(20),
    });
    const reply = fake.addMessage(incidentChannel, {
      user: 'U0BOB',
      text: 'Confirmed: cache hit rate dropped to 3%',
      thread_ts: parent,
      ts: recentTs(10),
    });
    await app.slack.event(
      reactionAddedEvent({ user: 'U0ALICE', reaction: 'pushpin', channel: incidentChannel, ts: reply }),
    );
    const note = await eventually(async () => (await notes()).find((n) => n.messageTs === reply));
    expect(note).toMatchObject({ authorId: 'U0BOB', text: 'Confirmed: cache hit rate dropped to 3%' });
    expect((await notes()).some((n) => n.messageTs === parent)).toBe(false);
  });

  it('ignores a :pushpin: outside incident channels, other reactions and bot messages', async () => {
    const count = (await notes()).length;
    const general = fake.addMessage('C_GENERAL', { user: 'U0BOB', text: 'lunch?' });
    await app.slack.event(
      reactionAddedEvent({ user: 'U0ALICE', reaction: 'pushpin', channel: 'C_GENERAL', ts: general }),
    );
    const plusOne = fake.addMessage(incidentChannel, { user: 'U0BOB', text: 'Deploying the fix' });
    await app.slack.event(
      reactionAddedEvent({ user: 'U0ALICE', reaction: '+1', channel: incidentChannel, ts: plusOne }),
    );
    const botPost = fake.messages(incidentChannel).find((m) => m.bot_id);
    expect(botPost).toBeDefined();
    await app.slack.event(
      reactionAddedEvent({
        user: 'U0ALICE',
        reaction: 'pushpin',
        channel: incidentChannel,
        ts: botPost?.ts ?? '',
      }),
    );
    await settle();
    expect(await notes()).toHaveLength(count);
  });

  it('never posts a note: not in the announce channels, not in the incident channel', async () => {
    await outboxSettled(app);
    expect(await postingJobs()).toBe(jobsAfterDeclare);
    const noteTexts = (await notes()).map((n) => n.text);
    expect(noteTexts.length).toBeGreaterThan(0);
    const announced = fake
      .messages(statusChannel)
      .flatMap((root) => [root, ...fake.replies(statusChannel, root.ts)])
      .map((m) => textOf(m))
      .join('\n');
    const botPosts = fake
      .messages(incidentChannel)
      .filter((m) => m.bot_id)
      .map((m) => textOf(m))
      .join('\n');
    for (const text of noteTexts) {
      expect(announced).not.toContain(text);
      expect(botPosts).not.toContain(text);
    }
  });

  it('keeps a note whose message Slack would not give at first, and adds it once Slack answers', async () => {
    const ts = fake.addMessage(incidentChannel, {
      user: 'U0BOB',
      text: 'Failover finished at 10:42',
      ts: recentTs(33, 424_242),
    });
    // More failures than the listener's own client retries: the outbox takes the request over.
    fake.failNext('conversations.history', { status: 500 }, 4);
    const res = await app.slack.event(
      reactionAddedEvent({
        user: 'U0ALICE',
        reaction: 'pushpin',
        channel: incidentChannel,
        ts,
        itemUser: 'U0BOB',
      }),
    );
    expect(res.status).toBe(200);
    const note = await eventually(() => app.db.prisma.note.findFirst({ where: { messageTs: ts } }));
    expect(note).toMatchObject({
      authorId: 'U0BOB',
      text: 'Failover finished at 10:42',
      occurredAt: tsTime(ts),
    });
    expect(fake.calls('conversations.history').filter((c) => c.status === 500)).toHaveLength(4);
    // The job is recorded as done just after its handler has written the note.
    const done = () => app.db.prisma.outboxJob.count({ where: { kind: 'note.capture', status: 'done' } });
    await eventually(done);
    expect(await done()).toBe(1);
  });
});
