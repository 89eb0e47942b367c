import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { type MigrationList, noSchemaFilter, openSchemaEngine } from './schema-engine';

export const prismaDir = resolve(__dirname, '../../prisma');
export const schemaPath = join(prismaDir, 'schema.prisma');
export const migrationsDir = join(prismaDir, 'migrations');

/** Reads prisma/migrations in Prisma's standard layout, as `prisma migrate deploy` does. */
export async function loadMigrationList(baseDir = migrationsDir): Promise<MigrationList> {
  const lockfilePath = join(baseDir, 'migration_lock.toml');
  const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    directories.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockfilePath) ? await readFile(lockfilePath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Applies every pending migration; returns the names of those just applied. */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  baseDir = migrationsDir,
): Promise<string[]> {
  const schemaText = await readFile(schemaPath, 'utf8');
  const engine = await openSchemaEngine(schemaPath, schemaText, adapterFactory);
  try {
    const migrationsList = await loadMigrationList(baseDir);
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: noSchemaFilter,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** The SQL that takes a database from the existing migrations to the current schema ('' when none). */
export async function diffSchemaAgainstMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string> {
  const schemaText = await readFile(schemaPath, 'utf8');
  const engine = await openSchemaEngine(schemaPath, schemaText, adapterFactory);
  try {
    const list = await loadMigrationList();
    const from =
      list.migrationDirectories.length > 0
        ? { tag: 'migrations' as const, ...list }
        : { tag: 'empty' as const };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaText }] },
      script: true,
      exitCode: null,
      filters: noSchemaFilter,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

let knownNames: Promise<string[]> | undefined;

/** Names of the migrations shipped with this build. */
export function migrationNames(): Promise<string[]> {
  knownNames ??= loadMigrationList().then((list) => list.migrationDirectories.map((d) => d.path));
  return knownNames;
}
