import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { updateMessage } from '../views/incident-messages';
import { rootTs } from './announcement';
import { messageContext } from './message-context';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

/** One update threaded under the root message of a stakeholder channel. */
export const announceReply = (ctx: OutboxSlackContext): EffectHandler<'announce.reply'> => ({
  does: 'thread an update under the announcement',
  async perform(effect, job) {
    const record = await ctx.incidents.loadRecord(effect.incidentId);
    const update = record?.updates.find((u) => u.id === effect.updateId);
    if (!record || !update) return;
    const channel = effect.channelId;
    const threadTs = await rootTs(ctx, job, record, channel);
    const message = updateMessage(record, update, messageContext(ctx), { buttons: false });
    const ts = await postOnce(ctx, job, { channel, threadTs, step: 'reply' }, (metadata) =>
      slackCall(ctx, 'thread the update', channel, () =>
        ctx.client.chat.postMessage({
          channel,
          thread_ts: threadTs,
          ...message,
          metadata,
          // The resolving update is also broadcast to the channel (SPEC §5.3).
          reply_broadcast: update.stage === 'resolved',
          unfurl_links: false,
        }),
      ),
    );
    // Kept so a correction edits this very reply (SPEC §11).
    await ctx.corrections.saveMessageTs(update.id, channel, ts);
  },
});
