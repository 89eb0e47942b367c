// `npm run --silent export -- --since 2022-09-01 --until 2022-10-01 --format csv` (SPEC §6 bulk export);
// in a production install, `node dist/export-cli.js --since … --until … --format csv`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, environmentWithDotenv, loadConfig } from './config';
import { BulkUsageError, bulkUsage, parseBulkArgs, wantsHelp, writeBulkExport } from './export/bulk-export';
import { DatabaseUnavailable, DataDirInUse, openDatabase } from './persistence/open-database';
import { PrismaExportReader } from './persistence/prisma-export-reader';

const USAGE_EXIT_CODE = 2;

class ExportFailed extends Error {}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(bulkUsage);
    return 0;
  }
  const config = loadConfig(environmentWithDotenv());
  let args: ReturnType<typeof parseBulkArgs>;
  try {
    args = parseBulkArgs(argv, config.displayTimeZone);
  } catch (error) {
    if (!(error instanceof BulkUsageError)) throw error;
    process.stderr.write(`sitrep export: ${error.message}\n\n${bulkUsage}`);
    return USAGE_EXIT_CODE;
  }

  // An export reads; it must neither create an empty embedded database nor migrate a shared one.
  if (!config.databaseUrl) assertEmbeddedDatabaseExists(config.dataDir);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: false,
    smallMemory: true,
  });
  try {
    if (!(await db.isMigrated())) {
      throw new ExportFailed(
        'the database lacks migrations: start the service once (npm start) to apply them',
      );
    }
    // A closed pipe (`| head`) is reported through the writer, not as an unhandled 'error' event.
    process.stdout.on('error', () => {});
    await writeBulkExport(new PrismaExportReader(db.prisma), args, process.stdout, {
      orgName: config.orgName,
      timeZone: config.displayTimeZone,
      now: new Date(),
    });
  } finally {
    await db.close();
  }
  return 0;
}

function assertEmbeddedDatabaseExists(dataDir: string): void {
  if (!existsSync(join(dataDir, 'pg'))) {
    throw new ExportFailed(
      `no embedded database in ${dataDir}: set DATA_DIR or DATABASE_URL as for the service`,
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if ((error as { code?: string }).code === 'EPIPE') return;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sitrep export: ${message}\n`);
    const known =
      error instanceof ExportFailed ||
      error instanceof ConfigError ||
      error instanceof DatabaseUnavailable ||
      error instanceof DataDirInUse;
    if (!known && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = 1;
  },
);
