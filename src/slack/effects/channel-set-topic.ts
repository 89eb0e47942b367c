import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { loadIncident, setTopic } from './incident-channel';

/** The incident channel's topic: the summary sentence of the current state. */
export const channelSetTopic = (ctx: OutboxSlackContext): EffectHandler<'channel.set_topic'> => ({
  does: 'set the incident channel topic',
  async perform(effect) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (record?.channelId) await setTopic(ctx, record, record.channelId);
  },
});
