import { DomainError } from '../incidents/errors';
import type { Logger } from '../logger';

export const NOT_SAVED =
  'Not saved: Sitrep could not reach its database. Nothing was posted; please try again.';

/** The one place where failures become words for the person who acted. */
export function userMessage(error: unknown, log: Logger, context: Record<string, unknown> = {}): string {
  if (error instanceof DomainError) return error.message;
  log.error('slack: request failed', {
    ...context,
    error: error instanceof Error ? error.message : String(error),
  });
  return NOT_SAVED;
}
