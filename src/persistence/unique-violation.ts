import { Prisma } from './generated/client';

/** A unique index refused the write; the callers then look up the row that holds the key. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
