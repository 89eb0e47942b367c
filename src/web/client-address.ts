import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address: with `TRUST_PROXY`, the rightmost `X-Forwarded-For` entry (the one the load
 * balancer added; entries to its left are whatever the client sent); otherwise, or when that header is
 * missing or malformed, the connection's peer.
 */
export function clientAddress(request: FastifyRequest, trustProxy: boolean): string {
  const peer = request.raw.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const header = request.headers['x-forwarded-for'];
  // Repeated headers mean someone besides the balancer wrote one: as good as malformed.
  if (typeof header !== 'string') return peer;
  const rightmost = header.slice(header.lastIndexOf(',') + 1).trim();
  return isIP(rightmost) ? rightmost : peer;
}
