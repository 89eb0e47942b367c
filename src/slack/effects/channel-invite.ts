import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { invite, loadIncident } from './incident-channel';

export const channelInvite = (ctx: OutboxSlackContext): EffectHandler<'channel.invite'> => ({
  does: 'invite people to the incident channel',
  async perform(effect) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (record?.channelId) await invite(ctx, record.channelId, effect.userIds);
  },
});
