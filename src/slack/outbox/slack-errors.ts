import { PermanentFailure, RetryAfter } from '../../outbox/job-errors';

interface WebApiError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

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
  const e = error as WebApiError;
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
}

/** Maps a Web API failure onto the outbox's retry policy. */
export function classifySlackError(error: unknown, what: string): Error {
  const e = error as WebApiError;
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return new RetryAfter(Math.max(1, e.retryAfter ?? 1) * 1000, `${what}: rate limited by Slack`);
  }
  const code = slackErrorCode(error);
  if (code && permanentErrors.has(code)) return new PermanentFailure(`${what}: ${code}`);
  if (code === 'ratelimited') return new RetryAfter(1000, `${what}: rate limited by Slack`);
  if (e?.code === 'slack_webapi_http_error')
    return new Error(`${what}: Slack answered HTTP ${e.statusCode ?? '?'}`);
  return new Error(`${what}: ${code ?? e?.message ?? String(error)}`);
}
