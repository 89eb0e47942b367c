import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe('housekeeping', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeEach(async () => {
    fake = await startFakeSlack();
    app = await startTestApp({
      fake,
      env: { UPDATE_REMINDER_MINUTES: 'minor=5,major=0', ARCHIVE_CHANNELS_AFTER_DAYS: '1' },
    });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const reminders = (channel: string) =>
    fake.messages(channel).filter((m) => textOf(m).includes('has had no update'));
  const channelOf = async (number: number) =>
    (await app.db.prisma.incident.findFirstOrThrow({ where: { number } })).channelId ?? '';

  it('nudges the lead of a quiet open incident once per period', async () => {
    await declareThroughSlack(app, { title: 'Quiet', impact: 'minor', lead: 'U0LEAD' });
    await outboxSettled(app);
    const channel = await channelOf(1);

    expect(await app.service.housekeep(minutes(4))).toEqual({ reminders: 0, archives: 0 });
    expect((await app.service.housekeep(minutes(6))).reminders).toBe(1);
    expect((await app.service.housekeep(minutes(7))).reminders).toBe(0);
    await outboxSettled(app);
    expect(reminders(channel)).toHaveLength(1);
    expect(textOf(reminders(channel)[0])).toContain('<@U0LEAD> INC-1 has had no update for 5 minutes');

    expect((await app.service.housekeep(minutes(12))).reminders).toBe(1);
    await outboxSettled(app);
    expect(reminders(channel)).toHaveLength(2);
  });

  it('counts from the latest update, leaves resolved incidents alone and honours 0 as off', async () => {
    await declareThroughSlack(app, { title: 'Major, no reminders', impact: 'major' });
    await declareThroughSlack(app, { title: 'Resolved', impact: 'minor' });
    await updateThroughSlack(app, 'INC-2', { stage: 'resolved' });
    await outboxSettled(app);
    expect((await app.service.housekeep(minutes(60))).reminders).toBe(0);
  });

  it('archives an incident channel once, a day after resolution', async () => {
    await declareThroughSlack(app, { title: 'Archive me' });
    await updateThroughSlack(app, 'INC-1', { stage: 'resolved' });
    await outboxSettled(app);
    const channel = await channelOf(1);

    expect((await app.service.housekeep(minutes(60))).archives).toBe(0);
    expect((await app.service.housekeep(minutes(25 * 60))).archives).toBe(1);
    expect((await app.service.housekeep(minutes(26 * 60))).archives).toBe(0);
    await outboxSettled(app);
    expect(fake.channel(channel)?.archived).toBe(true);
    expect(fake.calls('conversations.archive')).toHaveLength(1);
  });
});
