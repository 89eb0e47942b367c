import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderJson } from '../../src/export/json';
import { renderMarkdown } from '../../src/export/markdown';
import type { Database } from '../../src/persistence/open-database';
import { PrismaExportReader } from '../../src/persistence/prisma-export-reader';
import { replayVero } from '../support/scenarios';
import {
  acmeFixture,
  importInto,
  nothingWritten,
  sharedCaptures,
  veroPageWith,
  veroStatuspageIncident,
  writtenRows,
} from '../support/statuspage-pages';
import { startTestApp } from '../support/test-app';
import { freshEmbeddedDatabase } from '../support/test-database';

const run = promisify(execFile);

/** Serves a page folder at /api/v2/<file>; `routes` replaces the answer of a file. */
async function servePage(
  dir: string,
  routes: Record<string, (res: import('node:http').ServerResponse) => void> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = (req.url ?? '').replace(/^\/api\/v2\//, '');
    const route = routes[file];
    if (route) return route(res);
    const path = join(dir, file);
    if (!/^[a-z-]+\.json$/.test(file) || !existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('npm run import -- statuspage --url', () => {
  let db: Database;
  beforeEach(async () => {
    db = await freshEmbeddedDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('reads the three files from the live page', async () => {
    const page = await servePage(acmeFixture);
    try {
      const catalog = join(mkdtempSync(join(tmpdir(), 'sitrep-catalog-')), 'components.yml');
      const report = await importInto(db, { source: { url: `${page.url}/` }, writeCatalog: catalog });
      expect(report.summary).toBe(
        'imported 4 incidents (12 updates), 1 maintenances, 4 components; 0 already present',
      );
    } finally {
      await page.close();
    }
  });

  const failures: [string, Record<string, (res: import('node:http').ServerResponse) => void>, RegExp][] = [
    [
      'a 404',
      { 'incidents.json': (res) => res.writeHead(404).end('Not Found') },
      /^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/incidents\.json: the page answered 404 Not Found$/,
    ],
    [
      'a timeout',
      { 'incidents.json': () => {} },
      /^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/incidents\.json: no answer within 2 s$/,
    ],
    [
      'invalid JSON',
      {
        'components.json': (res) =>
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Maintenance</html>'),
      },
      /^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/components\.json: malformed JSON \(/,
    ],
  ];
  it.each(failures)('stops with a clear line on %s and writes nothing', async (_name, routes, message) => {
    const page = await servePage(acmeFixture, routes);
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-catalog-'));
    try {
      await expect(
        importInto(db, {
          source: { url: page.url },
          writeCatalog: join(dir, 'components.yml'),
          // Short for the request that never gets an answer, ample for those that do.
          timeoutMs: 2_000,
        }),
      ).rejects.toThrow(message);
      expect(readdirSync(dir)).toEqual([]);
      expect(await writtenRows(db)).toEqual(nothingWritten);
      expect(await db.prisma.component.count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('the incident of SPEC §1 imported from Statuspage', () => {
  it('gives the record built through Slack: same times, same duration, same summary sentence', async () => {
    const slack = await startTestApp();
    const imported = await startTestApp();
    try {
      await replayVero(slack);
      const report = await importInto(imported.db, {
        source: { dir: veroPageWith([veroStatuspageIncident()]) },
      });
      expect(report.notices).toEqual([]);
      expect(report.summary).toBe(
        'imported 1 incidents (6 updates), 0 maintenances, 0 components; 0 already present',
      );

      const options = { orgName: 'Vero', timeZone: 'UTC', now: new Date() };
      const [built, brought] = await Promise.all(
        [slack, imported].map(async (app) => {
          const record = await new PrismaExportReader(app.db.prisma).findRecordByNumber(1);
          if (!record) throw new Error('INC-1 is missing');
          return { markdown: renderMarkdown(record, options), json: JSON.parse(renderJson(record)) };
        }),
      );
      if (!built || !brought) throw new Error('both records are read');
      const sentence = (markdown: string) =>
        markdown.split('\n').find((l) => l.startsWith('Vero experienced'));
      expect(sentence(brought.markdown)).toBe(
        'Vero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.',
      );
      expect(sentence(brought.markdown)).toBe(sentence(built.markdown));
      const row = (markdown: string, name: string) =>
        markdown.split('\n').find((l) => l.startsWith(`| ${name} |`));
      for (const name of ['Started', 'Resolved', 'Duration']) {
        expect(row(brought.markdown, name)).toBe(row(built.markdown, name));
      }
      expect(row(brought.markdown, 'Duration')).toBe('| Duration | 4h 46m |');
      const times = (json: { started_at: string; resolved_at: string; duration_seconds: number }) => ({
        started_at: json.started_at,
        resolved_at: json.resolved_at,
        duration_seconds: json.duration_seconds,
      });
      expect(times(brought.json)).toEqual(times(built.json));
      const timeline = (json: { incident_updates: { status: string; body: string; display_at: string }[] }) =>
        json.incident_updates.map((u) => [u.status, u.display_at, u.body]);
      expect(timeline(brought.json)).toEqual(timeline(built.json));
      expect(brought.json.components).toEqual(built.json.components);
      expect(imported.fake.calls('chat.postMessage')).toHaveLength(0);
      expect(await imported.db.prisma.outboxJob.count()).toBe(0);
    } finally {
      await Promise.all([slack.close(), imported.close()]);
    }
  });
});

const capturesPresent = existsSync(sharedCaptures);
if (!capturesPresent) {
  process.stdout.write(
    `Real Statuspage captures not found at ${sharedCaptures}: their import test is skipped (they live outside the repository).\n`,
  );
}

(capturesPresent ? describe : describe.skip)('real Statuspage pages (../shared/data/statuspage)', () => {
  const folders = capturesPresent
    ? readdirSync(sharedCaptures, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];

  it.each(folders)('imports %s and serves its incidents and maintenances as the page did', async (folder) => {
    const dir = join(sharedCaptures, folder);
    const db = await freshEmbeddedDatabase();
    const catalog = join(mkdtempSync(join(tmpdir(), 'sitrep-catalog-')), 'components.yml');
    try {
      await importInto(db, { source: { dir }, writeCatalog: catalog });
      const source = existsSync(join(dir, 'incidents.json'))
        ? (JSON.parse(readFileSync(join(dir, 'incidents.json'), 'utf8')).incidents as RealIncident[])
        : [];
      expect(await db.prisma.incident.count()).toBe(source.length);
      const app = await startTestApp({
        database: db,
        catalog: existsSync(catalog) ? readFileSync(catalog, 'utf8') : null,
      });
      try {
        const served = (await (await fetch(`${app.url}/api/v2/incidents.json`)).json()) as {
          incidents: RealIncident[];
        };
        const placed = new Set(
          (await db.prisma.component.findMany({ select: { statuspageId: true } })).map((c) => c.statuspageId),
        );
        const byName = (list: RealIncident[], codes: (code: string) => boolean) =>
          list.map((i) => canonical(i, codes)).sort((a, b) => a.key.localeCompare(b.key));
        expect(byName(served.incidents, () => true)).toEqual(byName(source, (code) => placed.has(code)));
        const sourceMaintenances = existsSync(join(dir, 'scheduled-maintenances.json'))
          ? (JSON.parse(readFileSync(join(dir, 'scheduled-maintenances.json'), 'utf8'))
              .scheduled_maintenances as RealIncident[])
          : [];
        const maintenances = (await (
          await fetch(`${app.url}/api/v2/scheduled-maintenances.json`)
        ).json()) as {
          scheduled_maintenances: RealIncident[];
        };
        expect(byName(maintenances.scheduled_maintenances, () => true)).toEqual(
          byName(sourceMaintenances, (code) => placed.has(code)),
        );
      } finally {
        await app.close();
      }
    } finally {
      await db.close();
    }
  });

  it('adds only what is new when the same page is imported again later', async () => {
    const db = await freshEmbeddedDatabase();
    try {
      const first = await importInto(db, { source: { dir: join(sharedCaptures, 'github-2022-11-25') } });
      expect(first.summary).toMatch(/^imported 1 incidents \(7 updates\)/);
      const later = await importInto(db, { source: { dir: join(sharedCaptures, 'github') } });
      expect(later.summary).toMatch(
        /^imported 12 incidents \(\d+ updates\), 0 maintenances, 0 components; 1 already present$/,
      );
      const ljwdk = await db.prisma.incident.findUniqueOrThrow({
        where: { statuspageId: 'ljwdk6qml8z8' },
        include: { updates: true },
      });
      expect(ljwdk.updates).toHaveLength(9);
      expect(ljwdk.stage).toBe('resolved');
      expect(await db.prisma.incidentUpdate.count()).toBe(119);
    } finally {
      await db.close();
    }
  });
});

interface RealIncident {
  name: string;
  status: string;
  impact: string;
  incident_updates: {
    status: string;
    body: string;
    display_at: string;
    affected_components: { code?: string; name?: string; old_status?: string; new_status?: string }[] | null;
  }[];
}

function canonical(incident: RealIncident, placed: (code: string) => boolean) {
  const updates = incident.incident_updates
    .map((u) => ({
      status: u.status,
      body: u.body,
      display_at: `${new Date(u.display_at).toISOString().slice(0, 19)}Z`,
      affected: (u.affected_components ?? [])
        .filter((c) => c.code && placed(c.code))
        .map((c) => [c.name, c.old_status, c.new_status]),
    }))
    .sort((a, b) => a.display_at.localeCompare(b.display_at) || a.status.localeCompare(b.status));
  return {
    key: `${incident.name}|${updates[0]?.display_at}`,
    status: incident.status,
    impact: incident.impact,
    updates,
  };
}

describe('the command', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'src/import-cli.ts', ...args], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
    });

  it('imports into the embedded database and prints the summary line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitrep-data-'));
    const catalog = join(dataDir, 'components.yml');
    const { stdout } = await cli(['statuspage', '--dir', acmeFixture, '--write-catalog', catalog], {
      DATA_DIR: dataDir,
      COMPONENTS_FILE: catalog,
    });
    expect(stdout).toBe(
      'imported 4 incidents (12 updates), 1 maintenances, 4 components; 0 already present\n',
    );
    // A new data directory: initdb and every migration, in a process of its own.
  }, 240_000);

  it('says in one line that the data directory is in use', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitrep-data-'));
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'sitrep.pid'), String(process.pid));
    const failed = await cli(['statuspage', '--dir', acmeFixture], { DATA_DIR: dataDir }).catch(
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect('code' in failed && failed.code).toBe(1);
    const stderr = (failed as { stderr: string }).stderr;
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`is in use by another Sitrep process (pid ${process.pid})`);
  });

  it('answers a missing source with its usage', async () => {
    const failed = await cli(['statuspage'], {}).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain('give either --url or --dir');
  });
});
