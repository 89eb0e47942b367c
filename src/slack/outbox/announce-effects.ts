import type { IncidentRecord } from '../../incidents/model';
import type { SideEffect } from '../../incidents/ports';
import type { OutboxSlackContext } from '../slack-context';
import { rootMessage, updateMessage } from '../views/incident-messages';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

type AnnounceEffect = Extract<SideEffect, { kind: 'announce.root' | 'announce.reply' | 'announce.refresh' }>;

/**
 * Stakeholder channels: one root message per incident, always rendered from the current state (so
 * whatever order retries land in, the last edit shows the latest state), updates threaded under it.
 */
export async function handleAnnounceEffect(effect: AnnounceEffect, ctx: OutboxSlackContext): Promise<void> {
  const record = await ctx.incidents.loadRecord(effect.incidentId);
  if (!record) return;
  const channel = effect.channelId;
  const existing = await ctx.announcements.find(record.id, channel);
  switch (effect.kind) {
    case 'announce.root':
    case 'announce.refresh':
      if (existing?.rootTs) await editRoot(ctx, record, channel, existing.rootTs);
      else await postRoot(ctx, record, channel);
      return;
    case 'announce.reply': {
      const update = record.updates.find((u) => u.id === effect.updateId);
      if (!update) return;
      const rootTs = existing?.rootTs ?? (await postRoot(ctx, record, channel));
      const message = updateMessage(record, update, messageContext(ctx), { buttons: false });
      await slackCall(ctx, 'thread the update', channel, () =>
        ctx.client.chat.postMessage({
          channel,
          thread_ts: rootTs,
          ...message,
          // The resolving update is also broadcast to the channel (SPEC §5.3).
          reply_broadcast: update.stage === 'resolved',
          unfurl_links: false,
        }),
      );
      return;
    }
  }
}

async function postRoot(ctx: OutboxSlackContext, record: IncidentRecord, channel: string): Promise<string> {
  const message = rootMessage(record, messageContext(ctx));
  const result = await slackCall(ctx, 'post the announcement', channel, () =>
    ctx.client.chat.postMessage({ channel, ...message, unfurl_links: false }),
  );
  if (!result.ts) throw new Error('chat.postMessage returned no ts');
  await ctx.announcements.saveRoot(record.id, channel, result.ts);
  return result.ts;
}

async function editRoot(
  ctx: OutboxSlackContext,
  record: IncidentRecord,
  channel: string,
  ts: string,
): Promise<void> {
  const message = rootMessage(record, messageContext(ctx));
  await slackCall(ctx, 'update the announcement', channel, () =>
    ctx.client.chat.update({ channel, ts, ...message }),
  );
}
