import { DomainError } from '../incidents/errors';
import type { SlackContext } from './slack-context';

export const NOT_SAVED =
  'Not saved: Sitrep could not reach its database. Nothing was posted; please try again.';

const UNEXPECTED = 'Not saved: Sitrep failed on this request (the error is logged). Nothing was posted.';

/** A Web API failure (@slack/web-api errors carry a `slack_webapi_…` code). */
function slackFailure(error: unknown): string | null {
  const e = error as { code?: unknown; data?: { error?: unknown } };
  if (typeof e?.code !== 'string' || !e.code.startsWith('slack_webapi_')) return null;
  if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') {
    return `Slack refused the call (${e.data.error}): nothing changed, please try again.`;
  }
  return 'Slack did not answer in time: nothing changed, please try again.';
}

/**
 * The one place where failures become words for the person who acted: domain errors say what is wrong,
 * only a real connection failure says the database is out of reach, anything else is logged.
 */
export function userMessage(
  ctx: Pick<SlackContext, 'log' | 'isDatabaseUnreachable'>,
  error: unknown,
  context: Record<string, unknown> = {},
): string {
  if (error instanceof DomainError) return error.message;
  const detail = { ...context, error: error instanceof Error ? error.message : String(error) };
  if (ctx.isDatabaseUnreachable(error)) {
    ctx.log.warn('slack: database unreachable', detail);
    return NOT_SAVED;
  }
  const slack = slackFailure(error);
  ctx.log.error('slack: request failed', detail);
  return slack ?? UNEXPECTED;
}
