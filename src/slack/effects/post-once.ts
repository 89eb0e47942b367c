import type { MessageMetadata } from '@slack/types';
import { z } from 'zod';
import type { Job } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { classifySlackError, slackErrorCode } from './slack-errors';

/** The `event_type` of the metadata on every message the outbox posts. */
export const OUTBOX_EVENT_TYPE = 'sitrep_outbox';

const postedMessage = z.object({
  ts: z.string(),
  metadata: z.object({
    event_type: z.literal(OUTBOX_EVENT_TYPE),
    event_payload: z.object({ job: z.string(), step: z.string() }),
  }),
});

/** Where a job's message goes, and which of the job's messages it is (a job may post a root and a reply). */
export interface PostTarget {
  channel: string;
  threadTs?: string;
  step: string;
}

/**
 * Posts one of a job's messages, once. The message carries metadata naming the job; a later try of the
 * same job (an earlier one may have been performed: a timeout, a reset, the database lost before the
 * outcome was recorded) first looks for that message in the channel and adopts it instead of posting again.
 */
export async function postOnce(
  ctx: OutboxSlackContext,
  job: Job,
  target: PostTarget,
  post: (metadata: MessageMetadata) => Promise<{ ts?: string }>,
): Promise<string> {
  if (job.attempts > 1) {
    const found = await findPosted(ctx, job, target);
    if (found) {
      ctx.log.info('outbox: an earlier try had posted this message; adopted it', {
        job: String(job.id),
        step: target.step,
        ts: found,
      });
      return found;
    }
  }
  const result = await post({
    event_type: OUTBOX_EVENT_TYPE,
    event_payload: { job: String(job.id), step: target.step },
  });
  if (!result.ts) throw new Error('chat.postMessage returned no ts');
  return result.ts;
}

async function findPosted(
  ctx: OutboxSlackContext,
  job: Job,
  target: PostTarget,
): Promise<string | undefined> {
  const { channel, threadTs } = target;
  let messages: unknown[] | undefined;
  try {
    const answer = threadTs
      ? await ctx.client.conversations.replies({
          channel,
          ts: threadTs,
          include_all_metadata: true,
          limit: 200,
        })
      : await ctx.client.conversations.history({ channel, include_all_metadata: true, limit: 100 });
    messages = answer.messages;
  } catch (error) {
    // Slack answered but will not show this history (a DM, a missing scope): posting is all that is left.
    if (slackErrorCode(error)) return undefined;
    throw classifySlackError(error, 'look for an earlier try of this message');
  }
  const id = String(job.id);
  for (const raw of messages ?? []) {
    const message = postedMessage.safeParse(raw);
    if (!message.success) continue;
    const payload = message.data.metadata.event_payload;
    if (payload.job === id && payload.step === target.step) return message.data.ts;
  }
  return undefined;
}
