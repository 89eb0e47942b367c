import { formatDisplayTime } from '../../incidents/time';
import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

/** Tells one manager, in a DM, that a webhook subscriber failing for 24 hours was disabled (SPEC §13). */
export const subscriberDisabledNotice = (
  ctx: OutboxSlackContext,
): EffectHandler<'subscriber.disabled_notice'> => ({
  does: 'tell a manager that a webhook subscriber was disabled',
  async perform(effect, job) {
    const since = formatDisplayTime(new Date(effect.failingSince), ctx.config.displayTimeZone);
    const text = `:warning: The webhook subscriber ${effect.url} has failed every delivery since ${since} and is now disabled: it gets nothing more. Last error: ${effect.lastError}. Remove it and add it again with \`/incident subscribers\` once it works.`;
    await postOnce(ctx, job, { channel: effect.userId, step: 'notice' }, (metadata) =>
      slackCall(ctx, 'tell a manager of a disabled webhook', undefined, () =>
        ctx.client.chat.postMessage({ channel: effect.userId, text, metadata }),
      ),
    );
  },
});
