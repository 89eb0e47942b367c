/**
 * Sitrep's real service for the bench, started as src/main.ts starts it (loadConfig, then
 * startService), but from the environment the bench gives it alone: no `.env` file may change what
 * is measured.
 */
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startService } from '../src/service';
import { stopOnSignals } from '../src/stop-on-signals';
import { exitWithParent } from './children';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const service = await startService(config, log);
  stopOnSignals(service, log);
  exitWithParent(() => service.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sitrep-server: cannot start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
