import { CatalogError } from './catalog/load-catalog';
import { ConfigError, environmentWithDotenv, loadConfig } from './config';
import { createLogger } from './logger';
import { DatabaseUnavailable, DataDirInUse } from './persistence/open-database';
import { startService } from './service';
import { stopOnSignals } from './stop-on-signals';

async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv());
  const log = createLogger(config.logLevel);
  const service = await startService(config, log);
  stopOnSignals(service, log);
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof CatalogError ||
    error instanceof DatabaseUnavailable ||
    error instanceof DataDirInUse;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sitrep: cannot start: ${message}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
