/**
 * `npm run bench`: Sitrep's real service against a bare Bolt app, side by side, each in its own
 * process, with the fake Slack in a third and this process generating load; then exports, bulk
 * export and cold start on seeded data. Prints one Markdown table; writes the figures as JSON.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { loadCatalog } from '../src/catalog/load-catalog';
import { renderExport } from '../src/export/render-export';
import { type Database, openDatabase } from '../src/persistence/open-database';
import { PrismaComponentCatalog } from '../src/persistence/prisma-component-catalog';
import { PrismaIncidentRepository } from '../src/persistence/prisma-incident-repository';
import {
  type Child,
  cpuSeconds,
  firstJsonLine,
  foreignCpu,
  freePort,
  killAllNow,
  type RssSampler,
  sampleRss,
  spawnChild,
  stopAll,
  stopChild,
} from './children';
import { FlagError, type Flags, parseFlags, usage } from './flags';
import { herdPhase } from './herd-phase';
import { commandBody, median, openLoop, requestJson, summarize, timedGets } from './http-load';
import { importPhase } from './import-phase';
import {
  buildRows,
  type DatabaseKind,
  exportFormats,
  type LoadFigures,
  markdownTable,
  type RunResult,
} from './report';
import {
  componentIds,
  lastNumber,
  resolveOpenIncidents,
  type Sql,
  seedIncidents,
  seedLongIncident,
  seedUsers,
} from './seed';
import { seedMaintenances } from './seed-maintenances';
import { declareOnce, editOnce, FakeControl, type FlowContext, slackDriver, updateOnce } from './slack-flows';
import { subscribersPhase } from './subscribers-phase';
import { uptimePhase } from './uptime-phase';

const root = resolve(__dirname, '..');
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-token';
const EXPORT_TOKEN = 'bench-export-token-0123456789abcdef';
const USER = 'U_BENCH';
const BULK_FROM = new Date('2022-01-01T00:00:00Z');
const BULK_SPACING_MINUTES = 52;
const ENV_PASSTHROUGH = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR', 'SHELL'];

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** What an interrupted run must still undo once its children are stopped (databases, data). */
const cleanups = new Set<() => Promise<void>>();

async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    await cleanup().catch((error: unknown) => progress(`cleanup failed: ${String(error)}`));
    cleanups.delete(cleanup);
  }
}

interface FakeInfo {
  apiUrl: string;
  controlUrl: string;
  channels: string[];
  teamId: string;
}

interface Shared {
  flags: Flags;
  workDir: string;
  logDir: string;
  catalogFile: string;
  fake: FakeInfo;
  control: FakeControl;
  bare: { child: Child; url: string } | undefined;
  fakePid: number;
  bareFigures: LoadFigures | undefined;
  profileDir: string | undefined;
}

/** Only what the child needs: no `.env`, no DATABASE_URL or NODE_OPTIONS of the caller's shell. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ENV_PASSTHROUGH) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

function tsxArgs(file: string, profileDir?: string): string[] {
  // Node names each thread's profile itself (pid and thread id): tsx's loader thread writes one too.
  const prof = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  return [...prof, '--import', 'tsx', file];
}

function benchCatalog(count: number): string {
  const vero = loadCatalog(join(root, 'components.example.yml'));
  const lines = ['components:'];
  const entries = vero.status === 'loaded' ? vero.entries.slice(0, count) : [];
  for (const e of entries) {
    lines.push(`  - key: ${e.key}`, `    name: ${JSON.stringify(e.name)}`);
    if (e.group) lines.push(`    group: ${JSON.stringify(e.group)}`);
  }
  for (let i = entries.length; i < count; i++) {
    lines.push(
      `  - key: service-${i}`,
      `    name: Service ${i}`,
      `    group: Region ${Math.floor(i / 25)}`,
      `    description: Generated for the bench`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// --- Sitrep processes ---------------------------------------------------------------------------------

interface Target {
  kind: DatabaseKind;
  dataDir: string;
  databaseUrl: string | undefined;
}

function sitrepEnv(shared: Shared, target: Target, port: number): NodeJS.ProcessEnv {
  return baseEnv({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: shared.fake.apiUrl,
    DATABASE_URL: target.databaseUrl ?? '',
    DATA_DIR: target.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ORG_NAME: 'Vero',
    ANNOUNCE_CHANNEL_IDS: shared.fake.channels.join(','),
    CREATE_INCIDENT_CHANNELS: 'true',
    MANAGER_USER_IDS: '',
    EXPORT_API_TOKEN: EXPORT_TOKEN,
    DISPLAY_TIMEZONE: 'UTC',
    LOG_LEVEL: 'info',
    COMPONENTS_FILE: shared.catalogFile,
    // The herd speaks through one balancer: each of its addresses has a bucket of its own.
    TRUST_PROXY: 'true',
    // The subscribers phase's receiver listens on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE: 'true',
  });
}

interface Sitrep {
  child: Child;
  url: string;
  readyMs: number;
  rss: RssSampler;
}

let sitrepStarts = 0;

/** Spawns Sitrep and waits for the first 200 on /readyz, timed from the spawn. */
async function startSitrep(shared: Shared, target: Target): Promise<Sitrep> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  sitrepStarts++;
  const profileDir = shared.profileDir
    ? join(shared.profileDir, `sitrep-${target.kind}-${sitrepStarts}`)
    : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const child = spawnChild({
    name: `sitrep (${target.kind})`,
    ipc: true,
    command: process.execPath,
    args: tsxArgs('bench/sitrep-server.ts', profileDir),
    env: sitrepEnv(shared, target, port),
    cwd: root,
    logFile: join(shared.logDir, `sitrep-${target.kind}.log`),
  });
  const rss = sampleRss(child.pid, { intervalMs: 100, sinceStart: true });
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  const deadline = performance.now() + 90_000;
  for (;;) {
    if (exited)
      throw new Error(`Sitrep exited before it was ready: see ${shared.logDir}/sitrep-${target.kind}.log`);
    if (performance.now() > deadline) throw new Error('Sitrep was not ready in 90 s');
    try {
      const { status } = await requestJson(`${url}/readyz`, { timeoutMs: 2_000 });
      if (status === 200) break;
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
  return { child, url, readyMs: performance.now() - child.spawnedAt, rss };
}

async function stopSitrep(sitrep: Sitrep): Promise<number> {
  const started = performance.now();
  sitrep.rss.stop();
  const { code, signal } = await stopChild(sitrep.child);
  if (code !== 0) progress(`warning: Sitrep stopped with code ${code} signal ${signal}`);
  return performance.now() - started;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function windowed<T>(run: RunResult, name: string, fn: () => Promise<T>): Promise<T> {
  const start = monotonicUs();
  try {
    return await fn();
  } finally {
    run.windows = { ...run.windows, [name]: [start, monotonicUs()] };
  }
}

// --- phases -------------------------------------------------------------------------------------------

async function declarePhase(
  shared: Shared,
  sitrep: Sitrep,
  flow: FlowContext,
  run: RunResult,
  runId: string,
) {
  const { flags } = shared;
  progress(`declare: ${flags.declares} declarations`);
  sitrep.rss.reset();
  const roots: number[] = [];
  const settled: number[] = [];
  const acks: number[] = [];
  const refs: string[] = [];
  const catalog = loadCatalog(shared.catalogFile);
  const keys = catalog.status === 'loaded' ? catalog.entries.slice(0, 4).map((e) => e.key) : [];
  for (let i = 1; i <= flags.declares; i++) {
    // Two components each (one with a small catalog), so roots list them as real ones do.
    const components = keys.slice(i % 3, (i % 3) + 2);
    const timing = await declareOnce(flow, `Bench declare ${i} run ${runId}`, components);
    roots.push(timing.rootsMs);
    settled.push(timing.settledMs);
    acks.push(timing.ackMs);
    refs.push(timing.ref);
  }
  run.declare = {
    roots: summarize(roots),
    settled: summarize(settled),
    ack: summarize(acks),
    peakRssBytes: sitrep.rss.peakBytes(),
  };
  return refs;
}

async function updatePhase(shared: Shared, sitrep: Sitrep, flow: FlowContext, run: RunResult, ref: string) {
  const { flags } = shared;
  progress(`update: ${flags.updates} updates on ${ref}`);
  sitrep.rss.reset();
  const done: number[] = [];
  const acks: number[] = [];
  for (let i = 1; i <= flags.updates; i++) {
    const stage = i % 2 === 1 ? 'identified' : 'monitoring';
    const timing = await updateOnce(
      flow,
      ref,
      stage,
      `Update ${i}: still ${stage}, next update in 30 minutes.`,
    );
    done.push(timing.ms);
    acks.push(timing.ackMs);
  }
  run.update = { ref, done: summarize(done), ack: summarize(acks), peakRssBytes: sitrep.rss.peakBytes() };
}

/** Edits of the incident's latest update, each timed until every message showing it is changed. */
async function editPhase(shared: Shared, sitrep: Sitrep, flow: FlowContext, run: RunResult, ref: string) {
  const { flags } = shared;
  progress(`edit: ${flags.edits} edits of the latest update of ${ref}`);
  sitrep.rss.reset();
  const done: number[] = [];
  const acks: number[] = [];
  let copies = 0;
  for (let i = 1; i <= flags.edits; i++) {
    const timing = await editOnce(
      flow,
      ref,
      'monitoring',
      `Corrected ${i}: the fix is out, we are watching.`,
    );
    done.push(timing.ms);
    acks.push(timing.ackMs);
    copies = timing.copies;
  }
  run.edit = {
    ref,
    done: summarize(done),
    ack: summarize(acks),
    copies,
    peakRssBytes: sitrep.rss.peakBytes(),
  };
}

/** The same open-loop `/incident list` load: warm-up first (unmeasured), then the measured window. */
async function ackLoad(
  shared: Shared,
  url: string,
  pid: number,
  rss: RssSampler | undefined,
  responseUrls: string[] | undefined,
): Promise<LoadFigures> {
  const { flags } = shared;
  const warm = Math.round(flags.rate * flags.warmup);
  const measured = flags.rate * flags.seconds;
  const bodies = Array.from({ length: warm + measured }, (_, i) =>
    commandBody({
      text: 'list',
      teamId: shared.fake.teamId,
      userId: USER,
      channelId: 'C_GENERAL',
      triggerId: `${Date.now()}.${i}.bench`,
      responseUrl: responseUrls?.[i] ?? `${shared.fake.apiUrl.replace(/api\/$/, '')}response/unused`,
    }),
  );
  if (warm > 0) {
    await openLoop({
      url: `${url}/slack/events`,
      signingSecret: SIGNING_SECRET,
      bodies: bodies.slice(0, warm),
      ratePerSecond: flags.rate,
      timeoutMs: flags.timeoutMs,
    });
  }
  rss?.reset();
  const sampler = rss ?? sampleRss(pid, { intervalMs: 100 });
  sampler.reset();
  const cpuBefore = cpuSeconds(pid);
  const ours = new Set([pid, shared.fakePid, shared.bare?.child.pid ?? pid]);
  const foreign = foreignCpu([...ours]);
  const result = await openLoop({
    url: `${url}/slack/events`,
    signingSecret: SIGNING_SECRET,
    bodies: bodies.slice(warm),
    ratePerSecond: flags.rate,
    timeoutMs: flags.timeoutMs,
  });
  const cpuAfter = cpuSeconds(pid);
  const foreignCores = foreign();
  const peak = sampler.peakBytes();
  if (!rss) sampler.stop();
  return {
    sent: result.sent,
    latency: summarize(result.latencies),
    errors: result.errors,
    errorKinds: result.errorKinds,
    sendLagP99: result.sendLag.p99,
    cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    peakRssBytes: peak,
    foreignCores,
  };
}

async function ackPhase(shared: Shared, sitrep: Sitrep, run: RunResult, openIncidents: number) {
  const { flags } = shared;
  const total = Math.round(flags.rate * flags.warmup) + flags.rate * flags.seconds;
  progress(`ack: Sitrep, ${flags.rate} req/s for ${flags.warmup} s warm-up + ${flags.seconds} s`);
  const urls = await shared.control.responseUrls(total);
  const before = (await shared.control.counts()).responses;
  const figures = await windowed(run, 'ack', () =>
    ackLoad(shared, sitrep.url, sitrep.child.pid, sitrep.rss, urls),
  );
  // The listener answers through response_url after the ack: let the last ones land.
  let delivered = 0;
  for (let waited = 0; waited < 15_000; waited += 250) {
    delivered = (await shared.control.counts()).responses - before;
    if (delivered >= total) break;
    await sleep(250);
  }
  run.ack = { sitrep: figures, delivered, expected: total, openIncidents };
  if (shared.bare && !shared.bareFigures) {
    progress(`ack: bare Bolt, same load`);
    shared.bareFigures = await ackLoad(shared, shared.bare.url, shared.bare.child.pid, undefined, undefined);
  }
}

function timeIt(fn: () => unknown, runs: number, warmups = 2): number[] {
  for (let i = 0; i < warmups; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return times;
}

interface Seeded {
  longNumber: number | undefined;
  range: { since: Date; until: Date } | undefined;
  incidents: number;
}

/** Writes the data of the later phases into the (stopped) service's database, and times the renderers. */
async function seedPhase(shared: Shared, target: Target, run: RunResult): Promise<Seeded> {
  const { flags } = shared;
  const wantLong = flags.phases.has('export');
  const wantMany =
    flags.phases.has('bulk') ||
    flags.phases.has('cold') ||
    flags.phases.has('summary') ||
    flags.phases.has('uptime') ||
    flags.phases.has('herd');
  const seeded: Seeded = { longNumber: undefined, range: undefined, incidents: 0 };
  if (!wantLong && !wantMany) return seeded;
  const started = performance.now();
  let db: Database;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  if (target.databaseUrl) {
    db = await openDatabase({ databaseUrl: target.databaseUrl });
    const client = new Client({ connectionString: target.databaseUrl });
    await client.connect();
    sql = {
      exec: async (text) => {
        await client.query(text);
      },
      query: async <T>(text: string) => (await client.query(text)).rows as T[],
    };
    closeSql = () => client.end();
  } else {
    mkdirSync(target.dataDir, { recursive: true });
    const pglite = await PGlite.create(`${target.dataDir}/pg`);
    db = await openDatabase({ pglite });
    sql = {
      exec: async (text) => {
        await pglite.exec(text);
      },
      query: async <T>(text: string) => (await pglite.query<T>(text)).rows,
    };
    closeSql = async () => {};
  }
  try {
    const catalog = loadCatalog(shared.catalogFile);
    if (catalog.status === 'loaded') await new PrismaComponentCatalog(db.prisma).sync(catalog.entries);
    await seedUsers(sql);
    // SPEC §9 speaks of past incidents: the Slack phases' declarations are closed but two.
    const resolved = await resolveOpenIncidents(sql, 2);
    if (resolved > 0) progress(`seed: resolved ${resolved} incidents left open by the Slack phases`);
    const components = await componentIds(sql);
    const teamId = shared.fake.teamId;
    let updates = 0;
    let notes = 0;
    if (wantLong) {
      const number = (await lastNumber(sql, teamId)) + 1;
      progress(`seed: INC-${number} with ${flags.exportUpdates} updates`);
      const long = await seedLongIncident(sql, { teamId, number, updates: flags.exportUpdates, components });
      seeded.longNumber = long.number;
      seeded.incidents++;
      updates += flags.exportUpdates;

      const repository = new PrismaIncidentRepository(db.prisma);
      const loads: number[] = [];
      let record = await repository.loadRecord(long.id);
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        record = await repository.loadRecord(long.id);
        loads.push(performance.now() - t);
      }
      if (!record) throw new Error('the seeded incident did not load');
      const loaded = record;
      const options = { orgName: 'Vero', timeZone: 'UTC', now: new Date() };
      const formats = {} as NonNullable<RunResult['exportRender']>['formats'];
      for (const format of exportFormats) {
        const times = timeIt(() => renderExport(loaded, format, options), 9);
        const bytes = Buffer.byteLength(renderExport(loaded, format, options).content);
        formats[format] = { medianMs: median(times), maxMs: Math.max(...times), bytes };
      }
      run.exportRender = {
        updates: loaded.updates.length,
        notes: loaded.notes.length,
        loadRecordMs: median(loads),
        formats,
      };
    }
    if (wantMany) {
      const count = Math.max(flags.bulkIncidents, flags.coldIncidents);
      const firstNumber = (await lastNumber(sql, teamId)) + 1;
      progress(`seed: ${count} incidents from INC-${firstNumber}`);
      const result = await seedIncidents(sql, {
        teamId,
        firstNumber,
        count,
        from: BULK_FROM,
        spacingMinutes: BULK_SPACING_MINUTES,
        components,
      });
      seeded.incidents += count;
      updates += result.updates;
      notes += result.notes;
      seeded.range = {
        since: BULK_FROM,
        until: new Date(BULK_FROM.getTime() + flags.bulkIncidents * BULK_SPACING_MINUTES * 60_000),
      };
      // SPEC §16: summary.json with 100 maintenances beside the incidents, some active and upcoming.
      const seededMaintenances = await seedMaintenances(sql, {
        teamId,
        count: 100,
        components,
        now: new Date(),
      });
      progress(
        `seed: ${seededMaintenances.maintenances} maintenances, ${seededMaintenances.current} current`,
      );
      if (flags.phases.has('uptime')) {
        // Sitrep is stopped while the data is seeded: the bars are timed on this connection, in process.
        progress('uptime: / and its bars rendered uncached, now and at the end of the seeded incidents');
        const seededEnd = new Date(BULK_FROM.getTime() + count * BULK_SPACING_MINUTES * 60_000);
        run.uptime = await windowed(run, 'uptime', () => uptimePhase(db, [new Date(), seededEnd]));
      }
    }
    const stored = await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM incident');
    seeded.incidents = Number(stored[0]?.count ?? seeded.incidents);
    run.seed = { ms: performance.now() - started, incidents: seeded.incidents, updates, notes };
  } finally {
    await closeSql();
    await db.close();
  }
  return seeded;
}

async function bulkPhase(shared: Shared, target: Target, run: RunResult, seeded: Seeded) {
  if (!existsSync(join(root, 'src/export-cli.ts'))) {
    run.bulk = { skipped: 'src/export-cli.ts is not there yet' };
    return;
  }
  const range = seeded.range;
  if (!range) return;
  const since = range.since.toISOString().replace('.000Z', 'Z');
  const until = range.until.toISOString().replace('.000Z', 'Z');
  progress(`bulk: npm run export -- --since ${since} --until ${until} --format csv`);
  const child = spawnChild({
    name: 'bulk export',
    command: 'npm',
    args: ['run', '--silent', 'export', '--', '--since', since, '--until', until, '--format', 'csv'],
    env: baseEnv({
      DATABASE_URL: target.databaseUrl ?? '',
      DATA_DIR: target.dataDir,
      DISPLAY_TIMEZONE: 'UTC',
      ORG_NAME: 'Vero',
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '',
      LOG_LEVEL: 'warn',
    }),
    cwd: root,
    logFile: join(shared.logDir, `bulk-${target.kind}.log`),
    pipeStdout: true,
  });
  const rss = sampleRss(child.pid, { intervalMs: 50, tree: true, sinceStart: true });
  let bytes = 0;
  let rows = 0;
  let firstByte: number | null = null;
  let carriage = false;
  child.process.stdout?.on('data', (chunk: Buffer) => {
    if (firstByte === null) firstByte = performance.now() - child.spawnedAt;
    bytes += chunk.length;
    // Rows end with CRLF; messages inside quoted cells use bare LF.
    for (const byte of chunk) {
      if (carriage && byte === 0x0a) rows++;
      carriage = byte === 0x0d;
    }
  });
  const deadline = setTimeout(() => void stopChild(child, 1_000), 120_000);
  const { code } = await child.exited;
  clearTimeout(deadline);
  const durationMs = performance.now() - child.spawnedAt;
  const peakRssBytes = rss.peakBytes();
  rss.stop();
  run.bulk = {
    incidents: shared.flags.bulkIncidents,
    durationMs,
    firstByteMs: firstByte,
    bytes,
    rows: Math.max(0, rows - 1),
    exitCode: code,
    peakRssBytes,
    peakTreeBytes: rss.peakTreeBytes(),
  };
}

async function exportHttpPhase(shared: Shared, sitrep: Sitrep, run: RunResult, number: number) {
  const { flags } = shared;
  const headers = { authorization: `Bearer ${EXPORT_TOKEN}` };
  const base = `${sitrep.url}/api/incidents/INC-${number}/export`;
  const probe = await requestJson(`${base}.md`, { headers });
  if (probe.status !== 200) {
    run.exportHttp = {
      skipped: `GET /api/incidents/INC-${number}/export.md answered ${probe.status} (route absent or not wired)`,
    };
    return;
  }
  progress(`export: ${flags.exportRequests} HTTP requests per format`);
  sitrep.rss.reset();
  const formats = {} as Record<
    (typeof exportFormats)[number],
    { latency: ReturnType<typeof summarize>; bytes: number }
  >;
  for (const [format, ext] of [
    ['markdown', 'md'],
    ['csv', 'csv'],
    ['json', 'json'],
  ] as const) {
    await timedGets(`${base}.${ext}`, 2, headers);
    const { latencies, statuses, bytes } = await timedGets(`${base}.${ext}`, flags.exportRequests, headers);
    const bad = statuses.filter((s) => s !== 200);
    if (bad.length > 0) throw new Error(`export.${ext} answered ${bad.join(', ')}`);
    formats[format] = { latency: summarize(latencies), bytes };
  }
  run.exportHttp = { formats, peakRssBytes: sitrep.rss.peakBytes() };
}

async function summaryPhase(shared: Shared, sitrep: Sitrep, run: RunResult, incidents: number) {
  const url = `${sitrep.url}/api/v2/summary.json`;
  const probe = await requestJson(url);
  if (probe.status !== 200) {
    run.summary = { skipped: `GET /api/v2/summary.json answered ${probe.status} (route absent)` };
    return;
  }
  progress(`summary: ${shared.flags.summaryRequests} requests`);
  // One address per request, so the public rate limit measures nothing here (the herd phase does).
  const headers = (i: number) => ({ 'x-forwarded-for': `10.200.${i >> 8}.${i & 255}` });
  await timedGets(url, 20, headers);
  const { latencies, bytes } = await timedGets(url, shared.flags.summaryRequests, (i) => headers(i + 20));
  // The same requests as a CDN or widget revalidating what it holds: 304s.
  const etag = (await requestJson(url)).headers?.etag;
  const revalidated = etag
    ? await timedGets(url, shared.flags.summaryRequests, (i) => ({
        ...headers(i + 20 + shared.flags.summaryRequests),
        'if-none-match': etag,
      }))
    : undefined;
  run.summary = {
    latency: summarize(latencies),
    bytes,
    components: shared.flags.components,
    incidents,
    notModified: revalidated && {
      latency: summarize(revalidated.latencies),
      all304: revalidated.statuses.every((s) => s === 304),
    },
  };
}

// --- one database -------------------------------------------------------------------------------------

async function benchDatabase(shared: Shared, kind: DatabaseKind): Promise<RunResult> {
  const { flags } = shared;
  const run: RunResult = { database: kind, shutdownMs: [] };
  const runId = randomBytes(3).toString('hex');
  let dropDatabase: (() => Promise<void>) | undefined;
  const target: Target = { kind, dataDir: join(shared.workDir, kind, 'data'), databaseUrl: undefined };
  if (kind === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL as string;
    const name = `sitrep_bench_${runId}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    target.databaseUrl = url.toString();
    let dropping: Promise<void> | undefined;
    // Shared by the normal end and an interrupt, whichever comes first; the other waits for it.
    dropDatabase = () => {
      dropping ??= (async () => {
        const client = new Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      })();
      return dropping;
    };
  }
  if (dropDatabase) cleanups.add(dropDatabase);
  let sitrep: Sitrep | undefined;
  try {
    const live =
      flags.phases.has('declare') ||
      flags.phases.has('update') ||
      flags.phases.has('edit') ||
      flags.phases.has('ack');
    if (live) {
      progress(`${kind}: starting Sitrep on an empty database`);
      sitrep = await startSitrep(shared, target);
      run.firstStartMs = sitrep.readyMs;
      const flow: FlowContext = {
        driver: slackDriver(`${sitrep.url}/slack/events`, SIGNING_SECRET, shared.fake.teamId),
        control: shared.control,
        channels: shared.fake.channels,
        userId: USER,
      };
      let refs: string[] = [];
      for (const phase of flags.phases) {
        const live = sitrep;
        if (phase === 'declare')
          refs = await windowed(run, 'declare', () => declarePhase(shared, live, flow, run, runId));
        if (phase === 'update' && flags.updates > 0) {
          if (refs.length === 0)
            refs = [(await declareOnce(flow, `Bench update target run ${runId}`, [])).ref];
          const ref = refs[0] as string;
          await windowed(run, 'update', () => updatePhase(shared, live, flow, run, ref));
        }
        if (phase === 'edit' && flags.edits > 0) {
          if (refs.length === 0) refs = [(await declareOnce(flow, `Bench edit target run ${runId}`, [])).ref];
          const ref = refs[0] as string;
          await windowed(run, 'edit', () => editPhase(shared, live, flow, run, ref));
        }
        if (phase === 'ack') await ackPhase(shared, sitrep, run, refs.length);
      }
      run.shutdownMs?.push(await stopSitrep(sitrep));
      sitrep = undefined;
    }

    const seeded = await seedPhase(shared, target, run);
    if (flags.phases.has('bulk')) await bulkPhase(shared, target, run, seeded);
    if (flags.phases.has('import')) {
      const workDir = join(shared.workDir, kind, 'import');
      const env = baseEnv({
        DATABASE_URL: target.databaseUrl ?? '',
        DATA_DIR: join(workDir, 'data'),
        LOG_LEVEL: 'warn',
      });
      run.import = await windowed(run, 'import', () => importPhase({ root, workDir, env, progress }));
    }

    const needServer =
      flags.phases.has('cold') ||
      flags.phases.has('export') ||
      flags.phases.has('summary') ||
      flags.phases.has('herd');
    if (needServer) {
      const starts = flags.phases.has('cold') ? flags.coldStarts : 1;
      const runs: { readyMs: number; peakRssBytes: number }[] = [];
      for (let i = 0; i < starts; i++) {
        progress(`cold start ${i + 1}/${starts}`);
        sitrep = await startSitrep(shared, target);
        runs.push({ readyMs: sitrep.readyMs, peakRssBytes: sitrep.rss.peakBytes() });
        if (i < starts - 1) {
          run.shutdownMs?.push(await stopSitrep(sitrep));
          sitrep = undefined;
        }
      }
      if (flags.phases.has('cold')) {
        run.cold = { incidents: seeded.incidents, runs, medianMs: median(runs.map((r) => r.readyMs)) };
      }
      if (!sitrep) throw new Error('no Sitrep running');
      if (flags.phases.has('export') && seeded.longNumber !== undefined) {
        const { longNumber } = seeded;
        const live = sitrep;
        await windowed(run, 'export', () => exportHttpPhase(shared, live, run, longNumber));
      }
      if (flags.phases.has('summary')) {
        const live = sitrep;
        await windowed(run, 'summary', () => summaryPhase(shared, live, run, seeded.incidents));
      }
      if (flags.phases.has('herd')) {
        const live = sitrep;
        run.herd = await windowed(run, 'herd', () =>
          herdPhase({
            root,
            logDir: shared.logDir,
            env: baseEnv({}),
            url: live.url,
            herdRate: flags.herdRate,
            ackSeconds: flags.warmup + flags.seconds,
            incidentNumbers: [1, 2, 3, seeded.incidents - 1, seeded.incidents].filter((n) => n > 0),
            // Live response URLs, as in the ack phase: a dead one would time the listener's error path.
            ackLoad: async () =>
              ackLoad(
                shared,
                live.url,
                live.child.pid,
                live.rss,
                await shared.control.responseUrls(
                  Math.round(flags.rate * flags.warmup) + flags.rate * flags.seconds,
                ),
              ),
            progress,
          }),
        );
      }
      run.shutdownMs?.push(await stopSitrep(sitrep));
      sitrep = undefined;
    }

    if (flags.phases.has('subscribers')) {
      let live: Sitrep | undefined;
      const acks = () => Math.round(flags.rate * flags.warmup) + flags.rate * flags.seconds;
      run.subscribers = await windowed(run, 'subscribers', () =>
        subscribersPhase({
          root,
          logDir: shared.logDir,
          env: baseEnv({}),
          subscribers: 1_000,
          database: { databaseUrl: target.databaseUrl, dataDir: target.dataDir },
          start: async () => {
            const started = await startSitrep(shared, target);
            live = started;
            sitrep = started;
            return {
              url: started.url,
              stop: async () => {
                run.shutdownMs?.push(await stopSitrep(started));
                sitrep = undefined;
              },
            };
          },
          declare: async (url, title) => {
            const flow: FlowContext = {
              driver: slackDriver(`${url}/slack/events`, SIGNING_SECRET, shared.fake.teamId),
              control: shared.control,
              channels: shared.fake.channels,
              userId: USER,
            };
            await declareOnce(flow, `${title} run ${runId}`, []);
          },
          ackLoad: async (url) => {
            if (!live) throw new Error('no Sitrep running');
            return ackLoad(shared, url, live.child.pid, live.rss, await shared.control.responseUrls(acks()));
          },
          progress,
        }),
      );
    }
  } finally {
    if (sitrep) await stopSitrep(sitrep);
    if (dropDatabase) {
      await dropDatabase();
      cleanups.delete(dropDatabase);
    }
    rmSync(join(shared.workDir, kind), { recursive: true, force: true });
  }
  return run;
}

// --- main ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const parsed = parseFlags(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const flags = parsed;
  const startedAt = new Date();
  const began = performance.now();
  const workDir = mkdtempSync(join(os.tmpdir(), 'sitrep-bench-'));
  const logDir = join(workDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const catalogFile = join(workDir, 'components.yml');
  writeFileSync(catalogFile, benchCatalog(flags.components));
  let removed = false;
  const removeData = async () => {
    if (removed) return;
    removed = true;
    for (const entry of ['embedded', 'postgres']) {
      rmSync(join(workDir, entry), { recursive: true, force: true });
    }
    progress(`logs kept in ${logDir}`);
  };
  cleanups.add(removeData);
  const profileDir = flags.profile ? join(root, 'bench/results/profiles') : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  let ok = false;
  const loadBefore = os.loadavg();
  if ((loadBefore[0] ?? 0) > 0.5 * os.cpus().length) {
    progress(
      `warning: load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores before the start: other work shares the CPUs, the figures will be worse than the code`,
    );
  }
  const foreignOverall = foreignCpu([]);
  try {
    progress(`work directory ${workDir}`);
    const fakeChild = spawnChild({
      name: 'fake Slack',
      ipc: true,
      command: process.execPath,
      args: tsxArgs('bench/fake-slack-server.ts'),
      env: baseEnv({}),
      cwd: root,
      logFile: join(logDir, 'fake-slack.log'),
      pipeStdout: true,
    });
    const fake = await firstJsonLine<FakeInfo>(fakeChild);
    const shared: Shared = {
      flags,
      workDir,
      logDir,
      catalogFile,
      fake,
      control: new FakeControl(fake.controlUrl),
      fakePid: fakeChild.pid,
      bare: undefined,
      bareFigures: undefined,
      profileDir,
    };
    if (flags.phases.has('ack')) {
      const port = await freePort();
      const bareChild = spawnChild({
        name: 'bare Bolt',
        ipc: true,
        command: process.execPath,
        args: tsxArgs('bench/bare-bolt.ts'),
        env: baseEnv({
          PORT: String(port),
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_API_URL: fake.apiUrl,
        }),
        cwd: root,
        logFile: join(logDir, 'bare-bolt.log'),
        pipeStdout: true,
      });
      const { url } = await firstJsonLine<{ url: string }>(bareChild);
      shared.bare = { child: bareChild, url };
    }

    const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
    const runs: RunResult[] = [];
    for (const kind of kinds) runs.push(await benchDatabase(shared, kind));

    // Every child reaped, its CPU counts as the bench's own: what is left was other work.
    await stopAll();
    const otherCores = foreignOverall();
    const rows = buildRows(runs, shared.bareFigures, flags.rate, flags.seconds);
    const table = markdownTable(rows, kinds);
    const cpus = os.cpus();
    const loadAfter = os.loadavg();
    const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' ');
    process.stdout.write(
      `\n## Sitrep bench — ${startedAt.toISOString()} — ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, Node ${process.version}\n\nLoad average before ${load(loadBefore)}, after ${load(loadAfter)}; processes other than the bench's kept ${otherCores.toFixed(2)} of ${cpus.length} cores busy on average${kinds.includes('postgres') ? ' (the PostgreSQL server among them)' : ''}.\n\n${table}\n\n`,
    );
    const out = resolve(root, flags.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          date: startedAt.toISOString(),
          durationSeconds: Math.round((performance.now() - began) / 1000),
          node: process.version,
          cpus: cpus.length,
          cpuModel: cpus[0]?.model ?? null,
          totalMemoryBytes: os.totalmem(),
          loadAverage: { before: loadBefore, after: loadAfter },
          otherProcessesCores: otherCores,
          flags: { ...flags, phases: [...flags.phases] },
          bareBolt: shared.bareFigures ?? null,
          runs,
          table: rows,
        },
        null,
        2,
      )}\n`,
    );
    progress(`done in ${Math.round((performance.now() - began) / 1000)} s; figures in ${out}`);
    if (profileDir) progress(`CPU profiles in ${profileDir}`);
    ok = true;
    return 0;
  } finally {
    await stopAll();
    cleanups.delete(removeData);
    if (ok) rmSync(workDir, { recursive: true, force: true });
    else await removeData();
    await runCleanups();
  }
}

process.on('exit', killAllNow);
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx).
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: stopping every child`);
    stopAll(5_000)
      .then(runCleanups)
      .finally(() => process.exit(130));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof FlagError) {
      process.stderr.write(`bench: ${error.message} (npm run bench -- --help)\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
