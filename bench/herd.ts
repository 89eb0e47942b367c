/**
 * The herd: open-loop public traffic from its own process, so generating it does not share the event
 * loop that times the acks. Reads its plan as JSON from argv[2]; prints `{"ready":true}` once warm,
 * runs until the parent disconnects or `seconds` pass, then prints its figures as one JSON line.
 */
import http from 'node:http';
import { exitWithParent } from './children';
import { summarize } from './http-load';

export interface HerdPlan {
  url: string;
  ratePerSecond: number;
  seconds: number;
  /** Client addresses, sent as `X-Forwarded-For` (Sitrep runs with TRUST_PROXY=true). */
  addresses: number;
  paths: string[];
  /** Share of requests sent with the `If-None-Match` last seen for their path. */
  conditionalShare: number;
  timeoutMs: number;
}

export interface HerdFigures {
  sent: number;
  answered: number;
  byStatus: Record<string, number>;
  errors: Record<string, number>;
  /** Answers per second over the run. */
  achievedRate: number;
  latency: ReturnType<typeof summarize>;
  /** How late the generator sent (ms, p99): a check on the generator itself. */
  sendLagP99: number;
}

function run(plan: HerdPlan): Promise<HerdFigures> {
  const target = new URL(plan.url);
  // FIFO keeps every socket busy, so none idles into the server's keep-alive timeout and is reset.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256, scheduling: 'fifo' });
  const interval = 1000 / plan.ratePerSecond;
  const total = Math.round(plan.ratePerSecond * plan.seconds);
  const etags = new Map<string, string>();
  const asked = new Map<string, number>();
  const byStatus: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const latencies: number[] = [];
  const lags: number[] = [];
  let settled = 0;
  let answered = 0;
  const start = performance.now() + 20;
  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const elapsed = (performance.now() - start) / 1000;
      resolve({
        sent: total,
        answered,
        byStatus,
        errors,
        achievedRate: answered / elapsed,
        latency: summarize(latencies),
        sendLagP99: summarize(lags).p99,
      });
    };
    const settle = () => {
      settled++;
      if (settled === total) finish();
    };
    const send = (i: number, scheduled: number) => {
      lags.push(performance.now() - scheduled);
      const path = plan.paths[i % plan.paths.length] as string;
      const etag = etags.get(path);
      const nth = (asked.get(path) ?? 0) + 1;
      asked.set(path, nth);
      const headers: Record<string, string> = {
        // As every browser and CDN asks: the cached pages go out gzipped.
        'accept-encoding': 'gzip, deflate, br',
        'x-forwarded-for': `198.51.100.7, 10.1.${Math.floor(i / plan.paths.length) % plan.addresses}.9`,
      };
      // A share of each path's requests revalidate what they saw, as browsers and CDNs do.
      if (etag && Math.floor(nth * plan.conditionalShare) !== Math.floor((nth - 1) * plan.conditionalShare)) {
        headers['if-none-match'] = etag;
      }
      let done = false;
      const end = (kind: string, status?: number) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (status !== undefined) {
          answered++;
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          latencies.push(performance.now() - scheduled);
        } else {
          errors[kind] = (errors[kind] ?? 0) + 1;
        }
        settle();
      };
      const req = http.request({ host: target.hostname, port: target.port, path, agent, headers }, (res) => {
        const tag = res.headers.etag;
        if (tag) etags.set(path, tag);
        res.resume();
        res.on('end', () => end('ok', res.statusCode ?? 0));
        res.on('error', (error) => end(error.message));
      });
      const timer = setTimeout(
        () => {
          end('timeout');
          req.destroy();
        },
        Math.max(0, scheduled + plan.timeoutMs - performance.now()),
      );
      req.on('error', (error: NodeJS.ErrnoException) => end(error.code ?? error.message));
      req.end();
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        send(next, start + next * interval);
        next++;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
}

if (require.main === module) {
  const plan = JSON.parse(process.argv[2] ?? '{}') as HerdPlan;
  exitWithParent(async () => {});
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  run(plan).then((figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  });
}
