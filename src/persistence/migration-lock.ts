import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';

/** Sitrep's own advisory lock key ("sitrep" in ASCII), distinct from the schema engine's 72707369. */
const MIGRATION_LOCK_KEY = 0x736974726570;

export class MigrationLockTimeout extends Error {
  constructor(waitMs: number) {
    super(
      `another replica has held the migration lock for over ${Math.round(waitMs / 1000)} s; if none is migrating, look for a session holding advisory lock ${MIGRATION_LOCK_KEY} (pg_locks)`,
    );
    this.name = 'MigrationLockTimeout';
  }
}

/**
 * Runs `migrate` while holding a PostgreSQL advisory lock, so replicas starting together migrate one
 * after another. The lock lives on a connection of its own, never a pooled one, and ends with it.
 */
export async function withMigrationLock<T>(
  databaseUrl: string,
  migrate: () => Promise<T>,
  options: { waitMs: number; onWait: () => void },
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    const deadline = Date.now() + options.waitMs;
    for (let told = false; !(await tryLock(client)); told = true) {
      if (!told) options.onWait();
      if (Date.now() > deadline) throw new MigrationLockTimeout(options.waitMs);
      await delay(250);
    }
    return await migrate();
  } finally {
    // Ending the session releases the lock whatever happened above.
    await client.end().catch(() => {});
  }
}

async function tryLock(client: Client): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
    MIGRATION_LOCK_KEY,
  ]);
  return result.rows[0]?.locked === true;
}
