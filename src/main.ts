import { CatalogError } from './catalog/load-catalog';
import { ConfigError, environmentWithDotenv, loadConfig } from './config';
import { configSecrets, createLogger, type Logger } from './logger';
import { MigrationLockTimeout } from './persistence/migration-lock';
import { DatabaseUnavailable, DataDirInUse } from './persistence/open-database';
import { startService } from './service';
import { stopOnSignals } from './stop-on-signals';

let log: Logger | undefined;

async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv());
  log = createLogger(config.logLevel, { format: config.logFormat, secrets: configSecrets(config) });
  const service = await startService(config, log);
  stopOnSignals(service, log);
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof CatalogError ||
    error instanceof DatabaseUnavailable ||
    error instanceof DataDirInUse ||
    error instanceof MigrationLockTimeout;
  const message = `cannot start: ${error instanceof Error ? error.message : String(error)}`;
  const stack = !known && error instanceof Error ? error.stack : undefined;
  // Before the configuration is read there is no logger (its format may be the bad value): plain text.
  if (log) log.error(message, stack ? { stack } : undefined);
  else process.stderr.write(`sitrep: ${message}\n${stack ? `${stack}\n` : ''}`);
  process.exit(1);
});
