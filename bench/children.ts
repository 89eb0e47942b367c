/**
 * Child processes of the bench: each in its own process group (so a kill takes its descendants too),
 * every one registered so that nothing outlives the run, even when the run fails or is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Settles when the process has exited (with its code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Performance-clock time of the spawn call (ms). */
  spawnedAt: number;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Append stderr (and stdout unless piped) to this file. */
  logFile: string;
  /** Pipe stdout to the bench (to read a ready line or count bytes). */
  pipeStdout?: boolean;
  /** Open an IPC channel: a child that watches it (see exitWithParent) dies with the bench. */
  ipc?: boolean;
}

/** In a child the bench started with `ipc`: run `stop` when the bench goes away, then exit. */
export function exitWithParent(stop: () => Promise<void>): void {
  if (!process.send) return;
  process.channel?.unref();
  process.once('disconnect', () => {
    stop().finally(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

const live = new Map<number, Child>();

export function spawnChild(options: SpawnOptions): Child {
  const log = openSync(options.logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    // The IPC channel closes when the bench dies, however it dies: the bench's own children watch it.
    stdio: ['ignore', options.pipeStdout ? 'pipe' : log, log, ...(options.ipc ? ['ipc' as const] : [])],
  });
  child.channel?.unref();
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  const pid = child.pid;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(pid);
      resolve({ code, signal });
    });
    child.once('error', () => {
      live.delete(pid);
      resolve({ code: null, signal: null });
    });
  });
  const entry: Child = { name: options.name, pid, process: child, exited, spawnedAt };
  live.set(pid, entry);
  return entry;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** SIGTERM to the child's group, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(
  child: Child,
  graceMs = 15_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!live.has(child.pid)) return child.exited;
  signalGroup(child.pid, 'SIGTERM');
  const result = await Promise.race([child.exited, sleep(graceMs, null, { ref: false })]);
  if (result) {
    // Descendants (tsx, npm's shell) may linger a moment after the leader.
    signalGroup(child.pid, 'SIGKILL');
    return result;
  }
  signalGroup(child.pid, 'SIGKILL');
  return child.exited;
}

/** Stops every child still running, all at once (each its own group), then SIGKILLs the stragglers. */
export async function stopAll(graceMs = 10_000): Promise<void> {
  await Promise.all([...live.values()].map((child) => stopChild(child, graceMs)));
}

/** Last resort on exit: synchronous SIGKILL to every group still registered. */
export function killAllNow(): void {
  for (const pid of live.keys()) signalGroup(pid, 'SIGKILL');
  live.clear();
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The first line the child writes to stdout, parsed as JSON. */
export function firstJsonLine<T>(child: Child, timeoutMs = 30_000): Promise<T> {
  const stdout = child.process.stdout;
  if (!stdout) throw new Error(`${child.name}: stdout is not piped`);
  return new Promise<T>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => done(new Error(`${child.name}: no ready line in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      try {
        done(undefined, JSON.parse(buffer.slice(0, newline)) as T);
      } catch (error) {
        done(error as Error);
      }
    };
    const onExit = () => done(new Error(`${child.name} exited before it was ready (see its log)`));
    function done(error: Error | undefined, value?: T) {
      clearTimeout(timer);
      stdout?.off('data', onData);
      child.process.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    stdout.on('data', onData);
    child.process.once('exit', onExit);
  });
}

// --- /proc sampling ---------------------------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = 100;

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** utime + stime of a process, in seconds (null once it is gone). */
export function cpuSeconds(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU seconds of this process, with those of its children it has reaped (every finished child). */
export function ownCpuSeconds(): number {
  const text = readFileSync('/proc/self/stat', 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds the whole machine has been busy (all cores, every process) since boot. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
    CLOCK_TICKS_PER_SECOND
  );
}

/**
 * CPU that processes other than the given ones (and this one) used over a window, in cores: work that
 * competed with what is measured.
 */
export function foreignCpu(pids: number[]): () => number {
  const mine = () => ownCpuSeconds() + pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  const busy0 = machineBusySeconds();
  const mine0 = mine();
  const started = performance.now();
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const foreign = machineBusySeconds() - busy0 - (mine() - mine0);
    return seconds > 0 ? Math.max(0, foreign) / seconds : 0;
  };
}

function parentOf(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) parents.set(Number(entry), parent);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

export interface RssSampler {
  /** Highest VmRSS seen of one process (bytes). */
  peakBytes(): number;
  /** Highest sum of VmRSS over the tree (bytes), when sampling a tree. */
  peakTreeBytes(): number;
  /** Starts a new window: the peaks seen from now on. */
  reset(): void;
  stop(): void;
}

/**
 * Samples VmRSS every `intervalMs`. With `sinceStart` (a process spawned just now) it also reads VmHWM,
 * the kernel's own high-water mark, which catches peaks between samples; a `reset()` window cannot use
 * it. With `tree`, every descendant is sampled too, and the peak is that of the biggest single process.
 */
export function sampleRss(
  pid: number,
  options: { intervalMs?: number; tree?: boolean; sinceStart?: boolean } = {},
): RssSampler {
  const intervalMs = options.intervalMs ?? 100;
  let peak = 0;
  let peakTree = 0;
  let useHwm = options.sinceStart ?? false;
  let treePids: number[] = [pid];
  let lastTreeScan = Number.NEGATIVE_INFINITY;
  const sample = () => {
    if (options.tree && performance.now() - lastTreeScan > 200) {
      treePids = processTree(pid);
      lastTreeScan = performance.now();
    }
    let sum = 0;
    for (const p of treePids) {
      const rss = statusField(p, 'VmRSS') ?? 0;
      const hwm = useHwm ? (statusField(p, 'VmHWM') ?? 0) : 0;
      peak = Math.max(peak, rss, hwm);
      sum += rss;
    }
    peakTree = Math.max(peakTree, sum);
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  sample();
  return {
    peakBytes: () => {
      sample();
      return peak;
    },
    peakTreeBytes: () => peakTree,
    reset: () => {
      peak = 0;
      peakTree = 0;
      useHwm = false;
      sample();
    },
    stop: () => clearInterval(timer),
  };
}
