import { CatalogError } from './catalog/load-catalog';
import { ConfigError, environmentWithDotenv, loadConfig } from './config';
import { createLogger } from './logger';
import { DatabaseUnavailable, DataDirInUse } from './persistence/open-database';
import { startService } from './service';

async function main(): Promise<void> {
  const config = loadConfig(environmentWithDotenv());
  const log = createLogger(config.logLevel);
  const service = await startService(config, log);
  const shutdown = (signal: string) => {
    log.info(`${signal}: finishing in-flight work`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
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
