import { MAINTENANCE_SCHEDULE_CALLBACK, MAINTENANCE_UPDATE_CALLBACK } from '../../src/slack/ids';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled } from '../support/scenarios';
import { checkboxes, dateTime, multiSelect, select, stateValues, text } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';

const T0 = new Date('2026-12-01T12:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

interface ScheduleFields {
  title?: string;
  components?: string[];
  message?: string;
  scheduledFor?: Date | null;
  scheduledUntil?: Date | null;
  alreadyStarted?: boolean;
  visibility?: 'public' | 'internal';
  auto?: boolean;
}

function scheduleValues(fields: ScheduleFields = {}) {
  return stateValues({
    title: text(fields.title ?? 'Database upgrade'),
    components: multiSelect(fields.components ?? ['vero1-ingestion-api', 'workflows']),
    message: text(fields.message ?? 'We upgrade the primary database; ingestion pauses for a few minutes.'),
    scheduled_for: dateTime(fields.scheduledFor === null ? null : seconds(fields.scheduledFor ?? minutes(2))),
    scheduled_until: dateTime(
      fields.scheduledUntil === null ? null : seconds(fields.scheduledUntil ?? minutes(32)),
    ),
    already_started: checkboxes(fields.alreadyStarted ? ['started'] : []),
    visibility: select(fields.visibility ?? 'public'),
    auto_transitions: checkboxes(fields.auto === false ? [] : ['auto']),
  });
}

describe('scheduled maintenance in Slack', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let status: string;
  let workflows: string;
  let now = T0;

  beforeEach(async () => {
    now = T0;
    fake = await startFakeSlack();
    status = fake.addChannel({ name: 'status' });
    workflows = fake.addChannel({ name: 'workflows-team' });
    app = await startTestApp({
      fake,
      clock: { now: () => now },
      env: { ANNOUNCE_CHANNEL_IDS: status },
      catalog: `components:
  - key: vero1-ingestion-api
    name: Ingestion API
    group: Vero 1.0
  - key: workflows
    name: Workflows
    announce_channels: [${workflows}]
  - key: general-ui
    name: General UI access and speed
`,
    });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const scheduleViews = () =>
    fake.views().filter((v) => v.view.callback_id === MAINTENANCE_SCHEDULE_CALLBACK);

  async function schedule(fields: ScheduleFields = {}) {
    const before = scheduleViews().length;
    const opened = await app.slack.command('maintenance');
    expect(opened.status).toBe(200);
    await fake.waitFor(() => scheduleViews().length > before);
    return app.slack.viewSubmission({
      callbackId: MAINTENANCE_SCHEDULE_CALLBACK,
      values: scheduleValues(fields),
    });
  }

  const roots = (channel: string) => fake.messages(channel).filter((m) => !m.thread_ts);
  const thread = (channel: string) => {
    const [root] = roots(channel);
    return root ? fake.replies(channel, root.ts) : [];
  };
  const componentStatuses = async () => {
    const res = await app.slack.command('components');
    const answer = await fake.waitFor(() => fake.responses(res.responseUrl)[0]);
    return answer.text ?? '';
  };
  const tick = async (at: Date) => {
    now = at;
    const pass = await app.service.maintenanceClock(at);
    await outboxSettled(app);
    return pass;
  };

  it('opens maintenance_schedule from /incident maintenance', async () => {
    const res = await app.slack.command('maintenance');
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.views().length > 0);
    expect(fake.views().at(-1)?.view.callback_id).toBe(MAINTENANCE_SCHEDULE_CALLBACK);
  });

  it('announces, starts and completes a maintenance by the clock, one update each', async () => {
    const submitted = await schedule();
    expect(submitted.status).toBe(200);
    expect(submitted.text()).toBe('');
    await outboxSettled(app);

    for (const channel of [status, workflows]) {
      expect(roots(channel)).toHaveLength(1);
      expect(textOf(roots(channel)[0])).toContain('MNT-1: Database upgrade');
      expect(thread(channel).map((m) => textOf(m))).toEqual([expect.stringContaining('Scheduled')]);
    }
    expect(fake.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(0);
    expect(await componentStatuses()).not.toMatch(/Under maintenance/);

    expect(await tick(minutes(1))).toEqual({ started: 0, completed: 0, reminded: 0 });
    expect(await tick(minutes(2))).toEqual({ started: 1, completed: 0, reminded: 0 });
    expect(await tick(minutes(3))).toEqual({ started: 0, completed: 0, reminded: 0 });
    expect(thread(status).map((m) => textOf(m))).toEqual([
      expect.stringContaining('Scheduled'),
      expect.stringContaining('In progress'),
    ]);
    expect(textOf(roots(status)[0])).toContain('In progress');
    expect(await componentStatuses()).toMatch(/Under maintenance — (Vero 1.0: )?Ingestion API/);
    expect(await componentStatuses()).not.toMatch(
      /Under maintenance — (Vero 1.0: )?General UI access and speed/,
    );

    expect(await tick(minutes(31))).toEqual({ started: 0, completed: 0, reminded: 0 });
    expect(await tick(minutes(32))).toEqual({ started: 0, completed: 1, reminded: 0 });
    expect(await tick(minutes(40))).toEqual({ started: 0, completed: 0, reminded: 0 });
    for (const channel of [status, workflows]) {
      expect(thread(channel).map((m) => textOf(m))).toEqual([
        expect.stringContaining('Scheduled'),
        expect.stringContaining('In progress'),
        expect.stringContaining('Completed'),
      ]);
    }
    expect(textOf(roots(status)[0])).toContain('Completed');
    expect(await componentStatuses()).not.toMatch(/Under maintenance/);
    // Not scheduled more than an hour ahead: no reminder.
    expect(thread(status).some((m) => textOf(m).includes('starts in an hour'))).toBe(false);
  });

  it('reminds the announce channels an hour before a start scheduled further ahead, once', async () => {
    await schedule({ scheduledFor: minutes(120), scheduledUntil: minutes(180) });
    await outboxSettled(app);
    expect((await tick(minutes(59))).reminded).toBe(0);
    expect((await tick(minutes(60))).reminded).toBe(1);
    expect((await tick(minutes(61))).reminded).toBe(0);
    for (const channel of [status, workflows]) {
      const reminders = thread(channel).filter((m) => textOf(m).includes('starts in an hour'));
      expect(reminders).toHaveLength(1);
    }
  });

  it('keeps the worse status of an open incident on a component under maintenance', async () => {
    await declareThroughSlack(app, {
      title: 'Ingestion down',
      impact: 'critical',
      components: ['vero1-ingestion-api'],
    });
    await schedule();
    await tick(minutes(2));
    const statuses = await componentStatuses();
    expect(statuses).toMatch(/Major outage — (Vero 1.0: )?Ingestion API/);
    expect(statuses).toMatch(/Under maintenance — (Vero 1.0: )?Workflows/);
  });

  describe('refuses bad input inline and saves nothing', () => {
    const cases: [string, ScheduleFields, string][] = [
      ['an end not after the start', { scheduledUntil: minutes(2) }, 'scheduled_until'],
      ['an end before the start', { scheduledUntil: minutes(1) }, 'scheduled_until'],
      ['a start in the past without "already started"', { scheduledFor: minutes(-30) }, 'scheduled_for'],
      ['no component', { components: [] }, 'components'],
      ['no start', { scheduledFor: null }, 'scheduled_for'],
    ];
    it.each(cases)('%s', async (_, fields, block) => {
      const res = await schedule(fields);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({
        response_action: 'errors',
        errors: { [block]: expect.any(String) },
      });
      expect(await app.db.prisma.maintenance.count()).toBe(0);
      await outboxSettled(app);
      expect(fake.calls('chat.postMessage')).toHaveLength(0);
    });
  });

  it('begins in progress when the work has already started', async () => {
    await schedule({ scheduledFor: minutes(-30), alreadyStarted: true });
    await outboxSettled(app);
    expect(textOf(roots(status)[0])).toContain('In progress');
    expect(await componentStatuses()).toMatch(/Under maintenance — (Vero 1.0: )?Workflows/);
  });

  it('starts now, then completes by the buttons; Start now on a completed one changes nothing', async () => {
    await schedule({ auto: false });
    await outboxSettled(app);
    const id = (await app.db.prisma.maintenance.findFirstOrThrow()).id;
    await app.slack.blockAction({ actionId: 'maintenance_start_now', value: id, channelId: status });
    await outboxSettled(app);
    expect((await app.db.prisma.maintenance.findFirstOrThrow()).stage).toBe('in_progress');
    expect(await tick(minutes(40))).toEqual({ started: 0, completed: 0, reminded: 0 });

    await app.slack.blockAction({ actionId: 'maintenance_complete', value: id, channelId: status });
    await outboxSettled(app);
    const updates = await app.db.prisma.maintenanceUpdate.count();
    expect(updates).toBe(3);

    const again = await app.slack.blockAction({
      actionId: 'maintenance_start_now',
      value: id,
      channelId: status,
    });
    await fake.waitFor(() => fake.responses(again.responseUrl).length > 0);
    expect(JSON.stringify(fake.responses(again.responseUrl)[0]?.body)).toContain(
      'MNT-1 is already completed: it cannot be started',
    );
    expect(await app.db.prisma.maintenanceUpdate.count()).toBe(updates);
    expect((await app.db.prisma.maintenance.findFirstOrThrow()).stage).toBe('completed');
  });

  it('cancels only while scheduled, and shows no buttons afterwards', async () => {
    await schedule();
    await outboxSettled(app);
    const id = (await app.db.prisma.maintenance.findFirstOrThrow()).id;
    await app.slack.blockAction({ actionId: 'maintenance_cancel', value: id, channelId: status });
    await outboxSettled(app);
    expect((await app.db.prisma.maintenance.findFirstOrThrow()).stage).toBe('cancelled');
    expect(JSON.stringify(roots(status)[0]?.blocks)).not.toContain('maintenance_');
    expect(await tick(minutes(3))).toEqual({ started: 0, completed: 0, reminded: 0 });

    // A stale "Start now" (an older copy of the message) answers clearly and changes nothing.
    const posts = fake.calls('chat.postMessage').length;
    const updates = await app.db.prisma.maintenanceUpdate.count();
    const again = await app.slack.blockAction({
      actionId: 'maintenance_start_now',
      value: id,
      channelId: status,
    });
    await fake.waitFor(() => fake.responses(again.responseUrl).length > 0);
    expect(JSON.stringify(fake.responses(again.responseUrl)[0]?.body)).toContain(
      'MNT-1 is already cancelled: it cannot be started',
    );
    expect((await app.db.prisma.maintenance.findFirstOrThrow()).stage).toBe('cancelled');
    expect(await app.db.prisma.maintenanceUpdate.count()).toBe(updates);
    await outboxSettled(app);
    expect(fake.calls('chat.postMessage')).toHaveLength(posts);
  });

  it('posts an update with a stage from the modal', async () => {
    await schedule({ auto: false });
    await outboxSettled(app);
    const id = (await app.db.prisma.maintenance.findFirstOrThrow()).id;
    await app.slack.blockAction({ actionId: 'maintenance_update_open', value: id, channelId: status });
    await fake.waitFor(() => fake.views().some((v) => v.view.callback_id === MAINTENANCE_UPDATE_CALLBACK));
    const res = await app.slack.viewSubmission({
      callbackId: MAINTENANCE_UPDATE_CALLBACK,
      values: stateValues({ stage: select('verifying'), message: text('Checking the replicas.') }),
    });
    expect(res.text()).toBe('');
    await outboxSettled(app);
    expect(textOf(thread(status).at(-1))).toContain('Checking the replicas.');
    expect(await componentStatuses()).toMatch(/Under maintenance — (Vero 1.0: )?Workflows/);
  });

  it('lists upcoming and active maintenances ephemerally, internal ones included', async () => {
    await schedule({ title: 'Internal work', visibility: 'internal' });
    await schedule({ title: 'Later work', scheduledFor: minutes(300), scheduledUntil: minutes(360) });
    const res = await app.slack.command('maintenance list');
    const answer = await fake.waitFor(() => fake.responses(res.responseUrl)[0]);
    expect(answer.response_type).toBe('ephemeral');
    const body = JSON.stringify(answer);
    expect(body).toContain('MNT-1');
    expect(body).toContain('Internal work');
    expect(body).toContain('MNT-2');
  });
});
