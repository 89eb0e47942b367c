import type { SideEffect } from '../../incidents/ports';
import { channelQueue } from '../../incidents/queues';
import type { EffectHandler } from '../../outbox/outbox-worker';
import type { ClaimedJob, OutboxStore } from '../../persistence/outbox-store';
import type { OutboxSlackContext } from '../slack-context';
import { handleAnnounceEffect } from './announce-effects';
import { handleChannelEffect } from './channel-effects';
import { handleExportEffect } from './export-effects';
import { handleNoteEffect } from './note-effects';

type Kind = SideEffect['kind'];
type HandlerMap = {
  [K in Kind]: (effect: Extract<SideEffect, { kind: K }>, ctx: OutboxSlackContext) => Promise<void>;
};

/** Performs one outbox effect against Slack. */
export function createEffectHandler(ctx: OutboxSlackContext): EffectHandler {
  const handlers: HandlerMap = {
    'channel.create': handleChannelEffect,
    'channel.post_update': handleChannelEffect,
    'channel.post_text': handleChannelEffect,
    'channel.set_topic': handleChannelEffect,
    'channel.invite': handleChannelEffect,
    'declarer.confirm': handleChannelEffect,
    'lead.reminder': handleChannelEffect,
    'lead.announce': handleChannelEffect,
    'channel.archive': handleChannelEffect,
    'note.capture': handleNoteEffect,
    'announce.root': handleAnnounceEffect,
    'announce.reply': handleAnnounceEffect,
    'announce.refresh': handleAnnounceEffect,
    'export.dm': handleExportEffect,
  };
  return (effect) =>
    (handlers[effect.kind] as (e: SideEffect, c: OutboxSlackContext) => Promise<void>)(effect, ctx);
}

const describe: Record<Kind, string> = {
  'channel.create': 'create the incident channel',
  'channel.post_update': 'post an update in the incident channel',
  'channel.post_text': 'post in the incident channel',
  'channel.set_topic': 'set the incident channel topic',
  'channel.invite': 'invite people to the incident channel',
  'declarer.confirm': 'confirm the declaration to its declarer',
  'lead.reminder': 'remind the lead',
  'lead.announce': 'announce the new lead',
  'channel.archive': 'archive the incident channel',
  'note.capture': 'add a timeline note',
  'announce.root': 'announce the incident',
  'announce.reply': 'thread an update under the announcement',
  'announce.refresh': 'refresh the announcement',
  'export.dm': 'send an export',
};

/** A job failed for good: say so once in the incident channel (unless that channel is what failed). */
export async function reportFailure(store: OutboxStore, job: ClaimedJob, reason: string): Promise<void> {
  const effect = job.effect;
  if (!job.incidentId || job.queue === channelQueue(job.incidentId)) return;
  if (await store.hasEarlierFailure(job)) return;
  const where = 'channelId' in effect && effect.channelId ? ` in <#${effect.channelId}>` : '';
  const text = `:warning: Sitrep could not ${describe[effect.kind]}${where}: ${reason}. It will not be retried; the incident itself is saved.`;
  await store.enqueue(job.incidentId, [
    {
      queue: channelQueue(job.incidentId),
      effect: { kind: 'channel.post_text', incidentId: job.incidentId, text },
    },
  ]);
}
