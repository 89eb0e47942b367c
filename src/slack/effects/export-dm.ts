import { renderExport } from '../../export/render-export';
import { incidentRef } from '../../incidents/model';
import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

/** Sends an incident's timeline to the requester's DM as a file (files.uploadV2). */
export const exportDm = (ctx: OutboxSlackContext): EffectHandler<'export.dm'> => ({
  does: 'send an export',
  async perform(effect) {
    const record = await ctx.incidents.loadRecord(effect.incidentId);
    if (!record) return;
    const m = messageContext(ctx);
    const file = renderExport(record, effect.format, {
      orgName: m.orgName,
      timeZone: m.timeZone,
      now: m.now,
    });
    const dm = await slackCall(ctx, 'open a DM', undefined, () =>
      ctx.client.conversations.open({ users: effect.userId }),
    );
    const channel = dm.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await slackCall(ctx, 'upload the export', channel, () =>
      ctx.client.files.uploadV2({
        channel_id: channel,
        filename: file.fileName,
        title: file.fileName,
        content: file.content,
        initial_comment: `Timeline of ${incidentRef(record)} (${effect.format}).`,
      }),
    );
  },
});
