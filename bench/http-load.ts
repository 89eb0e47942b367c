/**
 * HTTP from the load generator: an open-loop schedule of signed slash commands (each request leaves at
 * its scheduled time whether or not earlier ones have answered; latency runs from that scheduled time
 * to the end of the answer, so a stalled server cannot hide its queue), and small JSON helpers.
 */
import http from 'node:http';
import { slackSignature } from '../test/support/slack-driver';

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of milliseconds. */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.length > 0 ? total / sorted.length : 0,
  };
}

export function median(values: number[]): number {
  return summarize(values).p50;
}

export interface CommandRequest {
  body: string;
}

/** The form body Slack posts for `/incident <text>`. */
export function commandBody(input: {
  text: string;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: input.teamId,
    team_domain: 'sitrep-bench',
    channel_id: input.channelId,
    channel_name: 'general',
    user_id: input.userId,
    user_name: 'bench',
    command: '/incident',
    text: input.text,
    api_app_id: 'A_SITREP',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

export interface OpenLoopOptions {
  url: string;
  signingSecret: string;
  /** One body per request, sent in order. */
  bodies: string[];
  ratePerSecond: number;
  /** No answer by then counts as an error (Slack gives up after 3 s). */
  timeoutMs: number;
}

export interface OpenLoopResult {
  sent: number;
  /** Latency of every request answered 200 in time (ms). */
  latencies: number[];
  errors: number;
  errorKinds: Record<string, number>;
  /** How late the generator itself sent requests (ms): a check on the generator, not on the app. */
  sendLag: Summary;
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
  const interval = 1000 / options.ratePerSecond;
  const total = options.bodies.length;
  const latencies: number[] = [];
  const lags: number[] = [];
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  let settled = 0;
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };

  const start = performance.now() + 20;
  let next = 0;
  let finish: () => void = () => {};
  const allSettled = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const settle = () => {
    settled++;
    if (settled === total) finish();
  };

  const send = (index: number, scheduled: number) => {
    const body = options.bodies[index] as string;
    const timestamp = Math.floor(Date.now() / 1000);
    lags.push(performance.now() - scheduled);
    let done = false;
    const end = (outcome: { ok: true } | { ok: false; kind: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (outcome.ok) latencies.push(performance.now() - scheduled);
      else fail(outcome.kind);
      settle();
    };
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(options.signingSecret, timestamp, body),
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          end(res.statusCode === 200 ? { ok: true } : { ok: false, kind: `http ${res.statusCode}` }),
        );
        res.on('error', (error) => end({ ok: false, kind: error.message }));
      },
    );
    // The deadline runs from the scheduled time, as Slack's does from when it sent the request.
    const timer = setTimeout(
      () => {
        end({ ok: false, kind: 'timeout' });
        req.destroy();
      },
      Math.max(0, scheduled + options.timeoutMs - performance.now()),
    );
    req.on('error', (error: NodeJS.ErrnoException) => end({ ok: false, kind: error.code ?? error.message }));
    req.end(body);
  };

  const tick = () => {
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      send(next, start + next * interval);
      next++;
    }
    if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
  };
  setTimeout(tick, Math.max(0, start - performance.now()));
  await allSettled;
  agent.destroy();
  return {
    sent: total,
    latencies,
    errors,
    errorKinds,
    sendLag: summarize(lags),
  };
}

/** A small JSON request (control endpoints, health probes); rejects on a network error only. */
export function requestJson<T = unknown>(
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: T; text: string; headers?: http.IncomingHttpHeaders }> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        agent: false,
        timeout: options.timeoutMs ?? 70_000,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text !== '') {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, text, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in time`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** GETs with a keep-alive agent, closed-loop, timing each from send to the end of the body. */
export async function timedGets(
  url: string,
  count: number,
  headers: Record<string, string> | ((i: number) => Record<string, string>) = {},
): Promise<{ latencies: number[]; statuses: number[]; bytes: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const statuses: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const { status, size } = await new Promise<{ status: number; size: number }>((resolve, reject) => {
        const sent = typeof headers === 'function' ? headers(i) : headers;
        const req = http.request(url, { agent, headers: sent, timeout: 30_000 }, (res) => {
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, size }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in 30 s`)));
        req.on('error', reject);
        req.end();
      });
      latencies.push(performance.now() - started);
      statuses.push(status);
      bytes = size;
    }
  } finally {
    agent.destroy();
  }
  return { latencies, statuses, bytes };
}
