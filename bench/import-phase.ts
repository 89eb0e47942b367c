/**
 * The `import` phase (SPEC §16): `npm run import -- statuspage --dir …` of a generated page with 1,000
 * incidents and 5,000 updates, as a user runs it, on a database already migrated (the first open of a
 * data directory, initdb and migrations, is timed apart). Then the same command again, which must
 * import nothing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const INCIDENTS = 1_000;
const STAGES = ['investigating', 'identified', 'identified', 'monitoring', 'resolved'];
const COMPONENTS = 20;
const impacts = ['minor', 'major', 'critical', 'none'];

export interface ImportFigures {
  incidents: number;
  updates: number;
  /** Spawn → exit of the first command on an empty data directory, with a page of nothing. */
  firstOpenMs: number;
  /** Spawn → exit of the import itself. */
  durationMs: number;
  summary: string;
  /** The same command again. */
  againMs: number;
  againSummary: string;
}

export interface ImportPhaseContext {
  root: string;
  workDir: string;
  env: NodeJS.ProcessEnv;
  progress: (message: string) => void;
}

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12 - prefix.length, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();

function body(n: number, stage: string): string {
  return `Update ${n} (${stage}) 🔧\r\n\r\nSome requests to the service fail or answer slowly; we are working on it and will post again soon.\r\n\r\n- What: elevated error rates\r\n- Where: some regions`;
}

/** A page folder: 20 components in 4 groups, 1,000 incidents of 5 updates each, one a day. */
function writePage(dir: string): { incidents: number; updates: number } {
  mkdirSync(dir, { recursive: true });
  const components: Record<string, unknown>[] = [];
  for (let g = 0; g < COMPONENTS / 5; g++) {
    const members = Array.from({ length: 5 }, (_, i) => id('benchcmp', g * 5 + i));
    components.push({
      id: id('benchgrp', g),
      name: `Region ${g}`,
      status: 'operational',
      group: true,
      components: members,
    });
    for (const [i, member] of members.entries()) {
      components.push({
        id: member,
        name: `Service ${i}`,
        status: 'operational',
        group: false,
        group_id: id('benchgrp', g),
        position: i + 1,
      });
    }
  }
  const start = Date.parse('2021-01-01T00:00:00Z');
  const incidents = [];
  let updates = 0;
  for (let n = 0; n < INCIDENTS; n++) {
    const opened = start + n * 86_400_000;
    const code = id('benchcmp', n % COMPONENTS);
    const list = STAGES.map((stage, i) => {
      const shown = opened + i * 1_200_000;
      const affected =
        i === 0
          ? [
              {
                code,
                name: `Service ${(n % COMPONENTS) % 5}`,
                old_status: 'operational',
                new_status: 'partial_outage',
              },
            ]
          : i === STAGES.length - 1
            ? [
                {
                  code,
                  name: `Service ${(n % COMPONENTS) % 5}`,
                  old_status: 'partial_outage',
                  new_status: 'operational',
                },
              ]
            : null;
      updates++;
      return {
        id: id('benchupd', n * STAGES.length + i),
        status: stage,
        body: body(n, stage),
        incident_id: id('benchinc', n),
        created_at: iso(shown + 15_000),
        updated_at: iso(shown + 15_000),
        display_at: iso(shown),
        affected_components: affected,
      };
    });
    incidents.push({
      id: id('benchinc', n),
      name: `Elevated error rates, day ${n + 1}`,
      status: 'resolved',
      impact: impacts[n % impacts.length],
      created_at: iso(opened),
      started_at: iso(opened),
      incident_updates: list.reverse(),
    });
  }
  incidents.reverse();
  const page = { id: 'benchpage001', name: 'Bench' };
  writeFileSync(join(dir, 'components.json'), JSON.stringify({ page, components }));
  writeFileSync(join(dir, 'incidents.json'), JSON.stringify({ page, incidents }));
  return { incidents: incidents.length, updates };
}

async function timedImport(ctx: ImportPhaseContext, args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'src/import-cli.ts', 'statuspage', ...args],
    {
      cwd: ctx.root,
      env: ctx.env,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return { ms: performance.now() - started, stdout: stdout.trim() };
}

export async function importPhase(ctx: ImportPhaseContext): Promise<ImportFigures> {
  const page = join(ctx.workDir, 'statuspage-page');
  const empty = join(ctx.workDir, 'statuspage-empty');
  mkdirSync(empty, { recursive: true });
  const catalog = join(ctx.workDir, 'statuspage-components.yml');
  const size = writePage(page);
  ctx.progress('import: opening an empty data directory (initdb, migrations)');
  const first = await timedImport(ctx, ['--dir', empty]);
  ctx.progress(`import: ${size.incidents} incidents, ${size.updates} updates`);
  const once = await timedImport(ctx, ['--dir', page, '--write-catalog', catalog]);
  ctx.progress('import: the same page again');
  const again = await timedImport(ctx, ['--dir', page, '--write-catalog', catalog]);
  return {
    ...size,
    firstOpenMs: first.ms,
    durationMs: once.ms,
    summary: once.stdout,
    againMs: again.ms,
    againSummary: again.stdout,
  };
}

/** The table row: what, target, and the cell of one run. */
export const importRow = {
  what: 'import of 1,000 Statuspage incidents with 5,000 updates (`npm run import`)',
  target: '< 30 s',
  cell(figures: ImportFigures | undefined): { text: string; pass: boolean } | undefined {
    if (!figures) return undefined;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return {
      text: `${s(figures.durationMs)} (${figures.incidents} incidents, ${figures.updates} updates; again, importing nothing: ${s(figures.againMs)}; first open of the data directory ${s(figures.firstOpenMs)})`,
      pass: figures.durationMs < 30_000,
    };
  },
};
