import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { fairPGlite } from './fair-pglite';
import { PrismaClient } from './generated/client';
import { MigrationLockTimeout, withMigrationLock } from './migration-lock';
import { applyMigrations, migrationNames } from './migrations';

export interface Database {
  prisma: PrismaClient;
  kind: 'embedded' | 'postgres';
  /** Names of the migrations applied while opening. */
  appliedMigrations: string[];
  /** True when the database answers a query. */
  ping(): Promise<boolean>;
  /** True when every migration in prisma/migrations has been applied. */
  isMigrated(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`; unset: embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** An already-open PGlite (tests start one from a migrated template). */
  pglite?: PGlite;
  migrate?: boolean;
  /** Embedded only: a 16 MB buffer pool instead of 128 MB, for short-lived tools (bulk export). */
  smallMemory?: boolean;
  /** Server only: told once when another replica's migration is awaited. */
  onMigrationWait?: () => void;
  /** Server only: how long to wait for another replica's migration (default two minutes). */
  migrationWaitMs?: number;
}

export class DatabaseUnavailable extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(
      `cannot reach the database at ${target}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'DatabaseUnavailable';
  }
}

/** Hides the password of a connection string for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (options.databaseUrl) return openPostgres(options, options.databaseUrl, migrate);
  return openEmbedded(options, migrate);
}

async function openPostgres(
  options: OpenDatabaseOptions,
  databaseUrl: string,
  migrate: boolean,
): Promise<Database> {
  const factory = new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000, max: 10 });
  const target = redactUrl(databaseUrl);
  const prisma = new PrismaClient({ adapter: factory });
  let appliedMigrations: string[] = [];
  try {
    if (migrate && !(await isMigrated(prisma))) {
      appliedMigrations = await withMigrationLock(
        databaseUrl,
        async () => {
          // One connection of its own, ended after: the schema engine's session lock cannot outlive it.
          const pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 2_000 });
          try {
            return await migrateOrExplain(new PrismaPg(pool), prisma, target);
          } finally {
            await pool.end();
          }
        },
        {
          waitMs: options.migrationWaitMs ?? 120_000,
          onWait: options.onMigrationWait ?? (() => {}),
        },
      ).catch((error: unknown) => {
        throw error instanceof MigrationLockTimeout
          ? error
          : new DatabaseUnavailable(target, firstLine(error));
      });
    }
  } catch (error) {
    await prisma.$disconnect();
    throw error;
  }
  return {
    prisma,
    kind: 'postgres',
    appliedMigrations,
    ping: () => ping(prisma),
    isMigrated: () => isMigrated(prisma),
    close: () => prisma.$disconnect(),
  };
}

async function openEmbedded(options: OpenDatabaseOptions, migrate: boolean): Promise<Database> {
  let pglite = options.pglite;
  let releaseLock = () => {};
  if (!pglite) {
    const dataDir = options.dataDir ?? './data';
    mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
    try {
      pglite = await PGlite.create(join(dataDir, 'pg'), {
        // A start parameter, not a setting written into the data directory.
        ...(options.smallMemory
          ? { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] }
          : {}),
      });
    } catch (error) {
      releaseLock();
      throw new DatabaseUnavailable(`embedded PostgreSQL in ${dataDir}`, error);
    }
  }
  const factory = new PrismaPGlite(fairPGlite(pglite));
  const prisma = new PrismaClient({ adapter: factory });
  let appliedMigrations: string[] = [];
  try {
    if (migrate) appliedMigrations = await migrateOrExplain(factory, prisma, 'embedded PostgreSQL');
  } catch (error) {
    await pglite.close();
    releaseLock();
    throw error;
  }
  const db = pglite;
  return {
    prisma,
    kind: 'embedded',
    appliedMigrations,
    ping: () => ping(prisma),
    isMigrated: () => isMigrated(prisma),
    async close() {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
      releaseLock();
    },
  };
}

/** Applies pending migrations; skips the schema engine (and its start-up cost) when none are pending. */
async function migrateOrExplain(
  factory: SqlMigrationAwareDriverAdapterFactory,
  prisma: PrismaClient,
  target: string,
): Promise<string[]> {
  try {
    if (await isMigrated(prisma)) return [];
    return await applyMigrations(factory);
  } catch (error) {
    throw new DatabaseUnavailable(target, firstLine(error));
  }
}

async function ping(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? text
  );
}

async function isMigrated(prisma: PrismaClient): Promise<boolean> {
  try {
    const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    return (await migrationNames()).every((name) => applied.has(name));
  } catch {
    return false;
  }
}

export class DataDirInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database in ${dataDir} is in use by another Sitrep process (pid ${pid}): embedded PostgreSQL allows one process per data directory; stop it, or use DATABASE_URL for several`,
    );
    this.name = 'DataDirInUse';
  }
}

/** PGlite takes no lock of its own: a pid file keeps a second process off a data directory in use. */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'sitrep.pid');
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder)) throw new DataDirInUse(dataDir, holder);
  writeFileSync(path, String(process.pid));
  let released = false;
  return () => {
    if (released) return;
    released = true;
    rmSync(path, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
