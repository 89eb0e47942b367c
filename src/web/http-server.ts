import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Logger } from '../logger';

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/** A small router over node:http: exact methods, `:param` segments, JSON and text helpers. */
export class Router {
  private readonly routes: Route[] = [];
  private readonly prefixes: { prefix: string; listener: RequestListener }[] = [];

  get(path: string, handler: RouteHandler): this {
    return this.add('GET', path, handler);
  }

  post(path: string, handler: RouteHandler): this {
    return this.add('POST', path, handler);
  }

  /** Hands every request under `prefix` to another listener (Bolt's receiver). */
  mount(prefix: string, listener: RequestListener): this {
    this.prefixes.push({ prefix, listener });
    return this;
  }

  private add(method: string, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const { prefix, listener } of this.prefixes) {
      if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) {
        listener(req, res);
        return;
      }
    }
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) continue;
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(
          route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')]),
        );
      } catch {
        sendJson(res, 400, { error: 'malformed percent-encoding in the path' });
        return;
      }
      try {
        await route.handler(req, res, params);
      } catch (error) {
        log.error('http: route failed', {
          path: url.pathname,
          error: error instanceof Error ? error.message : String(error),
        });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      }
      return;
    }
    if (pathMatched) sendJson(res, 405, { error: `method ${req.method} not allowed` });
    else sendJson(res, 404, { error: 'not found' });
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export interface HttpListener {
  server: Server;
  url: string;
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>;
}

export async function listen(router: Router, port: number, host: string, log: Logger): Promise<HttpListener> {
  const server = createServer((req, res) => {
    router.handle(req, res, log).catch((error: unknown) => {
      log.error('http: request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    server,
    url: `http://${shownHost}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
