import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { maintenanceUpdateMessage } from '../views/maintenance-messages';
import { maintenanceRootTs } from './maintenance-announcement';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

/** One maintenance update threaded under the root message of a stakeholder channel. */
export const maintenanceReply = (ctx: OutboxSlackContext): EffectHandler<'maintenance.reply'> => ({
  does: 'thread the maintenance update',
  async perform(effect) {
    const record = await ctx.maintenances.loadRecord(effect.maintenanceId);
    const update = record?.updates.find((u) => u.id === effect.updateId);
    if (!record || !update) return;
    const channel = effect.channelId;
    const threadTs = await maintenanceRootTs(ctx, record, channel);
    const message = maintenanceUpdateMessage(record, update, messageContext(ctx));
    await slackCall(ctx, 'thread the maintenance update', channel, () =>
      ctx.client.chat.postMessage({
        channel,
        thread_ts: threadTs,
        ...message,
        reply_broadcast: update.stage === 'completed' || update.stage === 'cancelled',
        unfurl_links: false,
      }),
    );
  },
});
