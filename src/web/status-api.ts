import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../incidents/ports';
import { type Router, sendJson } from './http-server';
import type { StatusSource } from './views/status-model';
import { type PageState, StatuspageDocuments } from './views/statuspage-json';

export interface StatusApiOptions {
  source: StatusSource;
  orgName: string;
  timeZone: string;
  /** `PUBLIC_BASE_URL`, without a trailing slash. */
  publicBaseUrl: string;
  clock: Clock;
}

/** As Statuspage's: embeddable widgets on other sites read these (SPEC §7). */
const cors = { 'access-control-allow-origin': '*' };

export const DEFAULT_INCIDENT_LIMIT = 50;
export const MAX_INCIDENT_LIMIT = 100;

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

/** Statuspage v2-compatible JSON: summary, status, components, incidents, unresolved incidents. */
export function addStatusApiRoutes(router: Router, options: StatusApiOptions): void {
  const { source } = options;

  const documents = async (): Promise<StatuspageDocuments> => {
    const [components, openIncidents, lastResolvedAt] = await Promise.all([
      source.listComponents(),
      source.openIncidents(),
      source.lastResolvedAt(),
    ]);
    const state: PageState = { components, openIncidents, lastResolvedAt };
    return new StatuspageDocuments(state, {
      orgName: options.orgName,
      publicBaseUrl: options.publicBaseUrl,
      timeZone: options.timeZone,
      now: options.clock.now(),
    });
  };

  router.get('/api/v2/summary.json', async (_req, res) => {
    answer(res, (await documents()).summary());
  });

  router.get('/api/v2/status.json', async (_req, res) => {
    const docs = await documents();
    answer(res, { page: docs.page(), status: docs.status() });
  });

  router.get('/api/v2/components.json', async (_req, res) => {
    const docs = await documents();
    answer(res, { page: docs.page(), components: docs.components() });
  });

  router.get('/api/v2/incidents.json', async (req, res) => {
    const query = parseQuery(req, res, incidentsQuery);
    if (!query) return;
    const [docs, incidents] = await Promise.all([documents(), source.recentIncidents(query.limit)]);
    answer(res, {
      page: docs.page(incidents),
      incidents: incidents.map((incident) => docs.incident(incident)),
    });
  });

  router.get('/api/v2/incidents/unresolved.json', async (_req, res) => {
    const docs = await documents();
    answer(res, { page: docs.page(), incidents: docs.unresolved() });
  });
}

function answer(res: ServerResponse, body: unknown): void {
  sendJson(res, 200, body, cors);
}

/** The query string through a zod schema; a bad one gets 400 naming the parameter, and null. */
function parseQuery<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): T | null {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const raw: Record<string, string> = {};
  for (const key of params.keys()) raw[key] ??= params.get(key) ?? '';
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || 'query'} ${issue.message}`);
  sendJson(res, 400, { error: `bad query: ${reasons.join('; ')}` }, cors);
  return null;
}
