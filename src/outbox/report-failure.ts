import type { OutboxJobs } from './job-store';
import { type EffectHandlers, handlerOf, type Job } from './outbox-worker';
import { channelQueue } from './queues';

/** A job failed for good: say so once in the incident channel (unless that channel is what failed). */
export async function reportFailure(
  store: OutboxJobs,
  handlers: EffectHandlers,
  job: Job,
  reason: string,
): Promise<void> {
  const effect = job.effect;
  if (!job.incidentId || job.queue === channelQueue(job.incidentId)) return;
  if (await store.hasEarlierFailure(job)) return;
  const where = 'channelId' in effect && effect.channelId ? ` in <#${effect.channelId}>` : '';
  const does = handlerOf(handlers, effect.kind).does;
  const text = `:warning: Sitrep could not ${does}${where}: ${reason}. It will not be retried; the incident itself is saved.`;
  await store.enqueue(job.incidentId, [
    {
      queue: channelQueue(job.incidentId),
      effect: { kind: 'channel.post_text', incidentId: job.incidentId, text },
    },
  ]);
}
