import { DECLARE_CALLBACK } from '../../src/slack/ids';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { declareValues, outboxSettled } from '../support/scenarios';
import { startServiceProcess } from '../support/service-process';
import { SlackDriver } from '../support/slack-driver';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app';
import { describeWithPostgres, freshPostgresDatabase } from '../support/test-database';

describeWithPostgres('SIGTERM to `npm start` with requests and jobs in flight', () => {
  jest.setTimeout(240_000);
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let app: TestApp | undefined;

  beforeEach(async () => {
    fake = await startFakeSlack();
    database = await freshPostgresDatabase();
  });

  afterEach(async () => {
    await app?.stop();
    await database.drop();
    await fake.close();
  });

  it('answers every accepted request, keeps every declaration, and posts each message once', async () => {
    const status = fake.addChannel({ name: 'status' });
    await (await database.open()).close();
    const service = startServiceProcess('npm start', {
      DATABASE_URL: database.url,
      SLACK_API_URL: fake.apiUrl,
      ANNOUNCE_CHANNEL_IDS: status,
    });
    const url = await service.url;
    const driver = new SlackDriver({ eventsUrl: `${url}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    // A first declaration warms the process up (its first request compiles and connects lazily).
    const warm = await driver.viewSubmission({
      callbackId: DECLARE_CALLBACK,
      values: declareValues({ title: 'Warm' }),
    });
    expect(warm.status).toBe(200);
    // Posts in flight when the signal comes: the drain finishes or releases them.
    fake.stall('chat.postMessage', 1_500, 6);
    const outcomes = Array.from({ length: 4 }, (_, i) =>
      driver
        .viewSubmission({ callbackId: DECLARE_CALLBACK, values: declareValues({ title: `Load ${i}` }) })
        .then(
          (res) => String(res.status),
          (error: Error & { code?: string }) => error.code ?? error.message,
        ),
    );
    await Promise.race(outcomes);
    process.kill(service.child.pid ?? 0, 'SIGTERM');
    const answered = await Promise.all(outcomes);
    const exit = await service.exited;

    // Requests that reach it once it is stopping are turned away (refused, or 503 from the closing server)
    // and change nothing; every request it accepted is answered.
    const turnedAway = new Set(['ECONNREFUSED', '503']);
    expect(answered.filter((a) => a !== '200' && !turnedAway.has(a))).toEqual([]);
    const accepted = answered.filter((a) => a === '200').length + 1;
    expect(accepted).toBeGreaterThan(0);
    expect(exit).toBe(0);
    expect(service.output()).toContain('SIGTERM: finishing in-flight work');
    expect(service.output()).toContain('stopped');

    app = await startTestApp({
      fake,
      database: await database.open(),
      env: { ANNOUNCE_CHANNEL_IDS: status },
    });
    await outboxSettled(app, 120_000);
    expect(await app.db.prisma.incident.count()).toBe(accepted);
    const roots = fake.messages(status).filter((m) => !m.thread_ts);
    expect(roots).toHaveLength(accepted);
    expect(new Set(roots.map((m) => m.text)).size).toBe(accepted);
    expect(fake.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(accepted);
    expect(await app.db.prisma.outboxJob.count({ where: { status: 'failed' } })).toBe(0);
  });
});
