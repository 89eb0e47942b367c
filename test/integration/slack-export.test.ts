import { parse } from 'csv-parse/sync';
import { exportSchema } from '../support/export-schema';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import {
  outboxSettled,
  replayVero,
  veroComponentLabels,
  veroMessages,
  veroTimes,
} from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

const FILE = 'INC-1-degraded-performance-across-vero-platform';

describe('/incident export', () => {
  let fake: FakeSlack;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: 'U0MANAGER', name: 'maria', displayName: 'Maria Manager' });
    fake.addUser({ id: 'U0RESPOND', name: 'rob', displayName: 'Rob Responder' });
    app = await startTestApp({ fake, env: { MANAGER_USER_IDS: 'U0MANAGER' } });
    await replayVero(app, { userId: 'U0RESPOND' });
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  async function exportAs(format: string, userId = 'U0MANAGER') {
    const before = fake.files().length;
    const res = await app.slack.command(`export INC-1 ${format}`, { userId });
    const answer = await fake.waitFor(() => fake.responses(res.responseUrl)[0]);
    await outboxSettled(app);
    return { answer, files: fake.files().slice(before) };
  }

  it('sends the Markdown timeline to the requester as a file in a DM', async () => {
    const { answer, files } = await exportAs('markdown');
    expect(answer.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain('on its way to your DMs');
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file?.filename).toBe(`${FILE}.md`);
    expect(file?.channel).toBe(fake.dmChannel('U0MANAGER'));
    const markdown = file?.content.toString('utf8') ?? '';
    expect(markdown).toContain(
      'Vero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.',
    );
    expect(markdown).toContain('Sep 01, 2022, 09:10 AM UTC');
    expect(markdown).toContain('Sep 01, 2022, 01:57 PM UTC');
    expect(markdown).toContain('4h 46m');
    expect(markdown).toContain('Pingoru');
    expect(markdown).toContain('Rob Responder');
    expect(markdown).not.toContain('<@U_');
    for (const label of veroComponentLabels) expect(markdown).toContain(label);
    const positions = veroMessages.map((message) => markdown.indexOf(message.split('\n')[0] ?? ''));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('sends a CSV that parses back to the six updates with their times', async () => {
    const { files } = await exportAs('csv');
    expect(files[0]?.filename).toBe(`${FILE}.csv`);
    const rows = parse(files[0]?.content.toString('utf8') ?? '', { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.occurred_at)).toEqual(veroTimes);
    expect(rows.map((r) => r.message)).toEqual(veroMessages);
    expect(rows.map((r) => r.stage)).toEqual([
      'investigating',
      'identified',
      'identified',
      'monitoring',
      'resolved',
      'postmortem',
    ]);
    expect(rows.every((r) => r.incident === 'INC-1' && r.author === 'Rob Responder')).toBe(true);
  });

  it('sends Statuspage-shaped JSON', async () => {
    const { files } = await exportAs('json');
    expect(files[0]?.filename).toBe(`${FILE}.json`);
    const json = exportSchema.parse(JSON.parse(files[0]?.content.toString('utf8') ?? ''));
    expect(json.id).toBe('INC-1');
    expect(json.duration_seconds).toBe(4 * 3600 + 46 * 60 + 27);
    expect(json.components).toHaveLength(8);
    expect(json.incident_updates.map((u) => u.display_at)).toEqual(veroTimes);
    expect(json.incident_updates[1]?.affected_components).toEqual(
      expect.arrayContaining([
        {
          code: 'vero1-newsletter-processing',
          name: 'Newsletter processing',
          old_status: 'operational',
          new_status: 'degraded_performance',
        },
      ]),
    );
  });

  it('refuses someone who is not a manager and exports nothing', async () => {
    const { answer, files } = await exportAs('markdown', 'U0RESPOND');
    expect(textOf(answer)).toContain('Exports are for incident managers');
    expect(files).toHaveLength(0);
  });

  it('answers an unknown format or reference clearly', async () => {
    const format = await app.slack.command('export INC-1 pdf', { userId: 'U0MANAGER' });
    expect(format.text()).toContain('"pdf" is not an export format');
    const unknown = await app.slack.command('export INC-42', { userId: 'U0MANAGER' });
    const answer = await fake.waitFor(() => fake.responses(unknown.responseUrl)[0]);
    expect(textOf(answer)).toContain('INC-42 does not exist');
  });
});
