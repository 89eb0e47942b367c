import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { maintenanceReminderMessage } from '../views/maintenance-messages';
import { maintenanceRootTs } from './maintenance-announcement';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

/** The reminder an hour before the start, threaded under the root message. */
export const maintenanceReminder = (ctx: OutboxSlackContext): EffectHandler<'maintenance.reminder'> => ({
  does: 'remind the channel of the maintenance',
  async perform(effect) {
    const record = await ctx.maintenances.loadRecord(effect.maintenanceId);
    // Started, cancelled or moved by hand since the reminder was queued: nothing to remind of.
    if (record?.stage !== 'scheduled') return;
    const channel = effect.channelId;
    const threadTs = await maintenanceRootTs(ctx, record, channel);
    const message = maintenanceReminderMessage(record, messageContext(ctx));
    await slackCall(ctx, 'remind the channel of the maintenance', channel, () =>
      ctx.client.chat.postMessage({ channel, thread_ts: threadTs, ...message, unfurl_links: false }),
    );
  },
});
