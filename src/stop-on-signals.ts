import type { Logger } from './logger';

/**
 * SIGTERM and SIGINT stop the service gracefully (intake, then in-flight work, then the database). A
 * second signal during the drain is ignored: Ctrl-C reaches npm and the service both, and npm passes
 * its copy on, so one keypress arrives twice.
 */
export function stopOnSignals(service: { stop(): Promise<void> }, log: Logger): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.info(`${signal}: already finishing in-flight work`);
      return;
    }
    stopping = true;
    log.info(`${signal}: finishing in-flight work`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
