import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { type Database, openDatabase } from '../../src/persistence/open-database';

/** A fresh, migrated embedded database, copied from the template that global setup made. */
export async function freshEmbeddedDatabase(): Promise<Database> {
  const path = process.env.SITREP_TEST_TEMPLATE;
  if (!path) throw new Error('SITREP_TEST_TEMPLATE is not set: run the tests through jest (global setup)');
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(path)]) });
  return openDatabase({ pglite, migrate: false });
}

export const postgresUrl = process.env.TEST_DATABASE_URL;

/** `describe` that runs only where a PostgreSQL server is configured (TEST_DATABASE_URL). */
export const describeWithPostgres = postgresUrl ? describe : describe.skip;

/**
 * A fresh database on the PostgreSQL server, migrated through the same code as production;
 * `drop()` closes it and removes it.
 */
export async function freshPostgresDatabase(): Promise<{
  url: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}> {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sitrep_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  return {
    url: url.toString(),
    async open() {
      const db = await openDatabase({ databaseUrl: url.toString() });
      opened.push(db);
      return db;
    },
    async drop() {
      for (const db of opened) await db.close();
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
