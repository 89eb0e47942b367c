import { ConfigError } from './config';
import { DatabaseUnavailable, DataDirInUse } from './persistence/open-database';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a command-line tool (`sitrep <name>`) on the process's arguments: what `main` answers is the
 * exit code. A failure is one line `sitrep <name>: <message>` and exit code 1; the stack follows only
 * for a failure nobody foresaw (bad configuration, an unreachable or busy database and `expected` are).
 */
export function runCommand(
  name: string,
  main: (argv: string[]) => Promise<number>,
  expected: ErrorClass[],
): void {
  const foreseen: ErrorClass[] = [...expected, ConfigError, DatabaseUnavailable, DataDirInUse];
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`sitrep ${name}: ${message}\n`);
      const known = foreseen.some((type) => error instanceof type);
      if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    },
  );
}
