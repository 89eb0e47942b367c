import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { loadIncident } from './incident-channel';
import { classifySlackError, slackErrorCode } from './slack-errors';

/** The channel of an incident resolved long ago. */
export const channelArchive = (ctx: OutboxSlackContext): EffectHandler<'channel.archive'> => ({
  does: 'archive the incident channel',
  async perform(effect) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (!record?.channelId || !record.resolvedAt) return;
    try {
      await ctx.client.conversations.archive({ channel: record.channelId });
    } catch (error) {
      if (slackErrorCode(error) === 'already_archived') return;
      throw classifySlackError(error, 'archive the incident channel');
    }
  },
});
