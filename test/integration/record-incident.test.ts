import { Writable } from 'node:stream';
import { writeBulkExport } from '../../src/export/bulk-export';
import { PrismaExportReader } from '../../src/persistence/prisma-export-reader';
import { RECORD_CALLBACK } from '../../src/slack/ids';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import { outboxSettled, utcSeconds, veroComponentKeys, veroMessages } from '../support/scenarios';
import { checkboxes, dateTime, multiSelect, select, stateValues, text } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'export-token-0123456789abcdef';
const TITLE = 'Degraded performance across Vero platform';

interface RecordFields {
  title?: string;
  startedAt?: string | null;
  resolvedAt?: string | null;
  detectedAt?: string | null;
  announce?: boolean;
}

function recordValues(fields: RecordFields = {}) {
  const at = (iso: string | null) => dateTime(iso ? utcSeconds(iso) : null);
  return stateValues({
    title: text(fields.title ?? TITLE),
    impact: select('minor'),
    visibility: select('public'),
    components: multiSelect(veroComponentKeys),
    component_status: select(null),
    message: text(veroMessages[0] ?? ''),
    started_at: at(fields.startedAt === undefined ? '2022-09-01T09:10:45Z' : fields.startedAt),
    resolved_at: at(fields.resolvedAt === undefined ? '2022-09-01T13:57:12Z' : fields.resolvedAt),
    detected_by: text('Pingoru'),
    detected_at: at(fields.detectedAt === undefined ? '2022-09-01T09:10:45Z' : fields.detectedAt),
    announce: checkboxes(fields.announce ? ['announce'] : []),
  });
}

describe('/incident record', () => {
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
  });

  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  const get = (path: string) =>
    fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());

  async function record(fields: RecordFields = {}) {
    const before = fake.views().length;
    await app.slack.command('record');
    await fake.waitFor(() => fake.views().length > before);
    return app.slack.viewSubmission({ callbackId: RECORD_CALLBACK, values: recordValues(fields) });
  }

  async function bulkMarkdown(): Promise<string> {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const range = { since: new Date('2022-09-01T00:00:00Z'), until: new Date('2022-10-01T00:00:00Z') };
    await writeBulkExport(new PrismaExportReader(app.db.prisma), { ...range, format: 'markdown' }, out, {
      orgName: 'Vero',
      timeZone: 'UTC',
      now: new Date(),
    });
    return Buffer.concat(chunks).toString('utf8');
  }

  it('opens the incident_record modal with the inputs SPEC §11 names, announce unticked', async () => {
    await app.slack.command('record');
    const [opened] = await fake.waitFor(() => (fake.views().length > 0 ? fake.views() : undefined));
    const view = opened?.view as unknown as { callback_id: string; blocks: Array<Record<string, unknown>> };
    expect(view.callback_id).toBe(RECORD_CALLBACK);
    const ids = view.blocks.map((b) => [b.block_id, (b.element as { action_id: string }).action_id]);
    expect(ids).toEqual(
      [
        'title',
        'impact',
        'visibility',
        'components',
        'component_status',
        'message',
        'started_at',
        'resolved_at',
        'detected_by',
        'detected_at',
        'announce',
      ].map((id) => [id, id]),
    );
    const required = (id: string) => view.blocks.find((b) => b.block_id === id)?.optional;
    expect([required('started_at'), required('resolved_at')]).toEqual([false, false]);
    const announce = view.blocks.find((b) => b.block_id === 'announce')?.element as Record<string, unknown>;
    expect(announce.type).toBe('checkboxes');
    expect(announce.initial_options).toBeUndefined();
  });

  it('records the Vero incident unannounced: no channel, no post, no mention; on the page and in exports', async () => {
    const channels = fake.channels().length;
    const res = await record();
    expect(res.body).toBeFalsy();
    // A double submission records once.
    await app.slack.viewSubmission({ callbackId: RECORD_CALLBACK, values: recordValues() });
    await outboxSettled(app);

    const incidents = await app.db.prisma.incident.findMany({
      include: { updates: { orderBy: { occurredAt: 'asc' } } },
    });
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({ number: 1, stage: 'resolved', channelId: null, detectedBy: 'Pingoru' });
    expect(incident?.resolvedAt?.toISOString()).toBe('2022-09-01T13:57:12.000Z');
    expect(incident?.updates.map((u) => [u.stage, u.occurredAt.toISOString(), u.message])).toEqual([
      ['investigating', '2022-09-01T09:10:45.000Z', veroMessages[0]],
      ['resolved', '2022-09-01T13:57:12.000Z', 'This incident was recorded after it was resolved.'],
    ]);

    expect(fake.channels()).toHaveLength(channels);
    for (const method of ['conversations.create', 'conversations.invite', 'chat.postMessage', 'chat.update'])
      expect(fake.calls(method)).toHaveLength(0);
    for (const c of [status, exec, 'C_GENERAL']) expect(fake.messages(c)).toHaveLength(0);
    // Only the recorder hears of it, seen by them alone.
    const ephemerals = fake.ephemerals();
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]).toMatchObject({ user: 'U_RESPONDER', channel: 'C_GENERAL' });
    expect(ephemerals[0]?.text).toContain('INC-1 recorded');
    expect(ephemerals[0]?.text).toContain('4h 46m');
    expect(ephemerals[0]?.text).not.toContain('<!');
    const kinds = await app.db.prisma.outboxJob.findMany({ select: { kind: true } });
    expect(kinds.map((j) => j.kind)).toEqual(['declarer.confirm']);

    const page = await get('/incidents/INC-1');
    expect(page).toContain(TITLE);
    expect(page).toContain('4h 46m');
    expect(page).toContain('This incident was recorded after it was resolved.');
    expect(await get('/history')).toContain(TITLE);
    const json = JSON.parse(await get('/api/v2/incidents.json')) as {
      incidents: { status: string; resolved_at: string }[];
    };
    expect(json.incidents[0]).toMatchObject({ status: 'resolved', resolved_at: '2022-09-01T13:57:12Z' });

    const bulk = await bulkMarkdown();
    expect(bulk).toContain(TITLE);
    expect(bulk).toContain('lasting 4h 46m.');
    expect(bulk).toContain('| **Total** | **1** |');
    expect(bulk).toContain('| Time to resolve | 4h 46m | 4h 46m | 4h 46m | 1 |');
    expect(await get('/api/incidents/INC-1/export.md')).toContain('4h 46m');
  });

  it('with announce ticked, posts only the root message in each announce channel', async () => {
    const res = await record({ announce: true });
    expect(res.body).toBeFalsy();
    await outboxSettled(app);
    expect(fake.calls('conversations.create')).toHaveLength(0);
    expect(fake.calls('chat.postMessage')).toHaveLength(2);
    for (const c of [status, exec]) {
      const [root, ...rest] = fake.messages(c);
      expect(rest).toHaveLength(0);
      expect(root?.thread_ts).toBeUndefined();
      expect(fake.replies(c, root?.ts ?? '')).toHaveLength(0);
      const shown = textOf(root);
      expect(shown).toContain(`INC-1: ${TITLE}`);
      expect(shown).toContain('after 4h 46m');
      expect(shown).not.toMatch(/<!(channel|here|everyone)>/);
    }
    expect(fake.messages('C_GENERAL')).toHaveLength(0);
    const kinds = await app.db.prisma.outboxJob.findMany({ select: { kind: true } });
    expect(kinds.map((j) => j.kind).sort()).toEqual(['announce.root', 'announce.root', 'declarer.confirm']);
  });

  it('answers bad input inline and saves nothing', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const cases: [RecordFields, string, string][] = [
      [{ resolvedAt: null }, 'resolved_at', 'when the incident was resolved'],
      [{ startedAt: null, detectedAt: null }, 'started_at', 'when the incident started'],
      [{ resolvedAt: '2022-09-01T09:00:00Z' }, 'resolved_at', 'after the start'],
      [{ resolvedAt: '2022-09-01T09:10:45Z' }, 'resolved_at', 'after the start'],
      [{ resolvedAt: future }, 'resolved_at', 'future'],
      [{ startedAt: future, resolvedAt: future }, 'started_at', 'future'],
      [{ detectedAt: '2022-09-01T09:00:00Z' }, 'detected_at', 'before it started'],
      [{ title: ' ' }, 'title', 'title'],
    ];
    for (const [fields, block, reason] of cases) {
      const res = await record(fields);
      const body = res.json() as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors[block]).toContain(reason);
    }
    await outboxSettled(app);
    expect(await app.db.prisma.incident.count()).toBe(0);
    expect(await app.db.prisma.outboxJob.count()).toBe(0);
    expect(fake.calls('chat.postMessage')).toHaveLength(0);
    expect(fake.ephemerals()).toHaveLength(0);
  });
});
