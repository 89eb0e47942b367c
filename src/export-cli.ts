// `npm run --silent export -- --since 2022-09-01 --until 2022-10-01 --format csv` (SPEC §6 bulk export);
// in a production install, `node dist/export-cli.js --since … --until … --format csv`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { environmentWithDotenv, loadConfig } from './config';
import { BulkUsageError, bulkUsage, parseBulkArgs, wantsHelp, writeBulkExport } from './export/bulk-export';
import { openDatabase } from './persistence/open-database';
import { PrismaExportReader } from './persistence/prisma-export-reader';
import { runCommand } from './run-command';

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
    // A closed pipe (`| head`) is reported through the writer, not as an unhandled 'error' event,
    // and ends the export quietly.
    process.stdout.on('error', () => {});
    try {
      await writeBulkExport(new PrismaExportReader(db.prisma), args, process.stdout, {
        orgName: config.orgName,
        timeZone: config.displayTimeZone,
        now: new Date(),
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'EPIPE') return 0;
      throw error;
    }
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

runCommand('export', main, [ExportFailed]);
