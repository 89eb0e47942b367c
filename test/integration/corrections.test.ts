import { editThroughSlack, updateAt } from '../support/corrections';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { outboxSettled, replayVero } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'export-token-0123456789abcdef';
const NEW_TEXT = 'Corrected: the issue also affects newsletters and workflows :construction:';

describe('corrections', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let status: string;
  let exec: string;

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
});
