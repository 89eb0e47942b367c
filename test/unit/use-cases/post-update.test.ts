import { declareIncident } from '../../../src/incidents/declare-incident';
import { type PostUpdateInput, postUpdate } from '../../../src/incidents/post-update';
import type { Stage, Visibility } from '../../../src/incidents/vocabulary';
import { aDeclaration, at, minutes, NOW, refusal, world } from '../../fakes/use-case-world';

async function declared(
  options: { startedAt?: Date; createIncidentChannels?: boolean; visibility?: Visibility } = {},
) {
  const w = world(options);
  const { incident } = await declareIncident(
    w,
    aDeclaration({ startedAt: options.startedAt ?? null, visibility: options.visibility ?? 'public' }),
  );
  w.incidents.queued.length = 0;
  const deps = { ...w, timeZone: 'UTC' };
  const post = (overrides: Partial<PostUpdateInput> = {}) =>
    postUpdate(deps, {
      incidentId: incident.id,
      stage: 'identified',
      message: 'Found it.',
      impact: 'major',
      componentKeys: ['api'],
      componentStatus: null,
      visibility: null,
      occurredAt: null,
      authorId: 'U_BEN',
      sourceKey: null,
      ...overrides,
    });
  const timeline = async () =>
    (await w.incidents.loadRecord(incident.id))?.updates.map((u) => [u.stage, u.occurredAt.toISOString()]);
  return { w, incident, post, timeline };
}

describe('postUpdate', () => {
  it('records the update now by default and derives the stage from the timeline', async () => {
    const { post, w, incident } = await declared();
    const result = await post();
    expect(result.created).toBe(true);
    expect(result.incident.stage).toBe('identified');
    const record = await w.incidents.loadRecord(incident.id);
    expect(record?.updates.at(-1)).toMatchObject({
      stage: 'identified',
      occurredAt: NOW,
      author: { id: 'U_BEN' },
    });
  });

  it('takes a time up to a minute ahead of the clock as now (picker skew)', async () => {
    const { post, timeline } = await declared();
    await post({ occurredAt: at(50_000) });
    expect((await timeline())?.at(-1)).toEqual(['identified', NOW.toISOString()]);
  });

  it('refuses a time more than a minute ahead, changing nothing', async () => {
    const { post, timeline } = await declared();
    const before = await timeline();
    expect(await refusal(post({ occurredAt: at(minutes(1) + 1_000) }))).toEqual({
      occurredAt: 'An update cannot happen in the future.',
    });
    expect(await timeline()).toEqual(before);
  });

  it('refuses a time before the start, quoting the start', async () => {
    const { post } = await declared({ startedAt: new Date('2026-03-02T09:00:00Z') });
    expect(await refusal(post({ occurredAt: new Date('2026-03-02T08:59:00Z') }))).toEqual({
      occurredAt: 'An update cannot happen before the incident started (Mar 02, 2026, 09:00 AM UTC).',
    });
  });

  it('refuses a postmortem before the incident is resolved', async () => {
    const { post } = await declared();
    expect(await refusal(post({ stage: 'postmortem' }))).toEqual({
      stage:
        'A postmortem comes after the incident is resolved: resolve it first, or date the postmortem later.',
    });
  });

  describe('with a resolution and a later postmortem', () => {
    async function closed() {
      const setup = await declared({ startedAt: at(-minutes(60)) });
      await setup.post({ stage: 'resolved', occurredAt: at(-minutes(40)) });
      await setup.post({ stage: 'postmortem', occurredAt: at(-minutes(10)) });
      return setup;
    }

    it('refuses an open stage back-dated between them, which would leave the postmortem on an open incident', async () => {
      const { post, timeline } = await closed();
      const before = await timeline();
      expect(await refusal(post({ stage: 'monitoring', occurredAt: at(-minutes(20)) }))).toEqual({
        occurredAt: 'A later postmortem follows this time: an open stage cannot come before it.',
      });
      expect(await timeline()).toEqual(before);
    });

    it.each<Stage>(['resolved', 'postmortem'])('accepts a back-dated %s between them', async (stage) => {
      const { post } = await closed();
      expect((await post({ stage, occurredAt: at(-minutes(20)) })).created).toBe(true);
    });

    it('re-opens the incident with an open stage after the postmortem', async () => {
      const { post } = await closed();
      const result = await post({ stage: 'investigating' });
      expect(result.incident).toMatchObject({ stage: 'investigating', resolvedAt: null });
    });
  });

  it('publishes an internal incident and withdraws it again with its updates', async () => {
    const { w, incident, post } = await declared({ visibility: 'internal' });
    const visibility = async () => (await w.incidents.loadRecord(incident.id))?.visibility;
    await post({ visibility: 'internal' });
    expect(await visibility()).toBe('internal');
    await post({ visibility: 'public' });
    expect(await visibility()).toBe('public');
    await post({ visibility: null });
    expect(await visibility()).toBe('public');
    await post({ visibility: 'internal' });
    expect(await visibility()).toBe('internal');
  });

  it('tells subscribers of the updates written while the incident is public, and of no other', async () => {
    const { w, post } = await declared({ visibility: 'internal' });
    const fanOuts = () =>
      w.incidents.queued.filter((q) => q.effect.kind === 'subscriber.fanout_incident').length;
    await post({ visibility: null });
    expect(fanOuts()).toBe(0);
    await post({ visibility: 'public' });
    expect(fanOuts()).toBe(1);
    await post({ visibility: null });
    expect(fanOuts()).toBe(2);
    await post({ visibility: 'internal' });
    expect(fanOuts()).toBe(2);
  });

  it('keeps a private incident private, changing nothing when asked otherwise', async () => {
    const { w, incident, post, timeline } = await declared({ visibility: 'private' });
    const before = await timeline();
    expect(await refusal(post({ visibility: 'public' }))).toEqual({
      visibility: 'A private incident stays private: its visibility cannot change.',
    });
    expect(await timeline()).toEqual(before);
    expect((await w.incidents.loadRecord(incident.id))?.visibility).toBe('private');
  });

  it('replies about a private incident only in the private announce channels', async () => {
    const { w, post } = await declared({ visibility: 'private' });
    await post({ visibility: null });
    expect(
      w.incidents.queued
        .filter((q) => q.effect.kind === 'announce.reply')
        .map((q) => (q.effect as { channelId: string }).channelId),
    ).toEqual(['C_SECURITY']);
  });

  it('posts once per source key', async () => {
    const { post, timeline, w } = await declared();
    const first = await post({ sourceKey: 'update:V9' });
    const queued = w.incidents.queued.length;
    const again = await post({ sourceKey: 'update:V9', message: 'resubmitted' });
    expect(again).toMatchObject({ updateId: first.updateId, created: false });
    expect(await timeline()).toHaveLength(2);
    expect(w.incidents.queued).toHaveLength(queued);
  });

  it('posts in the channel, sets its topic, then replies and refreshes each root, new channels included', async () => {
    const { post, incident, w } = await declared();
    await post({ componentKeys: ['api', 'web'] });
    expect(w.incidents.queued.map((q) => [q.queue.replace(incident.id, 'ID'), q.effect.kind])).toEqual([
      ['incident:ID:channel', 'channel.post_update'],
      ['incident:ID:channel', 'channel.set_topic'],
      ['incident:ID:announce:C_STATUS', 'announce.reply'],
      ['incident:ID:announce:C_STATUS', 'announce.refresh'],
      ['incident:ID:announce:C_API', 'announce.reply'],
      ['incident:ID:announce:C_API', 'announce.refresh'],
      ['subscriber-fanout', 'subscriber.fanout_incident'],
    ]);
  });

  it('keeps announcing to a component channel after the component is deselected', async () => {
    const { post, w } = await declared({ createIncidentChannels: false });
    await post({ componentKeys: [] });
    expect(w.incidents.queued.map((q) => q.queue.split(':').at(-1))).toEqual([
      'C_STATUS',
      'C_STATUS',
      'C_API',
      'C_API',
      'subscriber-fanout',
    ]);
  });

  it('returns every affected component to operational on resolution', async () => {
    const { post, w, incident } = await declared();
    await post({ stage: 'resolved' });
    const record = await w.incidents.loadRecord(incident.id);
    expect(record?.components.map((c) => [c.component.key, c.status])).toEqual([['api', 'operational']]);
    expect(record?.resolvedAt).toEqual(NOW);
  });

  it('accepts archived components on an update but refuses unknown ones', async () => {
    const { post } = await declared();
    expect((await post({ componentKeys: ['legacy'] })).created).toBe(true);
    expect(await refusal(post({ componentKeys: ['ghost'], message: ' ' }))).toEqual({
      message: 'Write what is happening.',
      components: 'Unknown component: ghost.',
    });
  });
});
