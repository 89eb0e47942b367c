import type { MaintenanceDraft } from '../../src/maintenance/ports';
import type { MaintenanceStage } from '../../src/maintenance/vocabulary';
import { PrismaComponentCatalog } from '../../src/persistence/prisma-component-catalog';
import { PrismaMaintenanceRepository } from '../../src/persistence/prisma-maintenance-repository';
import { scheduledMaintenancesDocument, sitrepTime } from '../support/statuspage-schemas';
import { startTestApp, type TestApp } from '../support/test-app';

const now = new Date();
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

describe('scheduled maintenance on the public surfaces', () => {
  let app: TestApp;
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const repo = new PrismaMaintenanceRepository(app.db.prisma);
    const catalog = new PrismaComponentCatalog(app.db.prisma);
    const ids = Object.fromEntries((await catalog.listActive()).map((c) => [c.key, c.id]));
    const add = async (
      name: string,
      overrides: Partial<MaintenanceDraft> & { stages?: [MaintenanceStage, Date][] },
    ) => {
      const { stages = [], ...draft } = overrides;
      const { maintenance } = await repo.schedule(
        {
          teamId: 'T_SITREP',
          title: name,
          visibility: 'public',
          scheduledFor: hours(2),
          scheduledUntil: hours(3),
          autoTransitions: true,
          remindAt: null,
          createdById: 'U_SECRET_PERSON',
          sourceKey: null,
          componentIds: [ids.workflows ?? ''],
          firstUpdate: {
            stage: 'scheduled',
            message: `${name}: planned.`,
            occurredAt: hours(-48),
            authorId: 'U_SECRET_PERSON',
          },
          ...draft,
        },
        () => [],
      );
      for (const [stage, at] of stages) {
        await repo.appendUpdate(maintenance.id, null, () => ({
          update: { stage, message: `${name}: ${stage}.`, occurredAt: at, authorId: 'U_SECRET_PERSON' },
          effects: () => [],
        }));
      }
      numbers[name] = maintenance.number;
    };
    await add('Old completed work', {
      scheduledFor: hours(-30),
      scheduledUntil: hours(-29),
      stages: [
        ['in_progress', hours(-30)],
        ['completed', hours(-29)],
      ],
    });
    await add('Called off', {
      scheduledFor: hours(-20),
      scheduledUntil: hours(-19),
      stages: [['cancelled', hours(-25)]],
    });
    await add('Database upgrade now', {
      scheduledFor: hours(-1),
      scheduledUntil: hours(1),
      componentIds: [ids['vero1-ingestion-api'] ?? ''],
      stages: [['in_progress', hours(-1)]],
    });
    await add('Upcoming network work', { scheduledFor: hours(5), scheduledUntil: hours(6) });
    await add('Secret internal work', {
      visibility: 'internal',
      scheduledFor: hours(-1),
      scheduledUntil: hours(2),
      componentIds: [ids['general-ui'] ?? ''],
      stages: [['in_progress', hours(-1)]],
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (path: string) => {
    const res = await fetch(`${app.url}${path}`);
    return { res, body: await res.text() };
  };
  const getJson = async (path: string) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    return JSON.parse(body);
  };
  const names = (doc: { scheduled_maintenances: { name: string }[] }) =>
    doc.scheduled_maintenances.map((m) => m.name);

  it('lists every public maintenance, of any stage, in Statuspage’s shape', async () => {
    const doc = scheduledMaintenancesDocument.parse(await getJson('/api/v2/scheduled-maintenances.json'));
    expect(names(doc)).toEqual([
      'Upcoming network work',
      'Database upgrade now',
      'Called off',
      'Old completed work',
    ]);
    expect(doc.scheduled_maintenances.map((m) => m.status)).toEqual([
      'scheduled',
      'in_progress',
      'cancelled',
      'completed',
    ]);
    for (const m of doc.scheduled_maintenances) {
      expect(m.impact).toBe('maintenance');
      expect(m.id).toMatch(/^MNT-\d+$/);
      expect(m.scheduled_for).toMatch(sitrepTime);
      expect(m.shortlink).toBe(`https://status.example.test/maintenances/${m.id}`);
    }
  });

  it('lists upcoming and active ones apart', async () => {
    const upcoming = scheduledMaintenancesDocument.parse(
      await getJson('/api/v2/scheduled-maintenances/upcoming.json'),
    );
    expect(names(upcoming)).toEqual(['Upcoming network work']);
    const active = scheduledMaintenancesDocument.parse(
      await getJson('/api/v2/scheduled-maintenances/active.json'),
    );
    expect(names(active)).toEqual(['Database upgrade now']);
    expect(active.scheduled_maintenances[0]?.components.map((c) => [c.id, c.status])).toEqual([
      ['vero1-ingestion-api', 'under_maintenance'],
    ]);
  });

  it('puts active, then upcoming maintenances in summary.json, and their components under maintenance', async () => {
    const summary = await getJson('/api/v2/summary.json');
    expect(
      names(
        scheduledMaintenancesDocument.parse({
          page: summary.page,
          scheduled_maintenances: summary.scheduled_maintenances,
        }),
      ),
    ).toEqual(['Database upgrade now', 'Upcoming network work']);
    const status = (key: string) =>
      (summary.components as { id: string; status: string }[]).find((c) => c.id === key)?.status;
    expect(status('vero1-ingestion-api')).toBe('under_maintenance');
    // The internal maintenance never turns a public component.
    expect(status('general-ui')).toBe('operational');
    expect(summary.status.indicator).toBe('maintenance');
  });

  it('shows a "Scheduled maintenance" section on /, active then upcoming', async () => {
    const { body } = await get('/');
    const start = body.indexOf('<section class="maintenances">');
    const section = body.slice(start, body.indexOf('</section>', start));
    expect(body).toContain('<h2>Scheduled maintenance</h2>');
    expect(section.indexOf('Database upgrade now')).toBeLessThan(section.indexOf('Upcoming network work'));
    // Finished work leaves the section (the uptime bars of its day still name it).
    expect(section).not.toContain('Old completed work');
    expect(section).not.toContain('Called off');
  });

  it('serves a public maintenance’s page, and an internal one’s as the same 404 as a missing one', async () => {
    const page = await get(`/maintenances/MNT-${numbers['Database upgrade now']}`);
    expect(page.res.status).toBe(200);
    expect(page.body).toContain('Database upgrade now: in_progress.');
    expect((await get(`/maintenances/mnt-${numbers['Database upgrade now']}`)).res.status).toBe(200);
    const internal = await get(`/maintenances/MNT-${numbers['Secret internal work']}`);
    const missing = await get('/maintenances/MNT-99');
    expect(internal.res.status).toBe(404);
    expect(missing.res.status).toBe(404);
    expect(internal.body.replace(/MNT-\d+/g, '')).toBe(missing.body.replace(/MNT-\d+/g, ''));
    expect((await get('/maintenances/INC-1')).res.status).toBe(404);
  });

  it('colours the uptime bars of a component under maintenance, never of a cancelled one, and counts no downtime', async () => {
    const { body } = await get('/');
    const uptime = body.slice(body.indexOf('<section class="uptime"'));
    const row = (label: string) => {
      const at = uptime.indexOf(`<span>${label}</span>`);
      return uptime.slice(at, uptime.indexOf('</ol>', at));
    };
    const ingestion = row('Vero 1.0: Ingestion API');
    expect(ingestion).toContain('<li class="bar under_maintenance events"');
    expect(ingestion).toContain(`/maintenances/MNT-${numbers['Database upgrade now']}`);
    expect(ingestion).toContain('100.00% uptime');
    expect(uptime).not.toContain('Called off');
    expect(uptime).not.toContain('Upcoming network work');
  });

  it('carries maintenance updates in the Atom feed', async () => {
    const { body } = await get('/history.atom');
    expect(body).toContain(`MNT-${numbers['Database upgrade now']} Database upgrade now: In progress`);
    expect(body).toContain(`/maintenances/MNT-${numbers['Old completed work']}#update-`);
  });

  it('lets nothing of an internal maintenance or of people reach a public surface', async () => {
    for (const path of [
      '/',
      '/history.atom',
      '/history.rss',
      '/api/v2/summary.json',
      '/api/v2/scheduled-maintenances.json',
      '/api/v2/scheduled-maintenances/upcoming.json',
      '/api/v2/scheduled-maintenances/active.json',
    ]) {
      const { body } = await get(path);
      expect(body).not.toContain('Secret internal work');
      expect(body).not.toContain('U_SECRET_PERSON');
      expect(body).not.toContain('T_SITREP');
    }
  });
});
