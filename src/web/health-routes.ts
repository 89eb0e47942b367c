import type { Database } from '../persistence/open-database';
import { type Router, sendJson } from './http-server';

/** `/healthz`: the process answers. `/readyz`: the database answers and is migrated. */
export function addHealthRoutes(router: Router, db: Database, isStopping: () => boolean): void {
  router.get('/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  router.get('/readyz', async (_req, res) => {
    if (isStopping()) return sendJson(res, 503, { status: 'stopping' });
    const reachable = await db.ping();
    if (!reachable) return sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
    const migrated = await db.isMigrated();
    if (!migrated) return sendJson(res, 503, { status: 'unavailable', database: 'migrations pending' });
    return sendJson(res, 200, { status: 'ready', database: db.kind });
  });
}

/** Without Slack configured, say so to whoever posts to the Slack endpoint. */
export function addSlackOffRoute(router: Router, howTo: string): void {
  router.post('/slack/events', (_req, res) => sendJson(res, 503, { error: howTo }));
}
