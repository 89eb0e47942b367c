import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Logger, withLogFields } from '../logger';
import type { Metrics } from '../metrics/metrics';

/**
 * Every request gets a requestId on its log lines (a UUID: Fastify's own ids repeat across replicas),
 * is counted by route pattern and status, with its latency, and leaves a debug line (its path without
 * the query, which may carry a token). `POST /slack/events` is counted too: Bolt answers it on the raw
 * response, which still ends the request for Fastify.
 */
export function observeHttp(app: FastifyInstance, metrics: Metrics, log: Logger): void {
  app.addHook('onRequest', (_request, _reply, done) => {
    withLogFields({ requestId: randomUUID() }, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
    log.debug(`http: ${method} ${request.url.split('?')[0]} ${reply.statusCode}`, {
      route,
      ms: Math.round(reply.elapsedTime),
    });
    done();
  });
}

export interface MetricsRouteOptions {
  /** SPEC §3 METRICS_TOKEN: set, every scrape needs it; unset, loopback clients only. */
  token: string | undefined;
  /** The client address of a request (TRUST_PROXY decides whether X-Forwarded-For counts). */
  clientAddress: (request: FastifyRequest) => string;
}

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** `GET /metrics`, in Prometheus text format, guarded as SPEC §3 says. */
export function addMetricsRoute(app: FastifyInstance, metrics: Metrics, options: MetricsRouteOptions): void {
  const expected = options.token ? digest(options.token) : undefined;
  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
      }
    } else if (!loopback.test(options.clientAddress(request))) {
      // Unset token: the endpoint does not exist for anyone but the host itself.
      return reply.code(404).send({ error: 'not found' });
    }
    const { contentType, body } = await metrics.exposition();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
