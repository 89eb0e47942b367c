import type { FastifyInstance } from 'fastify';
import { getRoute, methodNotAllowed } from './routing';

/** What `/readyz` asks of the database. */
export interface Readiness {
  kind: string;
  ping(): Promise<boolean>;
  isMigrated(): Promise<boolean>;
}

/** `/healthz`: the process answers. `/readyz`: the database answers and is migrated. */
export function addHealthRoutes(app: FastifyInstance, db: Readiness, isStopping: () => boolean): void {
  getRoute(app, '/healthz', async () => ({ status: 'ok' }));
  getRoute(app, '/readyz', async (_request, reply) => {
    if (isStopping()) return reply.code(503).send({ status: 'stopping' });
    const reachable = await db.ping();
    if (!reachable) return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    const migrated = await db.isMigrated();
    if (!migrated) return reply.code(503).send({ status: 'unavailable', database: 'migrations pending' });
    return { status: 'ready', database: db.kind };
  });
}

/** Without Slack configured, say so to whoever posts to the Slack endpoint. */
export function addSlackOffRoute(app: FastifyInstance, howTo: string): void {
  app.post('/slack/events', async (_request, reply) => reply.code(503).send({ error: howTo }));
  methodNotAllowed(app, '/slack/events', ['GET', 'PUT', 'PATCH', 'DELETE']);
}
