import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/** The path exists, the method does not: 405 naming the method, as for every route. */
export function methodNotAllowed(app: FastifyInstance, url: string, methods: string[]): void {
  app.route({
    method: methods,
    url,
    handler: (request, reply) => {
      reply.code(405).send({ error: `method ${request.method} not allowed` });
    },
  });
}

/** `GET` (and `HEAD`) on `url`; any other method there gets 405. */
export function getRoute(app: FastifyInstance, url: string, handler: RouteHandlerMethod): void {
  app.get(url, handler);
  methodNotAllowed(app, url, ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
}
