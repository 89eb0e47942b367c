/**
 * The fake Slack Web API of the test kit, in a process of its own, with a small control endpoint for
 * the load generator: it issues trigger ids and response URLs (which only the fake can make valid),
 * and answers "has the root of this incident been posted, edited, replied to in these channels", with
 * the time each became true, taken when the fake's answer to Sitrep's Slack call went out.
 *
 * Prints one JSON line on stdout when ready: { apiUrl, controlUrl, channels, teamId }.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { type FakeSlack, readBody, sendJson, startFakeSlack } from '../test/support/fake-slack';
import { exitWithParent } from './children';

const ANNOUNCE_CHANNELS = 3;
const WATCH_TTL_MS = 120_000;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const now = () => performance.timeOrigin + performance.now();

interface Target {
  name: string;
  replies: number;
  edits: number;
  at: number | null;
}

interface ChannelProgress {
  rootTs: string | null;
  replies: number;
  edits: number;
}

/** A message that must have been edited at least `edits` times (each chat.update counts). */
interface MessageTarget {
  channel: string;
  ts: string;
  edits: number;
}

/** One incident's announcements, followed in some channels until every target is reached. */
interface Watch {
  id: string;
  channels: string[];
  /** Root text of the incident starts with `${ref}:`, or contains `: ${title} — `. */
  ref: string | null;
  title: string | null;
  targets: Target[];
  /** Further messages every target waits for (an edited update's copies). */
  messages: MessageTarget[];
  progress: Map<string, ChannelProgress>;
  createdAt: number;
  waiters: Set<() => void>;
}

const watchInput = z.object({
  channels: z.array(z.string()).min(1),
  ref: z.string().nullish(),
  title: z.string().nullish(),
  targets: z
    .array(z.object({ name: z.string(), replies: z.number().int().min(0), edits: z.number().int().min(0) }))
    .min(1),
  messages: z
    .array(z.object({ channel: z.string(), ts: z.string(), edits: z.number().int().min(0) }))
    .default([]),
});

const rootRef = /^(INC-\d+):/;

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const channels: string[] = [];
  for (let i = 1; i <= ANNOUNCE_CHANNELS; i++) channels.push(fake.addChannel({ name: `announce-${i}` }));
  fake.addUser({ id: 'U_BENCH', name: 'bench', displayName: 'Bench Responder', realName: 'Bench Responder' });

  const watches = new Map<string, Watch>();
  let watchCounter = 0;
  const viewWaiters = new Set<() => void>();

  const advance = (watch: Watch, at: number) => {
    for (const channel of watch.channels) {
      const progress = watch.progress.get(channel) as ChannelProgress;
      if (!progress.rootTs) progress.rootTs = findRoot(fake, channel, watch);
      if (!progress.rootTs) continue;
      const root = fake.message(channel, progress.rootTs);
      progress.edits = root?.edits.length ?? 0;
      progress.replies = fake.replies(channel, progress.rootTs).length;
    }
    const messagesEdited = watch.messages.every(
      (m) => (fake.message(m.channel, m.ts)?.edits.length ?? 0) >= m.edits,
    );
    for (const target of watch.targets) {
      if (target.at !== null) continue;
      const reached =
        messagesEdited &&
        watch.channels.every((channel) => {
          const p = watch.progress.get(channel) as ChannelProgress;
          return p.rootTs !== null && p.replies >= target.replies && p.edits >= target.edits;
        });
      if (reached) target.at = at;
    }
    if (watch.targets.every((t) => t.at !== null)) for (const wake of watch.waiters) wake();
  };

  // Every answer the fake sends may have changed what a watch waits for: look again, then.
  fake.onAnswer(() => {
    const at = now();
    for (const watch of watches.values()) {
      if (watch.targets.some((t) => t.at === null)) advance(watch, at);
    }
    for (const wake of viewWaiters) wake();
  });
  setInterval(() => {
    for (const [id, watch] of watches) if (now() - watch.createdAt > WATCH_TTL_MS) watches.delete(id);
  }, 10_000).unref();

  const control = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    switch (`${req.method} ${url.pathname}`) {
      case 'POST /triggers': {
        const n = boundedCount(query.get('n'), 1_000);
        const user = query.get('user') ?? 'U_BENCH';
        return sendJson(res, 200, { triggerIds: Array.from({ length: n }, () => fake.newTriggerId(user)) });
      }
      case 'POST /response-urls': {
        const n = boundedCount(query.get('n'), 100_000);
        return sendJson(res, 200, { urls: Array.from({ length: n }, () => fake.responseUrl()) });
      }
      case 'GET /view': {
        const trigger = query.get('trigger') ?? '';
        const timeoutMs = boundedCount(query.get('timeoutMs'), 30_000);
        const find = () => fake.views().find((v) => v.trigger_id === trigger);
        const view = find() ?? (await until(viewWaiters, find, timeoutMs));
        if (!view) return sendJson(res, 404, { error: `no view opened with trigger ${trigger}` });
        return sendJson(res, 200, {
          id: view.id,
          callbackId: view.view.callback_id ?? null,
          privateMetadata: view.view.private_metadata ?? '',
          hash: view.hash,
        });
      }
      case 'POST /watches': {
        const input = watchInput.parse(JSON.parse((await readBody(req)).toString('utf8')));
        const id = `w${++watchCounter}`;
        const watch: Watch = {
          id,
          channels: input.channels,
          ref: input.ref ?? null,
          title: input.title ?? null,
          targets: input.targets.map((t) => ({ ...t, at: null })),
          messages: input.messages,
          progress: new Map(input.channels.map((c) => [c, { rootTs: null, replies: 0, edits: 0 }])),
          createdAt: now(),
          waiters: new Set(),
        };
        watches.set(id, watch);
        advance(watch, now());
        return sendJson(res, 200, { id });
      }
      case 'GET /watch': {
        const watch = watches.get(query.get('id') ?? '');
        if (!watch) return sendJson(res, 404, { error: 'no such watch' });
        const timeoutMs = boundedCount(query.get('timeoutMs'), 60_000);
        const done = () => watch.targets.every((t) => t.at !== null) || undefined;
        if (!done()) await until(watch.waiters, done, timeoutMs);
        watches.delete(watch.id);
        return sendJson(res, 200, describe(watch));
      }
      case 'GET /announcements': {
        // The current state of one incident's announcements, without waiting.
        const watch: Watch = {
          id: 'peek',
          channels: (query.get('channels') ?? '').split(',').filter(Boolean),
          ref: query.get('ref'),
          title: null,
          targets: [{ name: 'present', replies: 0, edits: 0, at: null }],
          messages: [],
          progress: new Map(),
          createdAt: now(),
          waiters: new Set(),
        };
        for (const c of watch.channels) watch.progress.set(c, { rootTs: null, replies: 0, edits: 0 });
        advance(watch, now());
        return sendJson(res, 200, describe(watch));
      }
      case 'GET /update-copies': {
        // The latest update of an incident (its reply in the first channel's thread) and every
        // message that shows it, found by the update's menu value as a person would click it.
        const channel = query.get('channel') ?? '';
        const peek: Watch = {
          id: 'peek',
          channels: [channel],
          ref: query.get('ref'),
          title: null,
          targets: [],
          messages: [],
          progress: new Map(),
          createdAt: now(),
          waiters: new Set(),
        };
        const rootTs = findRoot(fake, channel, peek);
        const reply = rootTs ? fake.replies(channel, rootTs).at(-1) : undefined;
        const value = reply ? /"(edit:[^"]+)"/.exec(JSON.stringify(reply.blocks ?? []))?.[1] : undefined;
        if (!reply || !value) return sendJson(res, 404, { error: 'no update reply with a menu' });
        const copies = new Map<string, MessageTarget>();
        for (const c of fake.channels()) {
          for (const top of fake.messages(c.id)) {
            for (const m of [top, ...fake.replies(c.id, top.ts)]) {
              if (JSON.stringify(m.blocks ?? []).includes(`"${value}"`))
                copies.set(`${c.id} ${m.ts}`, { channel: c.id, ts: m.ts, edits: m.edits.length });
            }
          }
        }
        return sendJson(res, 200, { value, channel, ts: reply.ts, copies: [...copies.values()] });
      }
      case 'GET /counts': {
        const calls = fake.calls();
        const byMethod: Record<string, number> = {};
        for (const call of calls) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
        return sendJson(res, 200, { calls: calls.length, byMethod, responses: fake.responses().length });
      }
      default:
        return sendJson(res, 404, { error: 'not found' });
    }
  }

  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlPort = (control.address() as AddressInfo).port;

  const shutdown = () => {
    control.close();
    control.closeAllConnections();
    fake.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  exitWithParent(async () => {
    control.close();
    control.closeAllConnections();
    await fake.close();
  });

  process.stdout.write(
    `${JSON.stringify({
      apiUrl: fake.apiUrl,
      controlUrl: `http://127.0.0.1:${controlPort}`,
      channels,
      teamId: fake.teamId,
    })}\n`,
  );
}

/** Newest first: a second run (another database) numbers its incidents from INC-1 again. */
function findRoot(fake: FakeSlack, channel: string, watch: Watch): string | null {
  for (const message of fake.messages(channel).reverse()) {
    if (message.thread_ts !== undefined) continue;
    const text = message.text ?? '';
    const ref = rootRef.exec(text)?.[1];
    if (!ref) continue;
    if (watch.ref !== null && ref === watch.ref) return message.ts;
    if (watch.title !== null && text.includes(`: ${watch.title} — `)) {
      watch.ref = ref;
      return message.ts;
    }
  }
  return null;
}

function describe(watch: Watch) {
  return {
    ref: watch.ref,
    targets: Object.fromEntries(watch.targets.map((t) => [t.name, t.at])),
    channels: Object.fromEntries(watch.progress),
  };
}

/** Resolves with the probe's value once it has one (checked whenever woken), or undefined at the timeout. */
function until<T>(
  wakers: Set<() => void>,
  probe: () => T | undefined,
  timeoutMs: number,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const wake = () => {
      const value = probe();
      if (value !== undefined) finish(value);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    function finish(value: T | undefined) {
      clearTimeout(timer);
      wakers.delete(wake);
      resolve(value);
    }
    wakers.add(wake);
  });
}

function boundedCount(text: string | null, max: number): number {
  const n = Number(text ?? '1');
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`expected a count from 1 to ${max}`);
  return n;
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-slack-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
