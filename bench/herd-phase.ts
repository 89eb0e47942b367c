/** The herd phase (SPEC §15–16): `/incident` acks alone, then again while a herd hits the public routes. */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Child, firstJsonLine, spawnChild, stopChild } from './children';
import type { HerdFigures, HerdPlan } from './herd';
import type { LoadFigures } from './report';

export interface HerdResult {
  alone: LoadFigures;
  withHerd: LoadFigures;
  herd: HerdFigures;
  plan: Omit<HerdPlan, 'url' | 'paths'> & { paths: number };
}

export interface HerdContext {
  root: string;
  logDir: string;
  env: NodeJS.ProcessEnv;
  url: string;
  herdRate: number;
  /** Seconds of ack load, warm-up included, that the herd must outlast. */
  ackSeconds: number;
  /** Incident numbers whose public pages the herd asks for. */
  incidentNumbers: number[];
  ackLoad: () => Promise<LoadFigures>;
  progress: (message: string) => void;
}

function secondJsonLine<T>(child: Child): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.process.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      if (lines.length > 1 && lines[0] !== undefined && lines[0] !== '') {
        try {
          resolve(JSON.parse(lines[0]) as T);
        } catch (error) {
          reject(error);
        }
      }
    });
    void child.exited.then(() => reject(new Error(`${child.name} exited without its figures`)));
  });
}

export async function herdPhase(context: HerdContext): Promise<HerdResult> {
  const { progress } = context;
  progress('herd: acks alone');
  const alone = await context.ackLoad();
  const paths = [
    '/api/v2/summary.json',
    '/',
    ...context.incidentNumbers.map((n) => `/incidents/INC-${n}`),
    '/api/v2/incidents.json',
    '/history.atom',
    '/api/v2/status.json',
  ];
  const plan: HerdPlan = {
    url: context.url,
    ratePerSecond: context.herdRate,
    seconds: context.ackSeconds + 3,
    addresses: 50,
    paths,
    conditionalShare: 0.5,
    timeoutMs: 3_000,
  };
  progress(`herd: ${plan.ratePerSecond} public req/s from ${plan.addresses} addresses, acks again`);
  const child = spawnChild({
    name: 'herd',
    ipc: true,
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/herd.ts', JSON.stringify(plan)],
    env: context.env,
    cwd: context.root,
    logFile: join(context.logDir, 'herd.log'),
    pipeStdout: true,
  });
  try {
    await firstJsonLine<{ ready: true }>(child);
    const figures = secondJsonLine<HerdFigures>(child);
    // Let the herd reach its rate (and the caches fill) before acks are timed.
    await sleep(1_000);
    const withHerd = await context.ackLoad();
    const herd = await figures;
    const { url: _url, paths: list, ...rest } = plan;
    return { alone, withHerd, herd, plan: { ...rest, paths: list.length } };
  } finally {
    await stopChild(child);
  }
}
