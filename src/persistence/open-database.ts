import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
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
  if (options.databaseUrl) return openPostgres(options.databaseUrl, migrate);
  return openEmbedded(options, migrate);
}

async function openPostgres(databaseUrl: string, migrate: boolean): Promise<Database> {
  const factory = new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, max: 10 });
  const target = redactUrl(databaseUrl);
  const appliedMigrations = migrate ? await migrateOrExplain(factory, target) : [];
  const prisma = new PrismaClient({ adapter: factory });
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
  if (!pglite) {
    const dataDir = options.dataDir ?? './data';
    mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create(`${dataDir.replace(/\/$/, '')}/pg`);
  }
  const factory = new PrismaPGlite(pglite);
  const appliedMigrations = migrate ? await migrateOrExplain(factory, 'embedded PostgreSQL') : [];
  const prisma = new PrismaClient({ adapter: factory });
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
    },
  };
}

async function migrateOrExplain(
  factory: SqlMigrationAwareDriverAdapterFactory,
  target: string,
): Promise<string[]> {
  try {
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
