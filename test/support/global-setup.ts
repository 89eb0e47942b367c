import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from '../../src/persistence/migrations';

/**
 * Migrates one embedded database and saves its data directory, so each test file starts from a copy
 * in under a second instead of paying PostgreSQL's initdb every time.
 */
export default async function globalSetup(): Promise<void> {
  const pglite = await PGlite.create();
  try {
    await applyMigrations(new PrismaPGlite(pglite));
    const dump = await pglite.dumpDataDir('none');
    const path = join(tmpdir(), `sitrep-test-template-${process.pid}.tar`);
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    process.env.SITREP_TEST_TEMPLATE = path;
  } finally {
    await pglite.close();
  }
  if (!process.env.TEST_DATABASE_URL) {
    process.stdout.write(
      '\nTEST_DATABASE_URL is not set: tests that need a PostgreSQL server are skipped.\n',
    );
  }
}
