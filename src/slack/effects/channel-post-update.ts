import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { updateMessage } from '../views/incident-messages';
import { loadIncident } from './incident-channel';
import { messageContext } from './message-context';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

/** An update in the incident channel, with its action buttons. */
export const channelPostUpdate = (ctx: OutboxSlackContext): EffectHandler<'channel.post_update'> => ({
  does: 'post an update in the incident channel',
  async perform(effect, job) {
    const record = await loadIncident(ctx, effect.incidentId);
    const update = record?.updates.find((u) => u.id === effect.updateId);
    if (!record?.channelId || !update) return;
    const channel = record.channelId;
    const message = updateMessage(record, update, messageContext(ctx), { buttons: true });
    const ts = await postOnce(ctx, job, { channel, step: 'update' }, (metadata) =>
      slackCall(ctx, 'post the update in the incident channel', channel, () =>
        ctx.client.chat.postMessage({ channel, ...message, metadata, unfurl_links: false }),
      ),
    );
    // Kept so a correction edits this very message (SPEC §11).
    await ctx.corrections.saveMessageTs(update.id, channel, ts);
  },
});
