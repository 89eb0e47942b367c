import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown } from '../../src/export/markdown';
import { ImportError } from '../../src/import/read-source';
import type { Database } from '../../src/persistence/open-database';
import { PrismaExportReader } from '../../src/persistence/prisma-export-reader';
import {
  acmeFixture,
  copyPage,
  importInto,
  type Json,
  nothingWritten,
  readPage,
  writePage,
  writtenRows,
} from '../support/statuspage-pages';
import { startTestApp } from '../support/test-app';
import { freshEmbeddedDatabase } from '../support/test-database';

type SourceUpdate = {
  id: string;
  status: string;
  body: string;
  display_at: string;
  affected_components: { code?: string; name: string; old_status: string; new_status: string }[] | null;
};
type SourceIncident = {
  id: string;
  name: string;
  status: string;
  impact: string;
  incident_updates: SourceUpdate[];
};

const toSecond = (iso: string) => `${new Date(iso).toISOString().slice(0, 19)}Z`;

/** What SPEC §14's round trip compares, in a form both sides can be brought to. */
function comparable(incident: SourceIncident) {
  return {
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    updates: incident.incident_updates.map((u) => ({
      status: u.status,
      body: u.body,
      display_at: toSecond(u.display_at),
      affected_components: (u.affected_components ?? [])
        .filter((c) => c.code)
        .map((c) => ({ name: c.name, old_status: c.old_status, new_status: c.new_status })),
    })),
  };
}

function catalogFile(dir: string): string {
  return join(dir, 'components.yml');
}

describe('npm run import -- statuspage --dir (the hand-written page)', () => {
  let db: Database;
  let page: string;

  beforeEach(async () => {
    db = await freshEmbeddedDatabase();
    page = copyPage(acmeFixture);
  });
  afterEach(async () => {
    await db.close();
  });

  it('writes the catalog and imports every incident with every update, and says so', async () => {
    const report = await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });

    expect(report.summary).toBe(
      'imported 4 incidents (12 updates), 1 maintenances, 4 components; 0 already present',
    );
    const catalog = readFileSync(catalogFile(page), 'utf8');
    expect(catalog).toContain('key: platform-api');
    expect(catalog).toContain('group: Platform');
    expect(catalog).toContain('key: email-delivery');
    const components = await db.prisma.component.findMany({ orderBy: { position: 'asc' } });
    expect(components.map((c) => [c.key, c.group, c.statuspageId])).toEqual([
      ['platform-api', 'Platform', 'acmecmp00001'],
      ['platform-dashboard', 'Platform', 'acmecmp00002'],
      ['email-delivery', null, 'acmecmp00003'],
      ['webhooks', null, 'acmecmp00004'],
    ]);
    const incidents = await db.prisma.incident.findMany({ orderBy: { number: 'asc' } });
    expect(incidents.map((i) => [i.number, i.statuspageId, i.title])).toEqual([
      [1, 'acmeinc00001', 'API errors for some customers'],
      [2, 'acmeinc00002', 'Emails delayed 📧'],
      [3, 'acmeinc00003', 'Status page maintenance notice'],
      [4, 'acmeinc00004', 'Webhook deliveries delayed'],
    ]);
    expect(await db.prisma.outboxJob.count()).toBe(0);
  });

  it('starts an incident at its earliest time and orders updates shown at one time by when they were recorded', async () => {
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const incident = await db.prisma.incident.findUniqueOrThrow({
      where: { statuspageId: 'acmeinc00001' },
      include: { updates: { orderBy: { sequence: 'asc' } } },
    });
    // The first update is shown at 09:02, 18 minutes before the incident was opened on the page.
    expect(incident.startedAt.toISOString()).toBe('2023-11-02T09:02:00.000Z');
    expect(incident.createdAt.toISOString()).toBe('2023-11-02T09:20:00.000Z');
    expect(incident.resolvedAt?.toISOString()).toBe('2023-11-02T10:05:00.000Z');
    expect(incident.stage).toBe('resolved');
    expect(
      incident.updates.map((u) => [u.stage, u.occurredAt.toISOString(), u.createdAt.toISOString()]),
    ).toEqual([
      ['investigating', '2023-11-02T09:02:00.000Z', '2023-11-02T09:20:00.000Z'],
      ['identified', '2023-11-02T09:45:00.000Z', '2023-11-02T09:46:00.000Z'],
      ['monitoring', '2023-11-02T09:45:00.000Z', '2023-11-02T09:47:30.000Z'],
      ['resolved', '2023-11-02T10:05:00.000Z', '2023-11-02T10:05:09.000Z'],
    ]);
    expect(new Set(incident.updates.map((u) => u.authorId))).toEqual(new Set(['Statuspage']));
  });

  it('keeps bodies whole, CRLF and emoji included', async () => {
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const source = readPage(page, 'incidents.json').incidents as SourceIncident[];
    const postmortem = source[2]?.incident_updates[0];
    const row = await db.prisma.incidentUpdate.findUniqueOrThrow({ where: { statuspageId: 'acmeupd00024' } });
    expect(row.message).toBe(postmortem?.body);
    expect(row.message).toContain('\r\n\r\n## What we changed');
    expect(row.message).toContain('🙏');
  });

  it('serves the same incidents and component statuses on its own Statuspage JSON', async () => {
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const app = await startTestApp({ database: db, catalog: readFileSync(catalogFile(page), 'utf8') });
    try {
      const served = (await (await fetch(`${app.url}/api/v2/incidents.json`)).json()) as {
        incidents: SourceIncident[];
      };
      const source = readPage(page, 'incidents.json').incidents as SourceIncident[];
      expect(served.incidents.map(comparable)).toEqual(source.map(comparable));
      // The imported changes are served as given, old_status = new_status included, under catalog keys.
      const identified = served.incidents[3]?.incident_updates[2];
      expect(identified?.affected_components).toEqual([
        { code: 'platform-api', name: 'API', old_status: 'major_outage', new_status: 'major_outage' },
      ]);

      const components = (await (await fetch(`${app.url}/api/v2/components.json`)).json()) as {
        components: { name: string; status: string; group: boolean }[];
      };
      const sourceComponents = readPage(page, 'components.json').components as {
        name: string;
        status: string;
        group: boolean;
      }[];
      const statuses = (list: { name: string; status: string; group: boolean }[]) =>
        Object.fromEntries(list.map((c) => [`${c.group ? 'group ' : ''}${c.name}`, c.status]));
      expect(statuses(components.components)).toEqual(statuses(sourceComponents));
      expect(statuses(components.components).Webhooks).toBe('degraded_performance');

      type Maintenance = SourceIncident & { scheduled_for: string; scheduled_until: string };
      const maintenances = (await (await fetch(`${app.url}/api/v2/scheduled-maintenances.json`)).json()) as {
        scheduled_maintenances: Maintenance[];
      };
      const schedule = (m: Maintenance) => ({
        ...comparable(m),
        scheduled_for: toSecond(m.scheduled_for),
        scheduled_until: toSecond(m.scheduled_until),
      });
      const sourceMaintenances = readPage(page, 'scheduled-maintenances.json')
        .scheduled_maintenances as Maintenance[];
      expect(maintenances.scheduled_maintenances.map(schedule)).toEqual(sourceMaintenances.map(schedule));
      expect(app.fake.calls('chat.postMessage')).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('reproduces a timeline in the Markdown export, with an exact duration', async () => {
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const record = await new PrismaExportReader(db.prisma).findRecordByNumber(2);
    if (!record) throw new Error('INC-2 was not imported');
    const markdown = renderMarkdown(record, { orgName: 'Acme', timeZone: 'UTC', now: new Date() });
    // 14:03:20 → 16:49:07 is 2 h 45 min 47 s.
    expect(markdown).toContain('2h 45m');
    expect(markdown).toContain(
      'Acme experienced a minor incident on January 15, 2024 affecting Email delivery, lasting 2h 45m.',
    );
    const source = readPage(page, 'incidents.json').incidents as SourceIncident[];
    let at = 0;
    for (const update of [...(source[2]?.incident_updates ?? [])].reverse()) {
      const found = markdown.indexOf(update.body.split('\r\n').at(-1) ?? '', at);
      expect(found).toBeGreaterThan(at);
      at = found;
    }
    expect(markdown).toContain('Posted by Statuspage');
    const headings = markdown.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### Investigating · Jan 15, 2024, 02:03 PM UTC',
      '### Identified · Jan 15, 2024, 02:40 PM UTC',
      '### Resolved · Jan 15, 2024, 04:49 PM UTC',
      '### Postmortem · Jan 16, 2024, 10:00 AM UTC',
    ]);
  });

  it('imports nothing on a second run, and exactly one update added to the page since', async () => {
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const before = await writtenRows(db);

    const again = await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    expect(again.summary).toBe(
      'imported 0 incidents (0 updates), 0 maintenances, 0 components; 5 already present',
    );
    expect(await writtenRows(db)).toEqual(before);

    const data = readPage(page, 'incidents.json') as { incidents: Json[] };
    const open = data.incidents[0] as { incident_updates: Json[]; status: string };
    open.status = 'resolved';
    open.incident_updates.unshift({
      id: 'acmeupd00043',
      status: 'resolved',
      body: 'All webhooks were delivered.',
      incident_id: 'acmeinc00004',
      created_at: '2024-03-10T09:15:02.000Z',
      updated_at: '2024-03-10T09:15:02.000Z',
      display_at: '2024-03-10T09:15:00.000Z',
      affected_components: [
        {
          code: 'acmecmp00004',
          name: 'Webhooks',
          old_status: 'degraded_performance',
          new_status: 'operational',
        },
      ],
    });
    writePage(page, 'incidents.json', data);

    const third = await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    expect(third.summary).toBe(
      'imported 0 incidents (1 updates), 0 maintenances, 0 components; 5 already present',
    );
    expect(await writtenRows(db)).toEqual({ ...before, updates: before.updates + 1 });
    const incident = await db.prisma.incident.findUniqueOrThrow({ where: { statuspageId: 'acmeinc00004' } });
    expect(incident.stage).toBe('resolved');
    expect(incident.resolvedAt?.toISOString()).toBe('2024-03-10T09:15:00.000Z');
    const last = await db.prisma.incidentUpdate.findUniqueOrThrow({
      where: { statuspageId: 'acmeupd00043' },
    });
    expect(last.sequence).toBe(3);
  });

  it('numbers imported incidents after the existing ones', async () => {
    await db.prisma.incidentCounter.create({ data: { teamId: 'T0123', lastNumber: 7 } });
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const incidents = await db.prisma.incident.findMany({ orderBy: { number: 'asc' } });
    expect(incidents.map((i) => [i.teamId, i.number])).toEqual([
      ['T0123', 8],
      ['T0123', 9],
      ['T0123', 10],
      ['T0123', 11],
    ]);
  });

  it('matches components already in the catalog by label without a catalog file, and reports the rest', async () => {
    await db.prisma.component.create({
      data: { key: 'email', name: 'Email delivery', group: null, announceChannels: [], position: 0 },
    });
    const report = await importInto(db, { source: { dir: page } });
    expect(report.summary).toBe(
      'imported 4 incidents (12 updates), 1 maintenances, 0 components; 0 already present',
    );
    expect(report.notices).toContain(
      'incidents.json: incident acmeinc00001: affected component "API" (acmecmp00001) is not in the catalog; left out',
    );
    expect(report.notices).toContain(
      'incidents.json: incident acmeinc00004: affected component "Webhooks" (acmecmp00004) is not in the catalog; left out',
    );
    expect(report.notices).toContain(
      'scheduled-maintenances.json: maintenance acmemnt00001: affected component "API" (acmecmp00001) is not in the catalog; left out',
    );
    const email = await db.prisma.component.findUniqueOrThrow({ where: { key: 'email' } });
    expect(email.statuspageId).toBe('acmecmp00003');
    const api = await db.prisma.incident.findUniqueOrThrow({
      where: { statuspageId: 'acmeinc00001' },
      include: { components: true, updates: true },
    });
    expect(api.components).toEqual([]);
    expect(api.updates).toHaveLength(4);
    const emails = await db.prisma.incident.findUniqueOrThrow({
      where: { statuspageId: 'acmeinc00002' },
      include: { components: true },
    });
    expect(emails.components.map((c) => [c.componentId, c.status])).toEqual([[email.id, 'operational']]);
  });

  it('imports the maintenance with its stages, impact and times, auto transitions off', async () => {
    await importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
    const maintenance = await db.prisma.maintenance.findUniqueOrThrow({
      where: { statuspageId: 'acmemnt00001' },
      include: {
        updates: { orderBy: { sequence: 'asc' } },
        components: { include: { component: true } },
      },
    });
    expect(maintenance).toMatchObject({
      number: 1,
      title: 'Database upgrade',
      visibility: 'public',
      stage: 'completed',
      impact: 'maintenance',
      autoTransitions: false,
      remindAt: null,
    });
    expect(maintenance.scheduledFor.toISOString()).toBe('2024-02-25T02:00:00.000Z');
    expect(maintenance.startedAt?.toISOString()).toBe('2024-02-25T02:00:00.000Z');
    expect(maintenance.endedAt?.toISOString()).toBe('2024-02-25T03:00:00.000Z');
    expect(maintenance.components.map((c) => c.component.key)).toEqual(['platform-api']);
    expect(
      maintenance.updates.map((u) => [u.stage, u.occurredAt.toISOString(), u.createdAt.toISOString()]),
    ).toEqual([
      ['scheduled', '2024-02-20T09:00:00.000Z', '2024-02-20T09:00:03.000Z'],
      ['in_progress', '2024-02-25T02:00:00.000Z', '2024-02-25T02:00:02.000Z'],
      ['completed', '2024-02-25T03:00:00.000Z', '2024-02-25T03:00:05.000Z'],
    ]);
    expect(maintenance.updates[0]?.message).toBe(
      'We will upgrade our main database.\n\nThe API may answer slowly for up to an hour.',
    );
    expect(maintenance.updates[1]?.affectedComponents).toEqual([
      { code: 'platform-api', name: 'API', old_status: 'operational', new_status: 'under_maintenance' },
    ]);
    expect(await db.prisma.outboxJob.count()).toBe(0);
  });

  it('writes nothing on a dry run', async () => {
    const report = await importInto(db, {
      source: { dir: page },
      writeCatalog: catalogFile(page),
      dryRun: true,
    });
    expect(report.summary).toBe(
      'dry run, nothing written: would have imported 4 incidents (12 updates), 1 maintenances, 4 components; 0 already present',
    );
    expect(existsSync(catalogFile(page))).toBe(false);
    expect(await writtenRows(db)).toEqual(nothingWritten);
    expect(await db.prisma.component.count()).toBe(0);
  });

  describe('stops on bad input, names the file, the incident and the field, and writes nothing', () => {
    const cases: [string, (data: { incidents: Json[] }) => void, RegExp][] = [
      [
        'an unknown update status',
        (data) => {
          ((data.incidents[2] as { incident_updates: Json[] }).incident_updates[2] as Json).status = 'fixing';
        },
        /incidents\.json: incident acmeinc00002, field incident_updates\[2\]\.status: unknown value "fixing"/,
      ],
      [
        'an unknown impact',
        (data) => {
          (data.incidents[0] as Json).impact = 'catastrophic';
        },
        /incidents\.json: incident acmeinc00004, field impact: unknown value "catastrophic"/,
      ],
      [
        'a missing display_at',
        (data) => {
          delete ((data.incidents[3] as { incident_updates: Json[] }).incident_updates[1] as Json).display_at;
        },
        /incidents\.json: incident acmeinc00001, field incident_updates\[1\]\.display_at: is missing/,
      ],
      [
        'an affected component without its new status',
        (data) => {
          const update = (data.incidents[3] as { incident_updates: Json[] }).incident_updates[0] as {
            affected_components: Json[];
          };
          delete update.affected_components[0]?.new_status;
        },
        /incidents\.json: incident acmeinc00001, field incident_updates\[0\]\.affected_components\[0\]\.new_status: is (missing|required)/,
      ],
    ];
    it.each(cases)('%s', async (_name, breakIt, message) => {
      const data = readPage(page, 'incidents.json') as { incidents: Json[] };
      breakIt(data);
      writePage(page, 'incidents.json', data);
      const run = importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) });
      await expect(run).rejects.toThrow(ImportError);
      await expect(run).rejects.toThrow(message);
      expect(existsSync(catalogFile(page))).toBe(false);
      expect(await writtenRows(db)).toEqual(nothingWritten);
      expect(await db.prisma.component.count()).toBe(0);
    });

    it('malformed JSON', async () => {
      writeFileSync(join(page, 'incidents.json'), '{"incidents": [');
      await expect(
        importInto(db, { source: { dir: page }, writeCatalog: catalogFile(page) }),
      ).rejects.toThrow(/incidents\.json: malformed JSON/);
      expect(existsSync(catalogFile(page))).toBe(false);
      expect(await db.prisma.component.count()).toBe(0);
    });
  });
});
