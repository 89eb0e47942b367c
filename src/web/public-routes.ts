import { Negotiator } from '@fastify/accept-negotiator';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CachedAnswer, PublicCache } from './public-cache';
import type { PublicRequest } from './public-site';
import { getRoute, methodNotAllowed } from './routing';
import { type SubscriptionRoutesOptions, subscriptionRoutes } from './subscription-routes';
import { limitPerAddress } from './token-bucket';
import { htmlSecurityHeaders } from './views/html';

export interface PublicLimits {
  /** `PUBLIC_RATE_LIMIT`: requests per second per client address, burst twice that; 0: no limit. */
  ratePerSecond: number;
  /** `TRUST_PROXY`. */
  trustProxy: boolean;
}

/** As Statuspage's: embeddable widgets on other sites read these (SPEC §7), errors and 429s included. */
export function isCorsPath(url: string): boolean {
  return url.startsWith('/api/v2/') || url.startsWith('/history.atom') || url.startsWith('/history.rss');
}

/** Short, so a CDN in front takes the herd while a change still shows within seconds. */
const CACHE_CONTROL = 'public, max-age=5';

const DEFAULT_INCIDENT_LIMIT = 50;
const MAX_INCIDENT_LIMIT = 100;
const limitMessage = `must be a whole number from 1 to ${MAX_INCIDENT_LIMIT}`;

/** Query of `incidents.json`; other parameters (a widget's cache buster `_=…`) are ignored. */
const incidentsQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,6}$/, limitMessage)
    .transform(Number)
    .pipe(z.number().min(1, limitMessage).max(MAX_INCIDENT_LIMIT, limitMessage))
    .default(DEFAULT_INCIDENT_LIMIT),
});

const pageMessage = 'must be a whole number from 1';

/** Query of `/history`. */
const historyQuery = z.object({
  page: z
    .string()
    .regex(/^\d{1,9}$/, pageMessage)
    .transform(Number)
    .pipe(z.number().min(1, pageMessage))
    .default(1),
});

const documents = {
  '/api/v2/summary.json': 'summary',
  '/api/v2/status.json': 'status',
  '/api/v2/components.json': 'components',
  '/api/v2/incidents/unresolved.json': 'unresolved',
  '/api/v2/scheduled-maintenances.json': 'maintenances',
  '/api/v2/scheduled-maintenances/upcoming.json': 'maintenances-upcoming',
  '/api/v2/scheduled-maintenances/active.json': 'maintenances-active',
} as const;

/**
 * The public routes (SPEC §7, §12, §13, §15): `/`, `/incidents/INC-n`, the feeds and the `/api/v2` JSON,
 * served from the cache with ETag, Last-Modified and 304s, and the subscription routes, answered afresh;
 * all behind a token bucket per client address.
 * Further public routes belong in this scope, so that the limit covers them too.
 */
export function addPublicRoutes(
  app: FastifyInstance,
  cache: PublicCache,
  limits: PublicLimits,
  subscriptions: SubscriptionRoutesOptions,
): void {
  app.register(async (scope) => {
    if (limits.ratePerSecond > 0) await registerLimit(scope, limits);
    // Per-token pages, answered afresh: never from the cache.
    await scope.register(subscriptionRoutes(subscriptions));
    const serve = async (request: FastifyRequest, reply: FastifyReply, page: PublicRequest) =>
      send(request, reply, await cache.answer(page));

    getRoute(scope, '/', (request, reply) => serve(request, reply, { page: 'home' }));
    getRoute(scope, '/incidents/:ref', (request, reply) =>
      serve(request, reply, { page: 'incident', ref: (request.params as { ref: string }).ref }),
    );
    getRoute(scope, '/maintenances/:ref', (request, reply) =>
      serve(request, reply, { page: 'maintenance', ref: (request.params as { ref: string }).ref }),
    );
    corsRoute(scope, '/history.atom', (request, reply) => serve(request, reply, { page: 'feed' }));
    corsRoute(scope, '/history.rss', (request, reply) => serve(request, reply, { page: 'feed-rss' }));
    getRoute(scope, '/history', (request, reply) => {
      const query = parseQuery(request.url, historyQuery);
      if (!query.ok) return reply.code(400).type('text/plain; charset=utf-8').send(query.error);
      return serve(request, reply, { page: 'history', number: query.value.page });
    });
    for (const [url, page] of Object.entries(documents)) {
      corsRoute(scope, url, (request, reply) => serve(request, reply, { page }));
    }
    corsRoute(scope, '/api/v2/incidents.json', (request, reply) => {
      const query = parseQuery(request.url, incidentsQuery);
      if (!query.ok) return reply.code(400).send({ error: query.error });
      return serve(request, reply, { page: 'incidents', limit: query.value.limit });
    });
  });
}

async function registerLimit(scope: FastifyInstance, limits: PublicLimits): Promise<void> {
  const burst = Math.max(1, Math.round(2 * limits.ratePerSecond));
  await scope.register(
    rateLimit,
    limitPerAddress({
      ratePerSecond: limits.ratePerSecond,
      burst,
      timeWindowMs: 1_000,
      trustProxy: limits.trustProxy,
      reason: (retryIn) => `too many requests from this address: retry in ${retryIn}`,
    }),
  );
}

/** A GET route that widgets on other sites read: CORS preflight answered, not 405. */
function corsRoute(scope: FastifyInstance, url: string, handler: Parameters<typeof getRoute>[2]): void {
  scope.get(url, handler);
  scope.options(url, (request, reply) => {
    const asked = request.headers['access-control-request-headers'];
    reply.code(204).headers({
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-max-age': '86400',
      ...(typeof asked === 'string' && /^[\w\-, ]{1,500}$/.test(asked)
        ? { 'access-control-allow-headers': asked }
        : {}),
    });
    return reply.send();
  });
  methodNotAllowed(scope, url, ['POST', 'PUT', 'PATCH', 'DELETE']);
}

/** Clients send a handful of distinct Accept-Encoding headers; remembering a few answers is enough. */
const encodings = new Negotiator<'gzip' | 'identity'>({
  supportedValues: ['gzip', 'identity'],
  cache: boundedCache(64),
});

function send(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer): FastifyReply {
  if (answer.contentType.startsWith('text/html')) reply.headers(htmlSecurityHeaders);
  const accepted = request.headers['accept-encoding'];
  const gzip = answer.gzip && accepted && encodings.negotiate(accepted) === 'gzip' ? answer.gzip : null;
  // A CDN keeps one copy per encoding, so it never hands a gzipped body to a client that cannot read it.
  if (answer.gzip) reply.header('vary', 'Accept-Encoding');
  if (answer.status === 200) {
    reply.headers({ etag: gzip?.etag ?? answer.etag, 'cache-control': CACHE_CONTROL });
    if (answer.lastModified) reply.header('last-modified', answer.lastModified.toUTCString());
    if (notModified(request, answer)) return reply.code(304).send();
  }
  reply.code(answer.status).type(answer.contentType);
  return gzip ? reply.header('content-encoding', 'gzip').send(gzip.body) : reply.send(answer.body);
}

/** RFC 9110 §13.1: If-None-Match (weak comparison; either encoding's tag) wins over If-Modified-Since. */
function notModified(request: FastifyRequest, answer: CachedAnswer): boolean {
  const noneMatch = request.headers['if-none-match'];
  if (noneMatch !== undefined) {
    if (noneMatch.trim() === '*') return true;
    const current = [answer.etag, answer.gzip?.etag];
    return noneMatch.split(',').some((tag) => current.includes(tag.trim().replace(/^W\//, '')));
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined || !answer.lastModified) return false;
  const at = Date.parse(since);
  return !Number.isNaN(at) && answer.lastModified.getTime() <= at;
}

/** The query string through a zod schema; a bad one gets a reason naming the parameter. */
function parseQuery<T>(
  url: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; error: string } {
  const params = new URL(url, 'http://localhost').searchParams;
  const raw: Record<string, string> = {};
  for (const key of params.keys()) raw[key] ??= params.get(key) ?? '';
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || 'query'} ${issue.message}`);
  return { ok: false, error: `bad query: ${reasons.join('; ')}` };
}

function boundedCache(max: number) {
  const known = new Map<string, string>();
  const cache = {
    get: (key: string) => known.get(key),
    has: (key: string) => known.has(key),
    set: (key: string, value: string) => {
      if (known.size >= max) known.clear();
      known.set(key, value);
      return cache;
    },
  };
  return cache;
}
