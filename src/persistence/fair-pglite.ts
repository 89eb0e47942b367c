import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Embedded PostgreSQL runs each statement synchronously on the event loop and hands the result back
 * through promises alone. A backlog of statements (a thousand subscriber deliveries, say) then runs one
 * after another inside a single microtask cascade, and sockets — Slack's 3-second acks — wait until it is
 * empty. This view of the database lets the event loop reach its I/O before each statement and each
 * transaction, so waiting requests are read and answered between them.
 */
export function fairPGlite(db: PGlite): PGlite {
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'query' || key === 'transaction') {
        return async (...args: unknown[]) => {
          await nextTurn();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
