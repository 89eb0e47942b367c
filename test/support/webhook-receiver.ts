/**
 * Real HTTP endpoints on 127.0.0.1 for webhook subscribers: each path behaves as it is told (answers at
 * once, late, with errors for a while, with a redirect) and keeps every request it got, raw body included.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  /** Exactly as received: signatures are checked over these bytes. */
  rawBody: string;
  headers: IncomingMessage['headers'];
  /** The status it was answered with. */
  status: number;
  /** Parsed JSON body. */
  json: Record<string, unknown>;
}

export interface EndpointBehaviour {
  /** Wait this long before answering (or until `release`), like a slow endpoint. */
  delayMs?: number;
  /** Answer only on `release`. */
  hold?: boolean;
  /** Answer the first this many requests with `failStatus`. */
  failFirst?: number;
  /** Default 500. */
  failStatus?: number;
  /** Answer every request with this redirect. */
  redirectTo?: string;
}

export interface WebhookReceiver {
  url(path: string): string;
  on(path: string, behaviour: EndpointBehaviour): void;
  /** Every request to `path`, in the order they arrived (answered or not yet). */
  requests(path: string): ReceivedRequest[];
  /** The requests to `path` that were answered with a 2xx: the deliveries that arrived. */
  delivered(path: string): ReceivedRequest[];
  /** Answers every request held by a delay at once. */
  release(): void;
  waitFor(condition: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const behaviours = new Map<string, EndpointBehaviour>();
  const received: ReceivedRequest[] = [];
  const held = new Set<() => void>();
  const counts = new Map<string, number>();

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const behaviour = behaviours.get(path) ?? {};
    const seen = (counts.get(path) ?? 0) + 1;
    counts.set(path, seen);
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(rawBody) as Record<string, unknown>;
    } catch {
      // Kept as an empty object: the test sees the raw body.
    }
    const status = behaviour.redirectTo
      ? 302
      : seen <= (behaviour.failFirst ?? 0)
        ? (behaviour.failStatus ?? 500)
        : 200;
    const request: ReceivedRequest = { path, rawBody, headers: req.headers, status: 0, json };
    received.push(request);
    if (behaviour.delayMs || behaviour.hold) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          held.delete(done);
          resolve();
        };
        const timer = behaviour.hold ? undefined : setTimeout(done, behaviour.delayMs);
        held.add(done);
      });
    }
    request.status = status;
    if (behaviour.redirectTo) res.setHeader('location', behaviour.redirectTo);
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 200 ? 'ok' : 'no');
  };

  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: (path) => `${base}${path}`,
    on(path, behaviour) {
      behaviours.set(path, behaviour);
    },
    requests: (path) => received.filter((r) => r.path === path),
    delivered: (path) => received.filter((r) => r.path === path && r.status >= 200 && r.status < 300),
    release() {
      for (const done of [...held]) done();
    },
    async waitFor(condition, timeoutMs = 30_000, what = 'the condition') {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close() {
      for (const done of [...held]) done();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
