import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * Bolt, the Web API client and the Socket Mode client log through the app's logger: one line per
 * call, the source in `logger`, an Error among the arguments kept whole in `error` (masked like the rest).
 */
export function boltLogger(log: Logger, name = 'slack'): BoltLogger {
  let level = LogLevel.INFO;
  let target = log.child({ logger: name });
  const emit =
    (at: 'debug' | 'info' | 'warn' | 'error') =>
    (...msgs: unknown[]): void => {
      const error = msgs.find((m): m is Error => m instanceof Error);
      const text = msgs
        .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m)))
        .join(' ');
      target[at](text, error ? { error } : undefined);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      target = log.child({ logger: n });
    },
  };
}
