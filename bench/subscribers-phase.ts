/**
 * The subscribers phase (SPEC §16): 1,000 webhook subscribers and one public update. Times the update's
 * commit to the last of the 1,000 incident deliveries at a receiver in another process, and the
 * `/incident list` ack while they go out against the same load without them.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/persistence/open-database';
import { PrismaSubscribers } from '../src/persistence/prisma-subscribers';
import { issueToken } from '../src/subscribers/tokens';
import { type Child, firstJsonLine, spawnChild, stopChild } from './children';
import type { LoadFigures } from './report';

export interface SubscribersResult {
  subscribers: number;
  /** Declare submitted → the last subscriber's delivery arrived; null when not all arrived in time. */
  allDeliveredMs: number | null;
  delivered: number;
  componentDeliveries: number;
  alone: LoadFigures;
  whileDelivering: LoadFigures;
}

export interface SubscribersContext {
  root: string;
  logDir: string;
  env: NodeJS.ProcessEnv;
  subscribers: number;
  /** Where the (stopped) service keeps its data. */
  database: { databaseUrl: string | undefined; dataDir: string };
  /** Starts Sitrep on that data; the phase stops it. */
  start: () => Promise<{ url: string; stop: () => Promise<void> }>;
  /** Declares a public incident through the Slack flow; resolves once its modal submission is acked. */
  declare: (url: string, title: string) => Promise<void>;
  ackLoad: (url: string) => Promise<LoadFigures>;
  progress: (message: string) => void;
}

interface Count {
  incident: number;
  component: number;
  subscribers: number;
  lastAt: number;
}

export async function subscribersPhase(context: SubscribersContext): Promise<SubscribersResult> {
  const { progress } = context;
  const sink: Child = spawnChild({
    name: 'webhook sink',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/webhook-sink.ts'],
    env: context.env,
    cwd: context.root,
    logFile: join(context.logDir, 'webhook-sink.log'),
    pipeStdout: true,
  });
  let stopSitrep: (() => Promise<void>) | undefined;
  try {
    const { port } = await firstJsonLine<{ port: number }>(sink);
    const count = async (): Promise<Count> =>
      (await (await fetch(`http://127.0.0.1:${port}/count`)).json()) as Count;
    progress(`subscribers: adding ${context.subscribers} webhook subscribers`);
    const db = await openDatabase(context.database);
    try {
      const store = new PrismaSubscribers(db.prisma);
      for (let i = 0; i < context.subscribers; i++) {
        await store.addWebhook(
          {
            url: `http://127.0.0.1:${port}/hook/${i}`,
            secret: i % 2 === 0 ? 'bench-webhook-secret-0123456789' : null,
            components: [],
            createdById: 'U0BENCH',
            unsubscribeToken: issueToken().token,
          },
          new Date(),
        );
      }
    } finally {
      await db.close();
    }
    const sitrep = await context.start();
    stopSitrep = sitrep.stop;
    progress('subscribers: acks without deliveries');
    const alone = await context.ackLoad(sitrep.url);
    progress(`subscribers: one public update to ${context.subscribers} webhooks, acks while they go out`);
    const started = performance.now();
    await context.declare(sitrep.url, 'Bench subscriber delivery');
    let allDeliveredMs: number | null = null;
    const watch = (async () => {
      for (;;) {
        const seen = await count();
        if (seen.subscribers >= context.subscribers) {
          allDeliveredMs = performance.now() - started;
          return seen;
        }
        if (performance.now() - started > 120_000) return seen;
        await sleep(100);
      }
    })();
    const whileDelivering = await context.ackLoad(sitrep.url);
    const seen = await watch;
    return {
      subscribers: context.subscribers,
      allDeliveredMs,
      delivered: seen.subscribers,
      componentDeliveries: seen.component,
      alone,
      whileDelivering,
    };
  } finally {
    await stopSitrep?.();
    await stopChild(sink);
  }
}
