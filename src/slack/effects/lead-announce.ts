import { incidentRef } from '../../incidents/model';
import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { loadIncident } from './incident-channel';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

export const leadAnnounce = (ctx: OutboxSlackContext): EffectHandler<'lead.announce'> => ({
  does: 'announce the new lead',
  async perform(effect, job) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (!record?.channelId) return;
    const channel = record.channelId;
    const text = `:handshake: <@${effect.leadId}> now leads ${incidentRef(record)} (handed over by <@${effect.byUserId}>).`;
    await postOnce(ctx, job, { channel, step: 'lead' }, (metadata) =>
      slackCall(ctx, 'announce the new lead', channel, () =>
        ctx.client.chat.postMessage({ channel, text, metadata }),
      ),
    );
  },
});
