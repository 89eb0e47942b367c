import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { outboxSettled } from '../support/scenarios';
import { checkboxes, dateTime, multiSelect, select, stateValues, text } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeWithPostgres, freshPostgresDatabase } from '../support/test-database';

const T0 = new Date('2026-12-01T12:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

describeWithPostgres('the maintenance clock on two processes sharing one PostgreSQL database', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const apps: TestApp[] = [];

  beforeEach(async () => {
    fake = await startFakeSlack();
    database = await freshPostgresDatabase();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await database.drop();
    await fake.close();
  });

  it('posts each transition and the reminder once', async () => {
    const status = fake.addChannel({ name: 'status' });
    const clock = { now: () => T0 };
    for (let i = 0; i < 2; i++) {
      apps.push(
        await startTestApp({
          fake,
          clock,
          database: await database.open(),
          env: { ANNOUNCE_CHANNEL_IDS: status },
        }),
      );
    }
    const [first, second] = apps as [TestApp, TestApp];
    await first.slack.command('maintenance');
    await fake.waitFor(() => fake.views().length > 0);
    const res = await first.slack.viewSubmission({
      callbackId: 'maintenance_schedule',
      values: stateValues({
        title: text('Shared database upgrade'),
        components: multiSelect(['workflows']),
        message: text('Planned.'),
        scheduled_for: dateTime(seconds(minutes(90))),
        scheduled_until: dateTime(seconds(minutes(120))),
        already_started: checkboxes([]),
        visibility: select('public'),
        auto_transitions: checkboxes(['auto']),
      }),
    });
    expect(res.status).toBe(200);
    await outboxSettled(first);

    for (const at of [minutes(30), minutes(90), minutes(120)]) {
      const passes = await Promise.all(
        apps.flatMap((app) => [app.service.maintenanceClock(at), app.service.maintenanceClock(at)]),
      );
      const total = passes.reduce((sum, p) => sum + p.started + p.completed + p.reminded, 0);
      expect(total).toBe(1);
    }
    await outboxSettled(first);
    await outboxSettled(second);
    const [root] = fake.messages(status).filter((m) => !m.thread_ts);
    const replies = root ? fake.replies(status, root.ts).map((m) => textOf(m)) : [];
    expect(replies).toEqual([
      expect.stringContaining('Scheduled'),
      expect.stringContaining('starts in an hour'),
      expect.stringContaining('In progress'),
      expect.stringContaining('Completed'),
    ]);
  });
});
