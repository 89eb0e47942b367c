import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { OutcomeUnknown, PermanentFailure, RetryAfter } from '../../outbox/job-errors';

/** Errors that Slack answers the same way however often it is asked. */
const permanentErrors = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'not_authed',
  'msg_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'no_text',
  'restricted_action',
  'user_not_found',
  'user_not_in_channel',
  'method_not_supported_for_channel_type',
  'cant_update_message',
  'edit_window_closed',
  'message_not_found',
  'invalid_name',
  'invalid_name_specials',
  'invalid_name_maxlength',
  'invalid_name_required',
  'no_channel',
  'channel_is_archived',
]);

/** The Slack error string of a Web API platform error (`ok: false`), if that is what it is. */
export function slackErrorCode(error: unknown): string | undefined {
  return error instanceof WebAPIPlatformError ? error.data.error : undefined;
}

/** Maps a Web API failure onto the outbox's retry policy. */
export function classifySlackError(error: unknown, what: string): Error {
  if (error instanceof WebAPIRateLimitedError) {
    return new RetryAfter(Math.max(1, error.retryAfter) * 1000, `${what}: rate limited by Slack`);
  }
  const code = slackErrorCode(error);
  if (code && permanentErrors.has(code)) return new PermanentFailure(`${what}: ${code}`);
  if (code === 'ratelimited') return new RetryAfter(1000, `${what}: rate limited by Slack`);
  // No answer, or a 5xx: Slack may have performed the call all the same.
  if (error instanceof WebAPIHTTPError && error.statusCode >= 500)
    return new OutcomeUnknown(`${what}: Slack answered HTTP ${error.statusCode}`);
  if (error instanceof WebAPIHTTPError) return new Error(`${what}: Slack answered HTTP ${error.statusCode}`);
  if (error instanceof WebAPIRequestError)
    return new OutcomeUnknown(`${what}: no answer from Slack (${error.original.message})`);
  return new Error(`${what}: ${code ?? (error instanceof Error ? error.message : String(error))}`);
}
