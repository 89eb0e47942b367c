import { UPDATE_CALLBACK } from '../../src/slack/ids';
import { type FakeMessage, type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import {
  declareThroughSlack,
  outboxSettled,
  replayVero,
  updateThroughSlack,
  updateValues,
  veroComponentLabels,
  veroMessages,
} from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

describe('stage updates', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let status: string;
  let exec: string;

  beforeEach(async () => {
    fake = await startFakeSlack();
    status = fake.addChannel({ name: 'status' });
    exec = fake.addChannel({ name: 'exec' });
    app = await startTestApp({ fake, env: { ANNOUNCE_CHANNEL_IDS: `${status},${exec}` } });
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const roots = (channel: string) => fake.messages(channel).filter((m) => !m.thread_ts);
  const thread = (channel: string) => {
    const [root] = roots(channel);
    return fake.replies(channel, root?.ts ?? '');
  };
  const currentRoot = (channel: string): FakeMessage | undefined => roots(channel)[0];
  const incidentChannel = async () => {
    const incident = await app.db.prisma.incident.findFirstOrThrow({ orderBy: { number: 'desc' } });
    return incident.channelId ?? '';
  };
  const updatePosts = async () =>
    fake.messages(await incidentChannel()).filter((m) => textOf(m).includes(' · *INC-'));

  it('replays the whole Vero timeline with back-dated times', async () => {
    const messages = veroMessages;
    await replayVero(app);

    const incident = await app.db.prisma.incident.findFirstOrThrow({
      include: { updates: { orderBy: { occurredAt: 'asc' } }, components: { include: { component: true } } },
    });
    expect(incident.updates.map((u) => [u.stage, u.occurredAt.toISOString().slice(11, 19)])).toEqual([
      ['investigating', '09:10:45'],
      ['identified', '09:30:00'],
      ['identified', '09:45:00'],
      ['monitoring', '10:57:00'],
      ['resolved', '13:57:12'],
      ['postmortem', '23:19:00'],
    ]);
    expect(incident.updates.map((u) => u.message)).toEqual(messages);
    expect(incident.stage).toBe('postmortem');
    expect(incident.resolvedAt?.toISOString()).toBe('2022-09-01T13:57:12.000Z');
    expect(incident.components).toHaveLength(8);
    expect(incident.components.every((c) => c.status === 'operational')).toBe(true);

    for (const channel of [status, exec]) {
      expect(roots(channel)).toHaveLength(1);
      const replies = thread(channel);
      expect(replies).toHaveLength(6);
      expect(replies.map((r) => textOf(r))).toEqual(
        messages.map((m) => expect.stringContaining(m.split('\n')[0] ?? '')),
      );
      expect(replies.filter((r) => r.reply_broadcast)).toHaveLength(1);
      expect(textOf(replies[4])).toContain('Resolved');
      const shown = textOf(currentRoot(channel));
      expect(shown).toContain('Postmortem');
      expect(shown).toContain('resolved after 4h 46m');
      for (const label of veroComponentLabels) expect(shown).toContain(label);
      expect(currentRoot(channel)?.edits.length).toBeGreaterThanOrEqual(5);
    }
    expect(await updatePosts()).toHaveLength(6);
  });

  it('follows occurred order when a back-dated update arrives after a later one', async () => {
    const start = new Date(Date.now() - 3 * 3600_000);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
    await declareThroughSlack(app, { title: 'Out of order', startedAt: at(0) });
    await updateThroughSlack(app, 'INC-1', {
      stage: 'monitoring',
      occurredAt: at(90),
      message: 'Fix deployed.',
    });
    await updateThroughSlack(app, 'INC-1', {
      stage: 'identified',
      occurredAt: at(30),
      message: 'Cause found.',
    });
    await outboxSettled(app);

    const incident = await app.db.prisma.incident.findFirstOrThrow();
    expect(incident.stage).toBe('monitoring');
    const replies = thread(status);
    expect(replies).toHaveLength(3);
    const late = textOf(replies[2]);
    expect(late).toContain('Cause found.');
    expect(late).toContain('Back-dated');
    expect(late).toContain(`<!date^${Math.floor(new Date(at(30)).getTime() / 1000)}^`);
    expect(textOf(currentRoot(status))).toContain('Monitoring');
    expect(textOf(currentRoot(status))).not.toContain('Identified');
  });

  it('refuses a postmortem before resolution inline and saves nothing', async () => {
    await declareThroughSlack(app, { title: 'Too early' });
    await outboxSettled(app);
    const res = await updateThroughSlack(app, 'INC-1', { stage: 'postmortem', message: 'Lessons' });
    expect(res.json().response_action).toBe('errors');
    expect(res.json().errors?.stage).toContain('resolve it first');
    expect(await app.db.prisma.incidentUpdate.count()).toBe(1);
    expect(thread(status)).toHaveLength(1);
  });

  it('refuses an update dated before the start or in the future', async () => {
    await declareThroughSlack(app, { title: 'Bounds', startedAt: '2024-01-01T10:00:00Z' });
    const before = await updateThroughSlack(app, 'INC-1', {
      stage: 'identified',
      occurredAt: '2024-01-01T09:00:00Z',
    });
    expect(before.json().errors?.occurred_at).toContain('before the incident started');
    const future = await updateThroughSlack(app, 'INC-1', {
      stage: 'identified',
      occurredAt: '2099-01-01T09:00:00Z',
    });
    expect(future.json().errors?.occurred_at).toContain('future');
    expect(await app.db.prisma.incidentUpdate.count()).toBe(1);
  });

  it('re-opens a resolved incident when an open stage follows, and says so', async () => {
    await declareThroughSlack(app, { title: 'Flapping', components: ['general-ui'] });
    await updateThroughSlack(app, 'INC-1', { stage: 'resolved', components: ['general-ui'] });
    await outboxSettled(app);
    let incident = await app.db.prisma.incident.findFirstOrThrow({ include: { components: true } });
    expect(incident.resolvedAt).not.toBeNull();
    expect(incident.components[0]?.status).toBe('operational');

    await updateThroughSlack(app, 'INC-1', {
      stage: 'investigating',
      components: ['general-ui'],
      message: 'It is back.',
    });
    await outboxSettled(app);
    incident = await app.db.prisma.incident.findFirstOrThrow({ include: { components: true } });
    expect(incident.resolvedAt).toBeNull();
    expect(incident.stage).toBe('investigating');
    expect(incident.components[0]?.status).toBe('degraded_performance');
    expect(textOf(currentRoot(status))).toContain('Re-opened');
  });

  it('posts one update when the same view is submitted twice', async () => {
    await declareThroughSlack(app, { title: 'Double update' });
    await app.slack.command('update INC-1');
    await fake.waitFor(() => fake.views().some((v) => v.view.callback_id === UPDATE_CALLBACK));
    const values = updateValues({ stage: 'identified' });
    await Promise.all([
      app.slack.viewSubmission({ callbackId: UPDATE_CALLBACK, values }),
      app.slack.viewSubmission({ callbackId: UPDATE_CALLBACK, values }),
    ]);
    await outboxSettled(app);
    expect(await app.db.prisma.incidentUpdate.count()).toBe(2);
    expect(thread(status)).toHaveLength(2);
  });

  it('opens the update modal prefilled from a button, and resolve presets the stage', async () => {
    await declareThroughSlack(app, { title: 'Buttons', impact: 'major', components: ['workflows'] });
    await outboxSettled(app);
    const incident = await app.db.prisma.incident.findFirstOrThrow();
    const root = currentRoot(status);
    await app.slack.blockAction({
      actionId: 'incident_resolve_open',
      value: incident.id,
      channelId: status,
      messageTs: root?.ts,
    });
    const opened = await fake.waitFor(() => fake.views().find((v) => v.view.callback_id === UPDATE_CALLBACK));
    const blocks = opened.view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element ?? {};
    expect(opened.view.private_metadata).toBe(incident.id);
    expect((element('stage').initial_option as { value: string }).value).toBe('resolved');
    expect((element('impact').initial_option as { value: string }).value).toBe('major');
    expect((element('components').initial_options as Array<{ value: string }>).map((o) => o.value)).toEqual([
      'workflows',
    ]);
    expect((element('component_status').initial_option as { value: string }).value).toBe('partial_outage');
    expect(blocks.map((b) => b.block_id).filter(Boolean)).toEqual(
      expect.arrayContaining(['stage', 'message', 'impact', 'components', 'component_status', 'occurred_at']),
    );
  });

  it('lists open incidents, shows one, and answers unknown references clearly', async () => {
    await declareThroughSlack(app, { title: 'First one', impact: 'major' }, { userId: 'U_ALICE' });
    await declareThroughSlack(app, { title: 'Second one' });
    await updateThroughSlack(app, 'INC-2', { stage: 'resolved' });
    await outboxSettled(app);

    const list = await app.slack.command('list');
    const listed = await fake.waitFor(() => fake.responses(list.responseUrl)[0]);
    expect(listed.response_type).toBe('ephemeral');
    expect(textOf(listed)).toContain('INC-1');
    expect(textOf(listed)).toContain('First one');
    expect(textOf(listed)).toContain('Major');
    expect(textOf(listed)).toContain('<@U_ALICE>');
    expect(textOf(listed)).not.toContain('INC-2');

    const show = await app.slack.command('show #2');
    const shown = await fake.waitFor(() => fake.responses(show.responseUrl)[0]);
    expect(textOf(shown)).toContain('INC-2: Second one');
    expect(textOf(shown)).toContain('Now resolved.');

    const unknown = await app.slack.command('update INC-99');
    const refused = await fake.waitFor(() => fake.responses(unknown.responseUrl)[0]);
    expect(textOf(refused)).toContain('INC-99 does not exist');

    const closed = await app.slack.command('resolve inc-2');
    const already = await fake.waitFor(() => fake.responses(closed.responseUrl)[0]);
    expect(textOf(already)).toContain('INC-2 is already resolved');
  });

  it('understands the incident channel as the reference, and offers a pick list elsewhere', async () => {
    await declareThroughSlack(app, { title: 'In channel' });
    await outboxSettled(app);
    const channel = await incidentChannel();
    const views = fake.views().length;
    await app.slack.command('update', { channelId: channel });
    const opened = await fake.waitFor(() => fake.views()[views]);
    expect(opened.view.callback_id).toBe(UPDATE_CALLBACK);

    const elsewhere = await app.slack.command('update', { channelId: 'C_GENERAL' });
    const picker = await fake.waitFor(() => fake.responses(elsewhere.responseUrl)[0]);
    expect(textOf(picker)).toContain('Which incident do you want to update?');
    expect(JSON.stringify(picker.blocks)).toContain('incident_update_open');
  });

  it('hands the lead role over and announces it in the incident channel', async () => {
    await declareThroughSlack(app, { title: 'Lead change' }, { userId: 'U_ALICE' });
    await outboxSettled(app);
    const channel = await incidentChannel();
    const res = await app.slack.command('lead <@U_BOB|bob>', { channelId: channel, userId: 'U_ALICE' });
    const answer = await fake.waitFor(() => fake.responses(res.responseUrl)[0]);
    expect(textOf(answer)).toContain('<@U_BOB> now leads INC-1');
    await outboxSettled(app);
    expect((await app.db.prisma.incident.findFirstOrThrow()).leadId).toBe('U_BOB');
    expect(fake.channel(channel)?.members).toContain('U_BOB');
    expect(fake.messages(channel).some((m) => textOf(m).includes('<@U_BOB> now leads INC-1'))).toBe(true);
    expect(textOf(currentRoot(status))).toContain('<@U_BOB>');

    await updateThroughSlack(app, 'INC-1', { stage: 'resolved' });
    const closed = await app.slack.command('lead INC-1 <@U_CAROL>');
    const refusal = await fake.waitFor(() => fake.responses(closed.responseUrl)[0]);
    expect(textOf(refusal)).toContain('INC-1 is resolved');
  });

  it('ends with every root message in the latest state through 429 storms and 500s', async () => {
    await declareThroughSlack(app, { title: 'Storm' });
    await outboxSettled(app);
    fake.failNext('chat.update', { status: 429, retryAfter: 1 }, 2);
    fake.failFor('chat.postMessage', { status: 500 }, 600);
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    await updateThroughSlack(app, 'INC-1', { stage: 'identified', message: 'Found it.' });
    await updateThroughSlack(app, 'INC-1', { stage: 'monitoring', message: 'Watching.' });
    await updateThroughSlack(app, 'INC-1', { stage: 'resolved', message: 'Done.' });
    await outboxSettled(app, 30_000);
    for (const channel of [status, exec]) {
      const replies = thread(channel).map((r) => textOf(r));
      expect(replies).toHaveLength(4);
      expect(replies[1]).toContain('Found it.');
      expect(replies[2]).toContain('Watching.');
      expect(replies[3]).toContain('Done.');
      expect(textOf(currentRoot(channel))).toContain('Resolved after');
    }
    expect(fake.calls('chat.update').some((c) => c.status === 429)).toBe(true);
    expect(await updatePosts()).toHaveLength(4);
  });
});
