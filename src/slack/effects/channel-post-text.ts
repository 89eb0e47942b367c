import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { loadIncident } from './incident-channel';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

export const channelPostText = (ctx: OutboxSlackContext): EffectHandler<'channel.post_text'> => ({
  does: 'post in the incident channel',
  async perform(effect, job) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (!record?.channelId) return;
    const channel = record.channelId;
    await postOnce(ctx, job, { channel, step: 'text' }, (metadata) =>
      slackCall(ctx, 'post in the incident channel', channel, () =>
        ctx.client.chat.postMessage({ channel, text: effect.text, metadata, unfurl_links: false }),
      ),
    );
  },
});
