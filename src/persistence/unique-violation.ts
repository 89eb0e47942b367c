import { Prisma } from './generated/client';

/** A unique index refused the write; the callers then look up the row that holds the key. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A foreign key refused the write: the row it points to is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

/**
 * A write keyed by a source key (a Slack view id, a delivery) happens once: with a key already used,
 * `find` answers what the earlier write made, whether it is seen before writing or the unique index
 * refuses a concurrent second write. Without a key, `write` just runs.
 */
export async function writeOnce<T>(
  sourceKey: string | null,
  find: (sourceKey: string) => Promise<T | null>,
  write: () => Promise<T>,
): Promise<T> {
  if (sourceKey) {
    const existing = await find(sourceKey);
    if (existing) return existing;
  }
  try {
    return await write();
  } catch (error) {
    if (sourceKey && isUniqueViolation(error)) {
      const existing = await find(sourceKey);
      if (existing) return existing;
    }
    throw error;
  }
}
