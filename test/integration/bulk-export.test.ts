import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import {
  type BulkArgs,
  type BulkFormat,
  BulkUsageError,
  parseBulkArgs,
  writeBulkExport,
} from '../../src/export/bulk-export';
import type { NewUpdate } from '../../src/incidents/ports';
import type { Impact, Stage, Visibility } from '../../src/incidents/vocabulary';
import type { Database } from '../../src/persistence/open-database';
import { PrismaComponentCatalog } from '../../src/persistence/prisma-component-catalog';
import { PrismaExportReader } from '../../src/persistence/prisma-export-reader';
import { PrismaIncidentRepository } from '../../src/persistence/prisma-incident-repository';
import { utc } from '../support/fixtures';
import { freshEmbeddedDatabase } from '../support/test-database';

const MINUTE = 60_000;
const LEAD = { id: 'U0LEAD', name: 'Ana Lima' };

interface Seed {
  title: string;
  startedAt: string;
  impact: Impact;
  /** Raised to this impact two minutes in. */
  escalatesTo?: Impact;
  resolvedAfterMinutes?: number;
  detectedAfterMinutes?: number;
  withComponent?: boolean;
  visibility?: Visibility;
  withNote?: boolean;
}

// Declared in this order, so INC-n follows the list, not the start times.
const seeds: Seed[] = [
  {
    title: 'Ingestion lag before the range',
    startedAt: '2022-08-31T23:59:00Z',
    impact: 'minor',
    resolvedAfterMinutes: 15,
    detectedAfterMinutes: 30,
  }, // INC-1, out
  {
    title: 'Checkout errors',
    startedAt: '2022-09-20T10:00:00Z',
    impact: 'minor',
    escalatesTo: 'major',
    resolvedAfterMinutes: 40,
    detectedAfterMinutes: 5,
  }, // INC-2
  {
    title: 'Slow dashboards',
    startedAt: '2022-09-01T00:00:00Z',
    impact: 'none',
    resolvedAfterMinutes: 10,
    detectedAfterMinutes: 1,
  }, // INC-3, on the first instant of the range
  {
    title: 'Delayed emails',
    startedAt: '2022-09-05T08:00:00Z',
    impact: 'minor',
    resolvedAfterMinutes: 20,
    withNote: true,
  }, // INC-4
  {
    title: 'Outage after the range',
    startedAt: '2022-10-01T00:00:00Z',
    impact: 'critical',
    resolvedAfterMinutes: 5,
  }, // INC-5, out: the end is excluded
  {
    title: 'API timeouts',
    startedAt: '2022-09-12T14:30:00Z',
    impact: 'minor',
    resolvedAfterMinutes: 30,
    detectedAfterMinutes: 3,
    withComponent: true,
  }, // INC-6
  { title: 'Full outage', startedAt: '2022-09-28T22:00:00Z', impact: 'critical', resolvedAfterMinutes: 100 }, // INC-7
  { title: 'Webhook failures', startedAt: '2022-09-15T09:00:00Z', impact: 'major', detectedAfterMinutes: 11 }, // INC-8, open
  { title: 'Database failover', startedAt: '2022-09-25T07:00:00Z', impact: 'critical' }, // INC-9, open
  { title: 'Login page slow', startedAt: '2022-09-12T14:30:00Z', impact: 'minor' }, // INC-10, open, same start as INC-6
  { title: 'Cache stampede', startedAt: '2022-09-08T12:00:00Z', impact: 'critical' }, // INC-11, open
  { title: 'Region down', startedAt: '2022-09-30T23:59:59Z', impact: 'critical' }, // INC-12, open
];

/** The incidents started in September 2022, in start order (INC-6 before INC-10 at the same time). */
const inRange = ['INC-3', 'INC-4', 'INC-11', 'INC-6', 'INC-10', 'INC-8', 'INC-2', 'INC-9', 'INC-7', 'INC-12'];

async function seed(db: Database): Promise<void> {
  await new PrismaComponentCatalog(db.prisma).sync([
    { key: 'api', name: 'API', group: null, description: null, announceChannels: [] },
  ]);
  const api = await db.prisma.component.findUniqueOrThrow({ where: { key: 'api' } });
  const repository = new PrismaIncidentRepository(db.prisma);
  await repository.rememberPeople([LEAD]);
  for (const s of seeds) {
    const startedAt = utc(s.startedAt);
    const after = (minutes: number) => new Date(startedAt.getTime() + minutes * MINUTE);
    const update = (stage: Stage, impact: Impact, occurredAt: Date): NewUpdate => ({
      stage,
      message: `${s.title}: ${stage}`,
      occurredAt,
      authorId: LEAD.id,
      impact,
      components: s.withComponent
        ? [{ componentId: api.id, status: stage === 'resolved' ? 'operational' : 'degraded_performance' }]
        : [],
    });
    const { incident } = await repository.declare(
      {
        teamId: 'T0TEAM',
        title: s.title,
        visibility: s.visibility ?? 'public',
        startedAt,
        detectedBy: s.detectedAfterMinutes === undefined ? null : 'Pingoru',
        detectedAt: s.detectedAfterMinutes === undefined ? null : after(s.detectedAfterMinutes),
        leadId: LEAD.id,
        declaredById: LEAD.id,
        sourceKey: null,
        firstUpdate: update('investigating', s.impact, startedAt),
      },
      () => [],
    );
    const append = (next: NewUpdate) =>
      repository.appendUpdate(incident.id, null, () => ({ update: next, effects: () => [] }));
    const impact = s.escalatesTo ?? s.impact;
    if (s.escalatesTo) await append(update('identified', impact, after(2)));
    if (s.resolvedAfterMinutes !== undefined)
      await append(update('resolved', impact, after(s.resolvedAfterMinutes)));
    if (s.withNote) {
      await db.prisma.note.create({
        data: {
          incidentId: incident.id,
          channelId: 'C0INC4',
          messageTs: '1662364900.000100',
          text: 'Support has three tickets about it.',
          authorId: LEAD.id,
          occurredAt: after(5),
        },
      });
    }
  }
}

/** A reader that takes one chunk at a time, so the writer must wait for 'drain' over and over. */
function slowReader(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('writeBulkExport', () => {
  let db: Database;
  let reader: PrismaExportReader;
  const september = (format: BulkFormat): BulkArgs => ({
    since: utc('2022-09-01T00:00:00Z'),
    until: utc('2022-10-01T00:00:00Z'),
    format,
  });
  const options = { orgName: 'Vero', timeZone: 'UTC', now: utc('2022-10-05T00:00:00Z') };

  async function exportText(args: BulkArgs): Promise<string> {
    const { out, text } = slowReader();
    await writeBulkExport(reader, args, out, options);
    return text();
  }

  beforeAll(async () => {
    db = await freshEmbeddedDatabase();
    await seed(db);
    // Small pages, so the range spans several of them and the tie at 14:30 straddles two.
    reader = new PrismaExportReader(db.prisma, undefined, { recordPageSize: 4, timesPageSize: 3 });
  });

  afterAll(async () => {
    await db.close();
  });

  describe('as CSV', () => {
    it('writes one header, then the rows of exactly the incidents started in the range, in start order', async () => {
      const csv = await exportText(september('csv'));
      expect(csv.startsWith('incident,title,impact,stage,occurred_at,author,message,components\r\n')).toBe(
        true,
      );
      const rows: Record<string, string>[] = parse(csv, { columns: true });
      expect([...new Set(rows.map((row) => row.incident))]).toEqual(inRange);
      const rowsPerIncident: Record<string, number> = {};
      for (const { incident = '' } of rows) rowsPerIncident[incident] = (rowsPerIncident[incident] ?? 0) + 1;
      // One row per update, plus one for INC-4's internal note.
      expect(rowsPerIncident).toEqual({
        'INC-3': 2,
        'INC-4': 3,
        'INC-11': 1,
        'INC-6': 2,
        'INC-10': 1,
        'INC-8': 1,
        'INC-2': 3,
        'INC-9': 1,
        'INC-7': 2,
        'INC-12': 1,
      });
      expect(rows.find((row) => row.stage === 'note')?.message).toBe('Support has three tickets about it.');
      expect(rows.find((row) => row.incident === 'INC-6')?.components).toBe('API');
    });
  });

  describe('as JSON', () => {
    it('writes one array of the incidents started in the range, in start order', async () => {
      const incidents = JSON.parse(await exportText(september('json')));
      expect(incidents.map((incident: { id: string }) => incident.id)).toEqual(inRange);
    });

    it('gives each incident its timeline, components, notes and people', async () => {
      const incidents = JSON.parse(await exportText(september('json')));
      const byId = new Map(incidents.map((incident: { id: string }) => [incident.id, incident]));
      expect(byId.get('INC-2')).toMatchObject({
        name: 'Checkout errors',
        impact: 'major',
        status: 'resolved',
        started_at: '2022-09-20T10:00:00Z',
        resolved_at: '2022-09-20T10:40:00Z',
        incident_updates: [
          { status: 'investigating', author: 'Ana Lima' },
          { status: 'identified' },
          { status: 'resolved' },
        ],
      });
      expect(byId.get('INC-6')).toMatchObject({
        components: [{ id: 'api', name: 'API', group: null, status: 'operational' }],
      });
      expect(byId.get('INC-4')).toMatchObject({ notes: [{ body: 'Support has three tickets about it.' }] });
    });

    it('writes an empty array for a range without incidents', async () => {
      const text = await exportText({
        since: utc('2021-01-01T00:00:00Z'),
        until: utc('2021-02-01T00:00:00Z'),
        format: 'json',
      });
      expect(JSON.parse(text)).toEqual([]);
    });
  });

  describe('as Markdown', () => {
    it('starts with counts by impact and time to resolve and to detect over the range', async () => {
      const markdown = await exportText(september('markdown'));
      // Resolved in range after 10, 20, 30, 40 and 100 minutes: median 30m, p90 (nearest rank) the
      // fifth value, mean 200 / 5 = 40m. Detected after 1, 3, 5 and 11 minutes: median (3 + 5) / 2 = 4m,
      // p90 the fourth value, mean 20 / 4 = 5m. INC-1 and INC-5, outside the range, count nowhere.
      expect(
        markdown.startsWith(`# Incidents from September 1, 2022 to October 1, 2022

| Impact | Incidents |
| --- | ---: |
| None | 1 |
| Minor | 3 |
| Major | 2 |
| Critical | 4 |
| **Total** | **10** |

| | Median | p90 | Mean | Incidents |
| --- | ---: | ---: | ---: | ---: |
| Time to resolve | 30m | 1h 40m | 40m | 5 |
| Time to detect | 4m | 11m | 5m | 4 |
`),
      ).toBe(true);
    });

    it("then gives each incident's timeline in start order, separated by rules", async () => {
      const markdown = await exportText(september('markdown'));
      const [, ...incidents] = markdown.split('\n---\n\n');
      const headings = incidents.map((section) => section.split('\n')[0]);
      expect(headings).toEqual(inRange.map((ref) => `# ${ref}: ${seeds[Number(ref.slice(4)) - 1]?.title}`));
      expect(markdown).not.toContain('Ingestion lag before the range');
      expect(markdown).not.toContain('Outage after the range');
      expect(incidents[0]).toContain('| Duration | 10m |');
    });
  });
});

describe('parseBulkArgs', () => {
  it('reads the range and the format', () => {
    expect(parseBulkArgs(['--since', '2022-09-01', '--until', '2022-10-01', '--format', 'csv'])).toEqual({
      since: utc('2022-09-01T00:00:00Z'),
      until: utc('2022-10-01T00:00:00Z'),
      format: 'csv',
    });
  });

  it('exports Markdown when no format is given', () => {
    expect(parseBulkArgs(['--since=2022-09-01', '--until=2022-10-01']).format).toBe('markdown');
  });

  it('takes a date as midnight in the display time zone, and a time with its zone as given', () => {
    const args = parseBulkArgs(
      ['--since', '2022-09-01', '--until', '2022-09-02T12:00:00+02:00'],
      'America/New_York',
    );
    expect(args.since).toEqual(utc('2022-09-01T04:00:00Z'));
    expect(args.until).toEqual(utc('2022-09-02T10:00:00Z'));
  });

  it.each([
    [['--until', '2022-10-01'], '--since is required'],
    [['--since', 'nope', '--until', '2022-10-01'], '--since "nope" is not a date'],
    [['--since', '2022-02-30', '--until', '2022-10-01'], '--since "2022-02-30" is not a date'],
    [['--since', '2022-09-01T09:00:00', '--until', '2022-10-01'], 'is not a date'],
    [['--since', '2022-09-01', '--until', '2022-09-01'], '--until must be after --since'],
    [['--since', '2022-10-01', '--until', '2022-09-01'], '--until must be after --since'],
    [['--since', '2022-09-01', '--until', '2022-10-01', '--format', 'pdf'], '--format must be one of'],
    [['--since', '2022-09-01', '--until', '2022-10-01', '--team', 'T0'], "Unknown option '--team'"],
    [['--since', '2022-09-01', '--until', '2022-10-01', 'csv'], "Unexpected argument 'csv'"],
    [['--since'], "Option '--since <value>' argument missing"],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseBulkArgs(argv)).toThrow(BulkUsageError);
    expect(() => parseBulkArgs(argv)).toThrow(message);
  });
});

describe('npm run export', () => {
  it('prints usage on stderr and exits with 2 on a bad argument', async () => {
    const root = join(__dirname, '../..');
    const child = spawn(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'src/export-cli.ts'), '--since', 'nope'],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--since "nope" is not a date');
    expect(stderr).toContain('Usage: npm run --silent export -- --since <date> --until <date>');
    expect(stderr).toContain('stop the service');
  });
});
