/**
 * Sitrep's real service for the bench, started as src/main.ts starts it (loadConfig, then
 * startService), but from the environment the bench gives it alone: no `.env` file may change what
 * is measured.
 */
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startService } from '../src/service';
import { exitWithParent } from './children';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
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
  exitWithParent(() => service.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sitrep-server: cannot start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
