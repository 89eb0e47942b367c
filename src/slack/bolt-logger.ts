import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger';

/** Bolt and the Web API client log through the app's logger. */
export function boltLogger(log: Logger, name = 'slack'): BoltLogger {
  let level = LogLevel.INFO;
  let prefix = name;
  const join = (msgs: unknown[]) =>
    msgs
      .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m)))
      .join(' ');
  return {
    debug: (...msgs: unknown[]) => log.debug(`${prefix}: ${join(msgs)}`),
    info: (...msgs: unknown[]) => log.info(`${prefix}: ${join(msgs)}`),
    warn: (...msgs: unknown[]) => log.warn(`${prefix}: ${join(msgs)}`),
    error: (...msgs: unknown[]) => log.error(`${prefix}: ${join(msgs)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      prefix = n;
    },
  };
}
