import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { updateMessage } from '../views/incident-messages';
import { removedUpdateMessage } from '../views/update-menu';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

/**
 * A corrected update's message edited in place (same ts, SPEC §11): re-rendered from the record as it is
 * now, so a retry or a later correction shows the latest; a deleted update's message says it was removed.
 * A message never posted (the channel came later) has nothing to edit.
 */
export const updateCorrect = (ctx: OutboxSlackContext): EffectHandler<'update.correct'> => ({
  does: 'edit the corrected update in place',
  async perform(effect) {
    const record = await ctx.incidents.loadRecord(effect.incidentId);
    const channel = effect.channelId ?? record?.channelId;
    if (!record || !channel) return;
    const ts = await ctx.corrections.messageTs(effect.updateId, channel);
    if (!ts) return;
    const update = record.updates.find((u) => u.id === effect.updateId);
    const message = update
      ? updateMessage(record, update, messageContext(ctx), { buttons: effect.channelId === null })
      : removedUpdateMessage();
    await slackCall(ctx, 'edit the corrected update', channel, () =>
      ctx.client.chat.update({ channel, ts, ...message }),
    );
  },
});
