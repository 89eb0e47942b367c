import { channelQueue } from '../../src/outbox/queues';
import { OutboxStore } from '../../src/persistence/outbox-store';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeWithPostgres, freshPostgresDatabase } from '../support/test-database';

describeWithPostgres('the outbox on a PostgreSQL server', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let apps: TestApp[] = [];

  beforeEach(async () => {
    fake = await startFakeSlack();
    database = await freshPostgresDatabase();
    apps = [];
  });

  afterEach(async () => {
    for (const app of apps) await app.stop();
    await database.drop();
    await fake.close();
  });

  it('declares and announces through the real flow', async () => {
    const status = fake.addChannel({ name: 'status' });
    const app = await startTestApp({
      fake,
      database: await database.open(),
      env: { ANNOUNCE_CHANNEL_IDS: status },
    });
    apps.push(app);
    await declareThroughSlack(app, { title: 'On PostgreSQL' });
    await outboxSettled(app);
    expect(fake.messages(status).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(fake.channel('inc-1-on-postgresql')).toBeDefined();
  });

  it('lets two workers race on 200 jobs without posting any twice', async () => {
    const first = await startTestApp({ fake, database: await database.open(), outbox: { concurrency: 8 } });
    const second = await startTestApp({ fake, database: await database.open(), outbox: { concurrency: 8 } });
    apps.push(first, second);
    await declareThroughSlack(first, { title: 'Race' });
    await outboxSettled(first);
    const incident = await first.db.prisma.incident.findFirstOrThrow();
    const channel = incident.channelId ?? '';
    const before = fake.messages(channel).length;

    // 200 independent queues, so both workers can take jobs side by side.
    await new OutboxStore(first.db.prisma).enqueue(
      incident.id,
      Array.from({ length: 200 }, (_, i) => ({
        queue: `${channelQueue(incident.id)}:race-${i}`,
        effect: { kind: 'channel.post_text' as const, incidentId: incident.id, text: `job ${i}` },
      })),
    );
    first.service.outbox?.notify();
    second.service.outbox?.notify();
    await outboxSettled(first, 60_000);

    const texts = fake
      .messages(channel)
      .slice(before)
      .map((m) => textOf(m));
    expect(texts).toHaveLength(200);
    expect(new Set(texts).size).toBe(200);
    const workers = await first.db.prisma.outboxJob.groupBy({
      by: ['lockedBy'],
      where: { kind: 'channel.post_text' },
      _count: { _all: true },
    });
    expect(workers.length).toBe(2);
  });
});
