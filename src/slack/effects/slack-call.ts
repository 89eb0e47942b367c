import type { OutboxSlackContext } from '../slack-context';
import { classifySlackError, slackErrorCode } from './slack-errors';

/**
 * Runs one Web API call for the outbox. On `not_in_channel` the bot joins the channel and tries once
 * more (SPEC §8); every failure comes out classified for the worker's retry policy.
 */
export async function slackCall<T>(
  ctx: OutboxSlackContext,
  what: string,
  channel: string | undefined,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!channel || slackErrorCode(error) !== 'not_in_channel') throw classifySlackError(error, what);
  }
  try {
    await ctx.client.conversations.join({ channel });
  } catch (error) {
    throw classifySlackError(error, `${what} (joining the channel)`);
  }
  try {
    return await call();
  } catch (error) {
    throw classifySlackError(error, what);
  }
}
