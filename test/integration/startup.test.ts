import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** The program as `npm start` runs it: tsx on src/main.ts from the repository root. */
const repoRoot = join(__dirname, '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

// The first start of an embedded database (initdb + migrations) takes several seconds.
const startTimeout = 120_000;

interface LogEntry {
  level: string;
  time: string;
  msg: string;
}

/** A line the logger wrote: stderr is a pipe here, so one JSON object with level, time and msg. */
function logEntry(line: string): LogEntry | undefined {
  try {
    const entry = JSON.parse(line) as Partial<LogEntry> | null;
    const fields = [entry?.level, entry?.time, entry?.msg];
    return fields.every((field) => typeof field === 'string') ? (entry as LogEntry) : undefined;
  } catch {
    return undefined;
  }
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Sitrep {
  pid: number;
  stderr(): string;
  /** The lines of stderr that are not log entries. */
  plainLines(): string[];
  /**
   * What the program says when it cannot start: a plain line before the configuration is read (its
   * LOG_FORMAT may be the bad value), an error entry after; `sitrep: ` left off either way.
   */
  failureLines(): string[];
  /** Resolves once stderr matches; rejects if the program ends first. */
  waitForLog(pattern: RegExp): Promise<void>;
  /** Resolves once the program has ended and its output is closed. */
  exited: Promise<Exit>;
  running(): boolean;
}

const started = new Set<ChildProcessByStdio<null, Readable, Readable>>();

function startSitrep(env: Record<string, string>): Sitrep {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    // Empty counts as unset (SPEC §3) and the real environment wins over .env: neither a developer's
    // .env nor CI's environment can turn Slack on or point at another database here.
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: '',
    DATABASE_URL: '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...env,
  };
  // Jest's --experimental-vm-modules would make Node print a warning into the output under test.
  delete childEnv.NODE_OPTIONS;
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so afterAll can end tsx and the node process it runs together.
    detached: true,
  });
  started.add(child);
  let stderr = '';
  const lines = () => stderr.split('\n').filter((line) => line !== '');
  let ended = false;
  const watchers = new Set<() => void>();
  child.stdout.resume();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    for (const watch of watchers) watch();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      ended = true;
      started.delete(child);
      for (const watch of watchers) watch();
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid ?? 0,
    stderr: () => stderr,
    plainLines: () => lines().filter((line) => !logEntry(line)),
    failureLines: () =>
      lines().flatMap((line) => {
        const entry = logEntry(line);
        if (!entry) return [line.replace(/^sitrep: /, '')];
        return entry.level === 'error' ? [entry.msg] : [];
      }),
    waitForLog: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const watch = () => {
          if (pattern.test(stderr)) {
            watchers.delete(watch);
            resolve();
          } else if (ended) {
            watchers.delete(watch);
            reject(new Error(`sitrep ended before logging ${pattern}:\n${stderr}`));
          }
        };
        watchers.add(watch);
        watch();
      }),
    exited,
    running: () => !ended,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('starting sitrep the way npm start does', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-startup-'));
  });

  afterAll(async () => {
    for (const child of started) {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }
    await Promise.all(
      [...started].map((child) => new Promise<void>((resolve) => child.once('close', () => resolve()))),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  describe('with no Slack variables', () => {
    let port: number;
    let sitrep: Sitrep;

    beforeAll(async () => {
      port = await freePort();
      writeFileSync(join(dir, 'components.yml'), 'components:\n  - key: workflows\n    name: Workflows\n');
      sitrep = startSitrep({
        PORT: String(port),
        DATA_DIR: join(dir, 'data'),
        COMPONENTS_FILE: join(dir, 'components.yml'),
      });
      await sitrep.waitForLog(/listening on/);
    }, startTimeout);

    it('is ready: GET /readyz answers 200', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', database: 'embedded' });
    });

    it('says in its log that Slack is off and how to turn it on', () => {
      const slackLine = sitrep
        .stderr()
        .split('\n')
        .find((line) => line.includes('Slack is off'));
      expect(slackLine).toBeDefined();
      expect(slackLine).toContain('SLACK_BOT_TOKEN');
    });

    it('logs the catalog it synced', () => {
      expect(sitrep.stderr()).toMatch(/catalog: 1 components from /);
    });

    it('writes each log line as one JSON object with level, time and msg', () => {
      expect(sitrep.plainLines()).toEqual([]);
      const entries = sitrep.stderr().trimEnd().split('\n').map(logEntry);
      expect(entries.length).toBeGreaterThanOrEqual(3);
      for (const entry of entries) {
        expect(entry?.level).toMatch(/^(debug|info|warn|error)$/);
        expect(new Date(entry?.time ?? '').toISOString()).toBe(entry?.time);
      }
      expect(entries.map((entry) => entry?.msg)).toContain(`listening on http://127.0.0.1:${port}`);
    });

    it(
      'refuses a second process on the same data directory, in one line',
      async () => {
        const second = startSitrep({
          PORT: String(await freePort()),
          DATA_DIR: join(dir, 'data'),
          COMPONENTS_FILE: join(dir, 'components.yml'),
        });
        expect(await second.exited).toEqual({ code: 1, signal: null });
        expect(second.failureLines()).toEqual([
          expect.stringMatching(/^cannot start: .* is in use by another Sitrep process \(pid \d+\)/),
        ]);
      },
      startTimeout,
    );

    it(
      'stops on SIGTERM: logs "stopped" and exits 0',
      async () => {
        process.kill(sitrep.pid, 'SIGTERM');
        expect(await sitrep.exited).toEqual({ code: 0, signal: null });
        const last = sitrep.stderr().trimEnd().split('\n').at(-1) ?? '';
        expect(logEntry(last)).toMatchObject({ level: 'info', msg: 'stopped' });
      },
      startTimeout,
    );
  });

  it(
    'exits 1 with one line naming PORT when PORT is not a number',
    async () => {
      const sitrep = startSitrep({ PORT: 'abc', DATA_DIR: join(dir, 'bad-port') });

      expect(await sitrep.exited).toEqual({ code: 1, signal: null });
      const lines = sitrep.stderr().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sitrep: cannot start: .*\bPORT\b/);
    },
    startTimeout,
  );

  it(
    'exits 1 with one line naming LOG_FORMAT when it is neither json nor pretty',
    async () => {
      const sitrep = startSitrep({ LOG_FORMAT: 'xml', DATA_DIR: join(dir, 'bad-format') });

      expect(await sitrep.exited).toEqual({ code: 1, signal: null });
      expect(sitrep.stderr().trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^sitrep: cannot start: .*\bLOG_FORMAT\b.*json or pretty/),
      ]);
    },
    startTimeout,
  );

  it(
    'exits 1 with one line naming the file and line of a malformed components file',
    async () => {
      const file = join(dir, 'malformed.yml');
      writeFileSync(
        file,
        'components:\n  - key: workflows\n    name: Workflows\n  - key: general-ui\n    name: General UI\n    colour: red\n',
      );
      const sitrep = startSitrep({
        PORT: String(await freePort()),
        DATA_DIR: join(dir, 'malformed-data'),
        COMPONENTS_FILE: file,
      });

      expect(await sitrep.exited).toEqual({ code: 1, signal: null });
      expect(sitrep.failureLines()).toEqual([
        expect.stringMatching(/^cannot start: .*\/malformed\.yml:6: .*unknown field "colour"/),
      ]);
    },
    startTimeout,
  );

  it(
    'exits 1 with one line saying the database cannot be reached',
    async () => {
      const sitrep = startSitrep({
        PORT: String(await freePort()),
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x',
        DATA_DIR: join(dir, 'unused'),
        COMPONENTS_FILE: join(dir, 'none.yml'),
      });

      expect(await sitrep.exited).toEqual({ code: 1, signal: null });
      expect(sitrep.failureLines()).toEqual([
        expect.stringMatching(
          /^cannot start: cannot reach the database at postgres:\/\/nobody@127\.0\.0\.1:1\/x/,
        ),
      ]);
    },
    startTimeout,
  );
});
