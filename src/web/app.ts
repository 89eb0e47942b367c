import type { RequestListener } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { PublicChanges } from '../status/status-reader';
import { addExportRoutes, type ExportRoutesOptions } from './export-routes';
import { addHealthRoutes, addSlackOffRoute, type Readiness } from './health-routes';
import { addMetricsRoute, type MetricsRouteOptions, observeHttp } from './metrics-routes';
import { PublicCache } from './public-cache';
import { addPublicRoutes, isCorsPath, type PublicLimits } from './public-routes';
import type { PublicSiteOptions } from './public-site';
import { methodNotAllowed } from './routing';
import type { SubscriptionRoutesOptions } from './subscription-routes';

export interface WebDeps {
  log: Logger;
  readiness: Readiness;
  /** True once the service is stopping (`/readyz` answers 503). */
  isStopping: () => boolean;
  /** Bolt's HTTP receiver (HTTP mode). */
  slackEvents?: RequestListener;
  /** With Slack off, the sentence telling how to turn it on. */
  slackOff?: string;
  status: PublicSiteOptions & {
    changes: PublicChanges;
    /** How often to look for other replicas' changes; 0 where one process owns the data. */
    pollMs: number;
  };
  limits: PublicLimits;
  /** The subscription routes (SPEC §13). */
  subscriptions: Omit<SubscriptionRoutesOptions, 'log' | 'trustProxy'>;
  exports: ExportRoutesOptions;
  /** Request metrics and `GET /metrics`. */
  metrics?: { metrics: Metrics } & MetricsRouteOptions;
}

export interface WebApp {
  /** Starts listening; resolves with the base URL (`http://127.0.0.1:PORT`). */
  listen(port: number, host: string): Promise<string>;
  /** A change that may show publicly was committed here: cached public bodies go at once. */
  publicChanged(): void;
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>;
}

/** Every HTTP route of SPEC §7 on one Fastify instance; `POST /slack/events` goes to Bolt untouched. */
export function createWebApp(deps: WebDeps): WebApp {
  const { log } = deps;
  const app: FastifyInstance = Fastify({
    logger: false,
    keepAliveTimeout: 5_000,
    routerOptions: { maxParamLength: 500 },
    // A malformed escape in a path is the client's mistake: a 400 that says so, never a crash.
    frameworkErrors: (error, _request, reply) => {
      const raw = (reply as unknown as FastifyReply).header('x-content-type-options', 'nosniff');
      if (error.code === 'FST_ERR_BAD_URL') {
        raw.code(400).send({ error: 'malformed percent-encoding in the path' });
      } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        raw.code(404).send({ error: 'not found' });
      } else {
        raw.code(500).send({ error: 'internal error' });
      }
    },
  });

  // No route here reads a body (Bolt reads its own, unparsed): leave every body unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (isCorsPath(request.url)) reply.header('access-control-allow-origin', '*');
    done();
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send({ error: 'not found' });
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    log.error('http: route failed', { path: request.url.split('?')[0], error: error.message });
    return reply.code(500).send({ error: 'internal error' });
  });

  if (deps.metrics) {
    observeHttp(app, deps.metrics.metrics, log);
    addMetricsRoute(app, deps.metrics.metrics, deps.metrics);
  }
  addHealthRoutes(app, deps.readiness, deps.isStopping);
  if (deps.slackEvents) mountSlack(app, deps.slackEvents);
  if (deps.slackOff) addSlackOffRoute(app, deps.slackOff);
  addExportRoutes(app, deps.exports);
  const cache = new PublicCache({ ...deps.status, log });
  addPublicRoutes(app, cache, deps.limits, {
    ...deps.subscriptions,
    log,
    trustProxy: deps.limits.trustProxy,
  });

  return {
    async listen(port, host) {
      await app.listen({ port, host });
      cache.start();
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      return `http://${shownHost}:${actualPort}`;
    },
    publicChanged: () => cache.invalidate(),
    async close() {
      cache.stop();
      await app.close();
    },
  };
}

/** Bolt verifies the signature over the raw body, so it gets the request before anything reads it. */
function mountSlack(app: FastifyInstance, listener: RequestListener): void {
  app.post('/slack/events', {
    onRequest: (request, reply, done) => {
      reply.hijack();
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      listener(request.raw, reply.raw);
      done();
    },
    handler: () => {},
  });
  methodNotAllowed(app, '/slack/events', ['GET', 'PUT', 'PATCH', 'DELETE']);
}
