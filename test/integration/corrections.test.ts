import { INCIDENT_EDIT_CALLBACK } from '../../src/slack/ids';
import { clickMenu, deleteThroughSlack, editThroughSlack, updateAt } from '../support/corrections';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { outboxSettled, replayVero, utcSeconds } from '../support/scenarios';
import { dateTime, stateValues, text } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'export-token-0123456789abcdef';
const NEW_TEXT = 'Corrected: the issue also affects newsletters and workflows :construction:';

describe('corrections', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let status: string;
  let exec: string;

  // Each test replays the whole Vero incident through Slack first: a while on a busy machine.
  jest.setTimeout(180_000);

  beforeEach(async () => {
    fake = await startFakeSlack();
    status = fake.addChannel({ name: 'status' });
    exec = fake.addChannel({ name: 'exec' });
    app = await startTestApp({
      fake,
      env: { ANNOUNCE_CHANNEL_IDS: `${status},${exec}`, EXPORT_API_TOKEN: TOKEN },
    });
    await replayVero(app);
    await outboxSettled(app);
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const incidentChannel = async () => (await app.db.prisma.incident.findFirstOrThrow()).channelId ?? '';
  const root = (channel: string) => fake.messages(channel).find((m) => !m.thread_ts);
  const copies = async (updateId: string) =>
    app.db.prisma.updateMessage.findMany({ where: { updateId }, orderBy: { channelId: 'asc' } });
  const get = (path: string) =>
    fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());

  it('edits the 09:45 update to 09:47 everywhere it shows, in place', async () => {
    const update = await updateAt(app, '2022-09-01T09:45:00Z');
    const shownIn = await copies(update.id);
    const channel = await incidentChannel();
    expect(shownIn.map((m) => m.channelId).sort()).toEqual([channel, status, exec].sort());
    const posts = fake.calls('chat.postMessage').length;
    const rootEdits = [status, exec].map((c) => root(c)?.edits.length ?? 0);

    // Read once before, so the page and the JSON are in the public cache when the correction lands.
    expect(await get('/incidents/INC-1')).toContain('The issue also affects newsletters, workflows');
    expect(await get('/api/v2/incidents.json')).toContain('The issue also affects newsletters, workflows');

    const res = await editThroughSlack(app, update.id, {
      message: NEW_TEXT,
      stage: 'identified',
      occurredAt: '2022-09-01T09:47:00Z',
    });
    expect(res.body).toBeFalsy();
    await outboxSettled(app);

    expect(fake.calls('chat.postMessage')).toHaveLength(posts);
    for (const copy of shownIn) {
      const message = fake.message(copy.channelId, copy.ts);
      expect(textOf(message)).toContain(NEW_TEXT.split(':')[0]);
      expect(textOf(message)).toContain('(edited)');
      expect(message?.edits).toHaveLength(1);
    }
    for (const [i, c] of [status, exec].entries()) {
      expect(root(c)?.edits.length).toBeGreaterThan(rootEdits[i] ?? 0);
      expect(fake.replies(c, root(c)?.ts ?? '')).toHaveLength(6);
    }

    const stored = await app.db.prisma.incidentUpdate.findUniqueOrThrow({ where: { id: update.id } });
    expect(stored.occurredAt.toISOString()).toBe('2022-09-01T09:47:00.000Z');
    expect(stored.message).toBe(NEW_TEXT);
    const revisions = await app.db.prisma.revision.findMany({ where: { updateId: update.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]?.editorId).toBe('U_RESPONDER');
    expect(revisions[0]?.before).toMatchObject({ occurredAt: '2022-09-01T09:45:00.000Z' });
    expect(revisions[0]?.after).toMatchObject({ occurredAt: '2022-09-01T09:47:00.000Z', message: NEW_TEXT });

    const page = await get('/incidents/INC-1');
    expect(page).toContain('Corrected: the issue also affects newsletters and workflows');
    expect(page).not.toContain('The issue also affects newsletters, workflows and behavioral emails.');
    const json = JSON.parse(await get('/api/v2/incidents.json')) as {
      incidents: {
        incident_updates: { id: string; body: string; display_at: string; updated_at: string }[];
      }[];
    };
    const shown = json.incidents[0]?.incident_updates.find((u) => u.id === update.id);
    expect(shown?.body).toBe(NEW_TEXT);
    expect(shown?.display_at).toBe('2022-09-01T09:47:00Z');
    expect(shown?.updated_at).toBe(`${stored.editedAt?.toISOString().slice(0, 19)}Z`);
    const feed = await get('/history.atom');
    expect(feed).toContain('Corrected: the issue also affects newsletters and workflows');
    expect(feed).toContain(`<updated>${stored.editedAt?.toISOString().slice(0, 19)}Z</updated>`);

    const markdown = await get('/api/incidents/INC-1/export.md');
    expect(markdown).toContain('### Identified · Sep 01, 2022, 09:47 AM UTC');
    expect(markdown).toContain(NEW_TEXT);
    const corrections = markdown.slice(markdown.indexOf('## Corrections'));
    expect(markdown.trimEnd().endsWith(corrections.trimEnd())).toBe(true);
    expect(corrections).toMatch(/U_RESPONDER|Responder/);
    expect(corrections).toContain('time Sep 01, 2022, 09:45 AM UTC → Sep 01, 2022, 09:47 AM UTC');
    const csv = await get('/api/incidents/INC-1/export.csv');
    expect(csv).toContain('2022-09-01T09:47:00Z');
    expect(csv).toContain('Corrected: the issue also affects newsletters and workflows');
    const exported = JSON.parse(await get('/api/incidents/INC-1/export.json')) as {
      incident_updates: { id: string; body: string; revisions: number; updated_at: string }[];
    };
    const entry = exported.incident_updates.find((u) => u.id === update.id);
    expect(entry).toMatchObject({ body: NEW_TEXT, revisions: 1 });
    expect(exported.incident_updates.filter((u) => u.revisions === 0)).toHaveLength(5);
  });

  it('deletes an update: every copy says it was removed, every other surface drops it', async () => {
    const update = await updateAt(app, '2022-09-01T10:57:00Z');
    const shownIn = await copies(update.id);
    expect(shownIn).toHaveLength(3);
    const res = await deleteThroughSlack(app, update.id);
    expect(res.body).toBeFalsy();
    await outboxSettled(app);
    for (const copy of shownIn) {
      const shown = textOf(fake.message(copy.channelId, copy.ts));
      expect(shown).toContain('This update was removed.');
      expect(shown).not.toContain('A fix has been implemented');
    }
    const page = await get('/incidents/INC-1');
    expect(page).not.toContain('A fix has been implemented');
    const json = JSON.parse(await get('/api/v2/incidents.json')) as {
      incidents: { incident_updates: unknown[] }[];
    };
    expect(json.incidents[0]?.incident_updates).toHaveLength(5);
    const markdown = await get('/api/incidents/INC-1/export.md');
    expect(markdown).not.toContain('A fix has been implemented');
    expect(markdown).toContain('deleted the monitoring update of Sep 01, 2022, 10:57 AM UTC');
    expect(await get('/history.atom')).not.toContain('A fix has been implemented');

    // A second click on Delete answers clearly and changes nothing.
    await clickMenu(app, `delete:${update.id}`);
    await fake.waitFor(() => fake.responses().length > 0);
    expect(fake.responses().at(-1)?.text).toContain('already removed');
    expect(await app.db.prisma.revision.count()).toBe(1);
  });

  it('deleting the postmortem, then the resolving update, re-opens the incident and recomputes durations', async () => {
    for (const at of ['2022-09-01T23:19:00Z', '2022-09-01T13:57:12Z']) {
      const res = await deleteThroughSlack(app, (await updateAt(app, at)).id);
      expect(res.body).toBeFalsy();
      await outboxSettled(app);
    }
    const incident = await app.db.prisma.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ stage: 'monitoring', resolvedAt: null });
    for (const c of [status, exec]) {
      const shown = textOf(root(c));
      expect(shown).toContain('Ongoing for');
      expect(shown).not.toContain('4h 46m');
    }
    expect(fake.channel(await incidentChannel())?.topic).toContain(', ongoing for ');
    const json = JSON.parse(await get('/api/v2/incidents.json')) as {
      incidents: { status: string; resolved_at: string | null }[];
    };
    expect(json.incidents[0]).toMatchObject({ status: 'monitoring', resolved_at: null });
    expect(await get('/api/incidents/INC-1/export.md')).toContain(', ongoing for ');
  });

  it('refuses a delete that strands the postmortem, and changes nothing', async () => {
    const resolved = await updateAt(app, '2022-09-01T13:57:12Z');
    const views = fake.views().length;
    await clickMenu(app, `delete:${resolved.id}`);
    await fake.waitFor(() => fake.responses().length > 0);
    expect(fake.responses().at(-1)?.text).toContain('postmortem');
    expect(fake.views()).toHaveLength(views);
    expect(await app.db.prisma.revision.count()).toBe(0);
  });

  it('moving the resolving update two hours later changes resolvedAt, the root duration and the summary', async () => {
    const resolved = await updateAt(app, '2022-09-01T13:57:12Z');
    const res = await editThroughSlack(app, resolved.id, {
      message: resolved.message,
      stage: 'resolved',
      occurredAt: '2022-09-01T15:57:12Z',
    });
    expect(res.body).toBeFalsy();
    await outboxSettled(app);
    const incident = await app.db.prisma.incident.findFirstOrThrow();
    expect(incident.resolvedAt?.toISOString()).toBe('2022-09-01T15:57:12.000Z');
    for (const c of [status, exec]) expect(textOf(root(c))).toContain('resolved after 6h 46m');
    const channel = fake.channel(await incidentChannel());
    expect(channel?.topic).toContain('lasting 6h 46m');
    expect(await get('/incidents/INC-1')).toContain('6h 46m');
    expect(await get('/api/incidents/INC-1/export.md')).toContain('lasting 6h 46m.');
  });

  it('refuses a correction that breaks the timeline, inline, and changes nothing', async () => {
    const monitoring = await updateAt(app, '2022-09-01T10:57:00Z');
    const postmortem = await updateAt(app, '2022-09-01T23:19:00Z');
    const cases = [
      [
        monitoring.id,
        { stage: 'monitoring', occurredAt: '2022-09-01T09:00:00Z' },
        'occurred_at',
        'before the incident started',
      ],
      [monitoring.id, { stage: 'monitoring', occurredAt: '2099-09-01T09:00:00Z' }, 'occurred_at', 'future'],
      [postmortem.id, { stage: 'postmortem', occurredAt: '2022-09-01T12:00:00Z' }, 'stage', 'postmortem'],
      [
        monitoring.id,
        { stage: 'monitoring', occurredAt: '2022-09-01T20:00:00Z' },
        'occurred_at',
        'postmortem',
      ],
      [
        monitoring.id,
        { stage: 'monitoring', occurredAt: '2022-09-01T10:57:00Z', message: 'x'.repeat(3001) },
        'message',
        '3000',
      ],
    ] as const;
    const edits = fake.calls('chat.update').length;
    for (const [id, fields, block, reason] of cases) {
      const res = await editThroughSlack(app, id, { message: 'Changed.', ...fields });
      const body = res.json() as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors[block]).toContain(reason);
    }
    expect(await app.db.prisma.revision.count()).toBe(0);
    expect(
      (await app.db.prisma.incidentUpdate.findUniqueOrThrow({ where: { id: monitoring.id } })).message,
    ).toBe(monitoring.message);
    expect(fake.calls('chat.update')).toHaveLength(edits);
  });

  it('refuses someone who is neither author, lead nor manager, at the click', async () => {
    const update = await updateAt(app, '2022-09-01T09:45:00Z');
    const views = fake.views().length;
    await clickMenu(app, `edit:${update.id}`, 'U_BYSTANDER');
    await fake.waitFor(() => fake.responses().length > 0);
    const refusal = fake.responses().at(-1);
    expect(refusal?.response_type).toBe('ephemeral');
    expect(refusal?.text).toContain('Only the author of this update, the incident lead or a manager');
    expect(fake.views()).toHaveLength(views);
    expect(await app.db.prisma.revision.count()).toBe(0);
  });

  it('edits every copy exactly once through a 429 storm and a restart in the middle', async () => {
    const update = await updateAt(app, '2022-09-01T09:45:00Z');
    const shownIn = await copies(update.id);
    fake.failNext('chat.update', { status: 429, retryAfter: 1 }, 4);
    await editThroughSlack(app, update.id, {
      message: NEW_TEXT,
      stage: 'identified',
      occurredAt: '2022-09-01T09:47:00Z',
    });
    const first = app;
    await first.stop();
    app = await startTestApp({
      fake,
      database: first.db,
      env: { ANNOUNCE_CHANNEL_IDS: `${status},${exec}`, EXPORT_API_TOKEN: TOKEN },
    });
    try {
      await outboxSettled(app);
      for (const copy of shownIn) {
        const message = fake.message(copy.channelId, copy.ts);
        expect(message?.edits).toHaveLength(1);
        expect(textOf(message)).toContain('(edited)');
      }
      expect(await app.db.prisma.outboxJob.count({ where: { status: 'failed' } })).toBe(0);
    } finally {
      await app.stop();
      app = first;
    }
  });

  it('/incident edit corrects the title and start, refuses a start after the first update', async () => {
    const before = fake.views().length;
    await app.slack.command('edit INC-1');
    await fake.waitFor(() => fake.views().length > before);
    expect(fake.views().at(-1)?.view.callback_id).toBe(INCIDENT_EDIT_CALLBACK);
    const late = await app.slack.viewSubmission({
      callbackId: INCIDENT_EDIT_CALLBACK,
      values: stateValues({
        title: text('Degraded performance across the Vero platform'),
        started_at: dateTime(utcSeconds('2022-09-01T09:20:00Z')),
        detected_by: text('Pingoru'),
        detected_at: dateTime(null),
      }),
    });
    expect((late.json() as { errors: Record<string, string> }).errors.started_at).toContain('first update');
    const ok = await app.slack.viewSubmission({
      callbackId: INCIDENT_EDIT_CALLBACK,
      values: stateValues({
        title: text('Degraded performance across the Vero platform'),
        started_at: dateTime(utcSeconds('2022-09-01T09:05:00Z')),
        detected_by: text('Pingoru'),
        detected_at: dateTime(utcSeconds('2022-09-01T09:10:45Z')),
      }),
    });
    expect(ok.body).toBeFalsy();
    await outboxSettled(app);
    const incident = await app.db.prisma.incident.findFirstOrThrow();
    expect(incident.title).toBe('Degraded performance across the Vero platform');
    expect(incident.startedAt.toISOString()).toBe('2022-09-01T09:05:00.000Z');
    for (const c of [status, exec])
      expect(textOf(root(c))).toContain('Degraded performance across the Vero platform');
    expect(await get('/api/incidents/INC-1/export.md')).toContain('## Corrections');
  });
});
