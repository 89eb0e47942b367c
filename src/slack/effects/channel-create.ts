import type { IncidentRecord } from '../../incidents/model';
import { incidentChannelName, withNameSuffix } from '../../incidents/naming';
import { PermanentFailure } from '../../outbox/job-errors';
import type { EffectHandler, Job } from '../../outbox/outbox-worker';
import { announceQueue } from '../../outbox/queues';
import type { OutboxSlackContext } from '../slack-context';
import { invite, loadIncident, setTopic } from './incident-channel';
import { slackCall } from './slack-call';
import { classifySlackError, slackErrorCode } from './slack-errors';

const MAX_NAME_ATTEMPTS = 20;

/** The incident channel: created under the first free name, its topic set, declarer and lead invited. */
export const channelCreate = (ctx: OutboxSlackContext): EffectHandler<'channel.create'> => ({
  does: 'create the incident channel',
  async perform(effect, job) {
    const record = await loadIncident(ctx, effect.incidentId);
    if (!record) return;
    const channelId = record.channelId ?? (await createChannel(ctx, job, record));
    if (!record.channelId) {
      // Root messages posted before the channel existed gain their link to it.
      const channels = ctx.service.announceChannels(
        record.components.map((c) => c.component),
        record.visibility,
      );
      await ctx.outbox.enqueue(
        record.id,
        channels.map((channel) => ({
          queue: announceQueue(record.id, channel),
          effect: { kind: 'announce.refresh' as const, incidentId: record.id, channelId: channel },
        })),
      );
    }
    await setTopic(ctx, record, channelId);
    await invite(ctx, channelId, [record.declaredBy.id, record.lead.id]);
  },
});

async function createChannel(ctx: OutboxSlackContext, job: Job, record: IncidentRecord): Promise<string> {
  const base = incidentChannelName(ctx.config.incidentChannelPrefix, record.number, record.title);
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const name = attempt === 1 ? base : withNameSuffix(base, attempt);
    try {
      const result = await ctx.client.conversations.create({
        name,
        is_private: record.visibility === 'private',
      });
      const channel = result.channel;
      if (!channel?.id) throw new Error('conversations.create returned no channel');
      await ctx.incidents.setChannel(record.id, channel.id, channel.name ?? name);
      return channel.id;
    } catch (error) {
      if (slackErrorCode(error) !== 'name_taken')
        throw classifySlackError(error, `create the channel #${name}`);
      // An earlier try may have created it and lost the answer: a channel of that name by Sitrep is this one.
      const ours = job.attempts > 1 ? await findOwnChannel(ctx, name) : undefined;
      if (ours) {
        ctx.log.info('outbox: an earlier try had created the channel; adopted it', { channel: ours, name });
        await ctx.incidents.setChannel(record.id, ours, name);
        return ours;
      }
    }
  }
  throw new PermanentFailure(`every name from #${base} on is taken`);
}

async function findOwnChannel(ctx: OutboxSlackContext, name: string): Promise<string | undefined> {
  const bot = await ctx.botUserId();
  let cursor: string | undefined;
  do {
    const page = await slackCall(ctx, 'look for a channel an earlier try created', undefined, () =>
      ctx.client.conversations.list({ types: 'public_channel', exclude_archived: true, limit: 1000, cursor }),
    );
    const found = page.channels?.find((c) => c.name === name && c.creator === bot);
    if (found?.id) return found.id;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
