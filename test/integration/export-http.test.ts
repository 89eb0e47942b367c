import { parse } from 'csv-parse/sync';
import type { IncidentRecord, IncidentUpdate } from '../../src/incidents/model';
import type { NewUpdate } from '../../src/incidents/ports';
import type { Database } from '../../src/persistence/open-database';
import { PrismaIncidentRepository } from '../../src/persistence/prisma-incident-repository';
import { veroIncident } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const TOKEN = 'a-long-export-token-123456';
const FILE = 'INC-1-degraded-performance-across-vero-platform';

/** Writes a fixture record through the repository, as Slack would have: declare, then each update. */
async function saveIncident(db: Database, record: IncidentRecord): Promise<void> {
  const repository = new PrismaIncidentRepository(db.prisma);
  const idsByKey = new Map((await db.prisma.component.findMany()).map((row) => [row.key, row.id]));
  const fixtureKeys = new Map(record.components.map(({ component }) => [component.id, component.key]));
  const dbId = (fixtureId: string) => idsByKey.get(fixtureKeys.get(fixtureId) ?? '') ?? fixtureId;
  const toNewUpdate = (update: IncidentUpdate): NewUpdate => ({
    stage: update.stage,
    message: update.message,
    occurredAt: update.occurredAt,
    authorId: update.author.id,
    impact: update.impact,
    components: update.components.map((state) => ({ ...state, componentId: dbId(state.componentId) })),
  });
  const [first, ...rest] = [...record.updates].sort((a, b) => a.sequence - b.sequence);
  if (!first) throw new Error('a fixture incident has at least one update');
  const { incident } = await repository.declare(
    {
      teamId: record.teamId,
      title: record.title,
      visibility: record.visibility,
      startedAt: record.startedAt,
      detectedBy: record.detectedBy,
      detectedAt: record.detectedAt,
      leadId: record.lead.id,
      declaredById: record.declaredBy.id,
      sourceKey: null,
      firstUpdate: toNewUpdate(first),
    },
    () => [],
  );
  for (const update of rest) {
    await repository.appendUpdate(incident.id, null, () => ({
      update: toNewUpdate(update),
      effects: () => [],
    }));
  }
  await repository.rememberPeople([record.lead, record.declaredBy, ...record.updates.map((u) => u.author)]);
}

describe('GET /api/incidents/:ref/export.{md,csv,json}', () => {
  let app: TestApp;
  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${app.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await startTestApp({ env: { EXPORT_API_TOKEN: TOKEN } });
    await saveIncident(app.db, veroIncident());
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers the Markdown timeline as a file named after the incident', async () => {
    const res = await get('/api/incidents/INC-1/export.md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${FILE}.md"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    expect(body).toContain('# INC-1: Degraded performance across Vero platform');
    expect(body).toContain(
      'Vero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.',
    );
  });

  it('answers CSV with one row per update under the header', async () => {
    const res = await get('/api/incidents/INC-1/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${FILE}.csv"`);
    const rows: Record<string, string>[] = parse(await res.text(), { columns: true });
    expect(rows.map((row) => [row.incident, row.stage, row.occurred_at])).toEqual([
      ['INC-1', 'investigating', '2022-09-01T09:10:45Z'],
      ['INC-1', 'identified', '2022-09-01T09:30:00Z'],
      ['INC-1', 'identified', '2022-09-01T09:45:00Z'],
      ['INC-1', 'monitoring', '2022-09-01T10:57:00Z'],
      ['INC-1', 'resolved', '2022-09-01T13:57:12Z'],
      ['INC-1', 'postmortem', '2022-09-01T23:19:00Z'],
    ]);
    expect(rows[0]?.author).toBe('Ben Okafor');
  });

  it('answers the Statuspage-style JSON object', async () => {
    const res = await get('/api/incidents/INC-1/export.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${FILE}.json"`);
    const body = (await res.json()) as { incident_updates: unknown[]; components: unknown[] };
    expect(body).toMatchObject({
      id: 'INC-1',
      name: 'Degraded performance across Vero platform',
      status: 'postmortem',
      impact: 'minor',
      started_at: '2022-09-01T09:10:45Z',
      resolved_at: '2022-09-01T13:57:12Z',
      duration_seconds: 4 * 3600 + 46 * 60 + 27,
      detected_by: 'Pingoru',
    });
    expect(body.incident_updates).toHaveLength(6);
    expect(body.components).toHaveLength(8);
  });

  it.each(['inc-1', '1', '%231'])('accepts the reference %s', async (ref) => {
    const res = await get(`/api/incidents/${ref}/export.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${FILE}.md"`);
  });

  it('answers 401 with a Bearer challenge without the Authorization header', async () => {
    const res = await get('/api/incidents/INC-1/export.md', null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(await res.json()).toEqual({ error: expect.stringContaining('missing bearer token') });
  });

  it.each([
    ['a shorter token', 'wrong'],
    ['a token of the same length', TOKEN.replace(/6$/, '7')],
  ])('answers 401 to %s', async (_what, token) => {
    const res = await get('/api/incidents/INC-1/export.md', token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(await res.json()).toEqual({ error: 'wrong bearer token' });
  });

  it('answers 401 to another authorization scheme', async () => {
    const res = await fetch(`${app.url}/api/incidents/INC-1/export.md`, {
      headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
    });
    expect(res.status).toBe(401);
  });

  it('does not tell an unauthenticated caller whether an incident exists', async () => {
    const res = await get('/api/incidents/INC-99/export.md', null);
    expect(res.status).toBe(401);
  });

  it.each(['INC-99', 'nonsense'])('answers 404 for the unknown incident %s', async (ref) => {
    const res = await get(`/api/incidents/${ref}/export.json`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: `no incident ${ref}` });
  });

  it('answers 400 for a format it does not export', async () => {
    const res = await get('/api/incidents/INC-1/export.pdf');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringContaining('"pdf"') });
  });

  describe('without EXPORT_API_TOKEN', () => {
    let closed: TestApp;

    beforeAll(async () => {
      closed = await startTestApp({ database: app.db, fake: app.fake });
    });

    afterAll(async () => {
      await closed.close();
    });

    it.each([
      ['with a token', TOKEN],
      ['without a token', null],
    ])('answers 404 to every export request, %s', async (_what, token) => {
      for (const file of ['export.md', 'export.csv', 'export.json', 'export.pdf']) {
        const res = await fetch(`${closed.url}/api/incidents/INC-1/${file}`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: 'not found' });
      }
    });
  });
});
