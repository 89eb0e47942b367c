import type { Logger } from './logger';

/** SIGTERM and SIGINT stop the service gracefully (intake, then in-flight work, then the database). */
export function stopOnSignals(service: { stop(): Promise<void> }, log: Logger): void {
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
