import { incidentRef } from '../../incidents/model';
import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { loadIncident } from './incident-channel';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

/** Nudges the lead of a quiet incident, in its channel (or a DM when it has none). */
export const leadReminder = (ctx: OutboxSlackContext): EffectHandler<'lead.reminder'> => ({
  does: 'remind the lead',
  async perform(effect, job) {
    const record = await loadIncident(ctx, effect.incidentId);
    // Resolved or updated since the reminder was queued: nothing to nudge about.
    if (!record || record.resolvedAt) return;
    const text = `:alarm_clock: <@${record.lead.id}> ${incidentRef(record)} has had no update for ${effect.minutes} minutes: post one with \`/incident update\`.`;
    const channel = record.channelId ?? record.lead.id;
    await postOnce(ctx, job, { channel, step: 'reminder' }, (metadata) =>
      slackCall(ctx, 'remind the lead', record.channelId ?? undefined, () =>
        ctx.client.chat.postMessage({ channel, text, metadata, unfurl_links: false }),
      ),
    );
  },
});
