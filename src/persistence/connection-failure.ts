import { Prisma } from './generated/client';

/** Prisma's codes for a server that cannot be reached, timed out, closed the connection or ran out of them. */
const CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1011', 'P1017', 'P2024']);
/** Driver adapter error kinds of the same failures. */
const CONNECTION_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);
/** What pg and PGlite throw once their connection or pool is gone. */
const CONNECTION_MESSAGES =
  /PGlite is closed|Connection terminated|connection error|Cannot use a pool after calling end|ECONNREFUSED|ECONNRESET|ETIMEDOUT|timeout exceeded when trying to connect/i;

/**
 * Whether a failure is the database being out of reach — the one case worded "could not reach its
 * database". Constraint, range and syntax errors are not: they say something about the input.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (CONNECTION_CODES.has(error.code)) return true;
    const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string; originalCode?: string } })
      ?.cause;
    // SQLSTATE class 08 is a connection exception; 57P01–03 a server shutting down or starting.
    if (cause?.kind && CONNECTION_KINDS.has(cause.kind)) return true;
    if (cause?.originalCode && /^(08|57P0[123])/.test(cause.originalCode)) return true;
    return false;
  }
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}
