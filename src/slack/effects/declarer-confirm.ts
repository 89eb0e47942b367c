import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { declaredConfirmation } from '../views/incident-messages';
import { loadIncident } from './incident-channel';
import { messageContext } from './message-context';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';
import { classifySlackError, slackErrorCode } from './slack-errors';

/** Where the bot cannot speak (a DM between people, a channel it is not in), the declarer gets a DM. */
const cannotSpeakThere = ['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived'];

/** Tells the declarer, only them, that the incident is declared and where. */
export const declarerConfirm = (ctx: OutboxSlackContext): EffectHandler<'declarer.confirm'> => ({
  does: 'confirm the declaration to its declarer',
  async perform(effect, job) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (!record) return;
    const message = declaredConfirmation(record, messageContext(ctx), effect.recorded);
    const channel = effect.channelId ?? record.channelId;
    if (channel) {
      try {
        await ctx.client.chat.postEphemeral({ channel, user: effect.userId, ...message });
        return;
      } catch (error) {
        const code = slackErrorCode(error);
        if (!code || !cannotSpeakThere.includes(code))
          throw classifySlackError(error, 'confirm the declaration');
      }
    }
    await postOnce(ctx, job, { channel: effect.userId, step: 'confirm' }, (metadata) =>
      slackCall(ctx, 'confirm the declaration in a DM', undefined, () =>
        ctx.client.chat.postMessage({ channel: effect.userId, ...message, metadata }),
      ),
    );
  },
});
