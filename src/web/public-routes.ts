import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PublicAnswer, PublicRequest, PublicSite } from './public-site';
import { getRoute } from './routing';

/** As Statuspage's: embeddable widgets on other sites read these (SPEC §7). */
const CORS = { 'access-control-allow-origin': '*' };

// The pages run no script and load nothing from elsewhere; the policy makes any injection inert.
const HTML_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
};

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

const documents = {
  '/api/v2/summary.json': 'summary',
  '/api/v2/status.json': 'status',
  '/api/v2/components.json': 'components',
  '/api/v2/incidents/unresolved.json': 'unresolved',
  '/api/v2/scheduled-maintenances.json': 'maintenances',
  '/api/v2/scheduled-maintenances/upcoming.json': 'maintenances-upcoming',
  '/api/v2/scheduled-maintenances/active.json': 'maintenances-active',
} as const;

/** The public status page (SPEC §7): `/`, `/incidents/INC-n`, `/history.atom` and the `/api/v2` JSON. */
export function addPublicRoutes(app: FastifyInstance, site: PublicSite): void {
  const serve = async (reply: FastifyReply, request: PublicRequest, cors: boolean) => {
    const answer = await site.render(request);
    return send(reply, answer, cors);
  };

  getRoute(app, '/', (_request, reply) => serve(reply, { page: 'home' }, false));
  getRoute(app, '/incidents/:ref', (request, reply) =>
    serve(reply, { page: 'incident', ref: (request.params as { ref: string }).ref }, false),
  );
  getRoute(app, '/maintenances/:ref', (request, reply) =>
    serve(reply, { page: 'maintenance', ref: (request.params as { ref: string }).ref }, false),
  );
  getRoute(app, '/history.atom', (_request, reply) => serve(reply, { page: 'feed' }, true));
  for (const [url, page] of Object.entries(documents)) {
    getRoute(app, url, (_request, reply) => serve(reply, { page }, true));
  }
  getRoute(app, '/api/v2/incidents.json', (request, reply) => {
    const query = parseQuery(request.url, incidentsQuery);
    if (!query.ok) return reply.code(400).headers(CORS).send({ error: query.error });
    return serve(reply, { page: 'incidents', limit: query.value.limit }, true);
  });
}

function send(reply: FastifyReply, answer: PublicAnswer, cors: boolean): FastifyReply {
  const headers = answer.contentType.startsWith('text/html') ? HTML_HEADERS : cors ? CORS : {};
  return reply.code(answer.status).type(answer.contentType).headers(headers).send(answer.body);
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
