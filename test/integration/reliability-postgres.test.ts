import { connect, createServer, type Server, type Socket } from 'node:net';
import { migrationNames } from '../../src/persistence/migrations';
import { type Database, openDatabase } from '../../src/persistence/open-database';
import { DECLARE_CALLBACK } from '../../src/slack/ids';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { declareValues, outboxSettled } from '../support/scenarios';
import { startServiceProcess } from '../support/service-process';
import { SlackDriver } from '../support/slack-driver';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app';
import { describeWithPostgres, freshPostgresDatabase } from '../support/test-database';

/** A TCP proxy in front of the PostgreSQL server that can be cut and restored, the server left alone. */
async function startCuttableProxy(
  target: URL,
): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const proxied = new URL(target);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(typeof address === 'object' && address ? address.port : 0);
  return {
    url: proxied.toString(),
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

/** Polls until `probe` holds (60 s at most). */
async function until(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached within 60 s');
    await new Promise((done) => setTimeout(done, 50));
  }
}

describeWithPostgres('reliability on a PostgreSQL server', () => {
  jest.setTimeout(180_000);
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let apps: TestApp[];
  let extra: Database[];
  let channels: string[];

  beforeEach(async () => {
    fake = await startFakeSlack();
    database = await freshPostgresDatabase();
    apps = [];
    extra = [];
    channels = ['status', 'exec-updates', 'support'].map((name) => fake.addChannel({ name }));
  });

  afterEach(async () => {
    for (const app of apps) await app.stop();
    for (const db of extra) await db.close();
    await database.drop();
    await fake.close();
  });

  const roots = (channel: string) => fake.messages(channel).filter((m) => !m.thread_ts);
  const replies = (channel: string) => {
    const root = roots(channel)[0];
    return root ? fake.replies(channel, root.ts).filter((m) => m.ts !== root.ts) : [];
  };

  /** Each announce channel holds one root and one reply per incident, the incident channel one update. */
  function expectEachPostOnce(incidents: number): void {
    for (const channel of channels) {
      expect(roots(channel)).toHaveLength(incidents);
      if (incidents === 1) expect(replies(channel)).toHaveLength(1);
    }
    const incidentChannels = fake.channels().filter((c) => c.name.startsWith('inc-'));
    expect(incidentChannels).toHaveLength(incidents);
    for (const c of incidentChannels) expect(fake.messages(c.id)).toHaveLength(1);
  }

  it('lets two replicas migrate the same new database at once, and leaves no lock held', async () => {
    const waited: number[] = [];
    const opened = await Promise.all(
      [0, 1].map((replica) =>
        openDatabase({ databaseUrl: database.url, onMigrationWait: () => waited.push(replica) }),
      ),
    );
    extra.push(...opened);
    const applied = opened.map((db) => db.appliedMigrations.length).sort();
    expect(applied).toEqual([0, (await migrationNames()).length]);
    expect(waited).toHaveLength(1);
    const [first] = opened;
    if (!first) throw new Error('no database opened');
    const locks = await first.prisma.$queryRaw<{ held: number }[]>`
      SELECT count(*)::int AS held FROM pg_locks
      WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(locks[0]?.held).toBe(0);
  });

  it('posts each message of a fan-out once while PostgreSQL is lost and comes back', async () => {
    await (await database.open()).close();
    const proxy = await startCuttableProxy(new URL(database.url));
    try {
      const throughProxy = await openDatabase({ databaseUrl: proxy.url });
      extra.push(throughProxy);
      const app = await startTestApp({
        fake,
        database: throughProxy,
        env: { ANNOUNCE_CHANNEL_IDS: channels.join(',') },
      });
      apps.push(app);
      const direct = await database.open();
      // The first posts are in flight (performed, not yet answered) when the database goes.
      fake.stall('chat.postMessage', 1_000, 4);
      const res = await app.slack.viewSubmission({ callbackId: DECLARE_CALLBACK, values: declareValues() });
      expect(res.status).toBe(200);
      await until(async () => (await direct.prisma.outboxJob.count({ where: { status: 'running' } })) > 0);
      proxy.cut();
      await new Promise((done) => setTimeout(done, 2_500));
      proxy.restore();
      await until(
        async () =>
          (await direct.prisma.outboxJob.count({ where: { status: { in: ['pending', 'running'] } } })) === 0,
      );
      expectEachPostOnce(1);
      expect(await direct.prisma.outboxJob.count({ where: { status: 'failed' } })).toBe(0);
    } finally {
      for (const app of apps.splice(0)) await app.stop();
      await proxy.close();
    }
  });

  it('resumes the jobs of a replica killed with kill -9, posting none twice', async () => {
    await (await database.open()).close();
    const killed = startServiceProcess('node', {
      DATABASE_URL: database.url,
      SLACK_API_URL: fake.apiUrl,
      ANNOUNCE_CHANNEL_IDS: channels.join(','),
    });
    const url = await killed.url;
    const driver = new SlackDriver({ eventsUrl: `${url}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    const direct = await database.open();
    // Its posts stall: they are claimed and in flight, and Slack performs them after the kill.
    fake.stall('chat.postMessage', 2_000, 4);
    const res = await driver.viewSubmission({ callbackId: DECLARE_CALLBACK, values: declareValues() });
    expect(res.status).toBe(200);
    await until(async () => (await direct.prisma.outboxJob.count({ where: { status: 'running' } })) > 0);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const app = await startTestApp({
      fake,
      database: direct,
      env: { ANNOUNCE_CHANNEL_IDS: channels.join(',') },
    });
    apps.push(app);
    await outboxSettled(app, 90_000);
    expectEachPostOnce(1);
    expect(await direct.prisma.outboxJob.count({ where: { status: 'failed' } })).toBe(0);
  });
});
