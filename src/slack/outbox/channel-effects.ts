import { type IncidentRecord, incidentRef } from '../../incidents/model';
import { incidentChannelName, withNameSuffix } from '../../incidents/naming';
import type { SideEffect } from '../../incidents/ports';
import { announceQueue } from '../../incidents/queues';
import { summarySentence } from '../../incidents/summary';
import { PermanentFailure } from '../../outbox/job-errors';
import type { OutboxSlackContext } from '../slack-context';
import { declaredConfirmation, updateMessage } from '../views/incident-messages';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';
import { classifySlackError, slackErrorCode } from './slack-errors';

type ChannelEffect = Extract<
  SideEffect,
  {
    kind:
      | 'channel.create'
      | 'channel.post_update'
      | 'channel.post_text'
      | 'channel.set_topic'
      | 'channel.invite'
      | 'declarer.confirm'
      | 'lead.reminder'
      | 'channel.archive'
      | 'lead.announce';
  }
>;

const MAX_NAME_ATTEMPTS = 20;
const MAX_TOPIC_LENGTH = 250;

async function load(ctx: OutboxSlackContext, incidentId: string): Promise<IncidentRecord | null> {
  const record = await ctx.incidents.loadRecord(incidentId);
  if (!record) ctx.log.warn('outbox: incident no longer exists', { incidentId });
  return record;
}

export async function handleChannelEffect(effect: ChannelEffect, ctx: OutboxSlackContext): Promise<void> {
  const record = await load(ctx, effect.incidentId);
  if (!record) return;
  switch (effect.kind) {
    case 'channel.create': {
      const channelId = record.channelId ?? (await createChannel(ctx, record));
      if (!record.channelId) {
        // Root messages posted before the channel existed gain their link to it.
        const channels = ctx.service.announceChannels(record.components.map((c) => c.component));
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
      return;
    }
    case 'channel.set_topic':
      if (record.channelId) await setTopic(ctx, record, record.channelId);
      return;
    case 'channel.invite':
      if (record.channelId) await invite(ctx, record.channelId, effect.userIds);
      return;
    case 'channel.post_update': {
      const update = record.updates.find((u) => u.id === effect.updateId);
      if (!record.channelId || !update) return;
      const channel = record.channelId;
      const message = updateMessage(record, update, messageContext(ctx), { buttons: true });
      await slackCall(ctx, 'post the update in the incident channel', channel, () =>
        ctx.client.chat.postMessage({ channel, ...message, unfurl_links: false }),
      );
      return;
    }
    case 'channel.post_text': {
      if (!record.channelId) return;
      const channel = record.channelId;
      await slackCall(ctx, 'post in the incident channel', channel, () =>
        ctx.client.chat.postMessage({ channel, text: effect.text, unfurl_links: false }),
      );
      return;
    }
    case 'lead.reminder': {
      // Resolved or updated since the reminder was queued: nothing to nudge about.
      if (record.resolvedAt) return;
      const text = `:alarm_clock: <@${record.lead.id}> ${incidentRef(record)} has had no update for ${effect.minutes} minutes: post one with \`/incident update\`.`;
      const channel = record.channelId ?? record.lead.id;
      await slackCall(ctx, 'remind the lead', record.channelId ?? undefined, () =>
        ctx.client.chat.postMessage({ channel, text, unfurl_links: false }),
      );
      return;
    }
    case 'channel.archive': {
      if (!record.channelId || !record.resolvedAt) return;
      const channel = record.channelId;
      try {
        await ctx.client.conversations.archive({ channel });
      } catch (error) {
        if (slackErrorCode(error) === 'already_archived') return;
        throw classifySlackError(error, 'archive the incident channel');
      }
      return;
    }
    case 'lead.announce': {
      if (!record.channelId) return;
      const channel = record.channelId;
      const text = `:handshake: <@${effect.leadId}> now leads ${incidentRef(record)} (handed over by <@${effect.byUserId}>).`;
      await slackCall(ctx, 'announce the new lead', channel, () =>
        ctx.client.chat.postMessage({ channel, text }),
      );
      return;
    }
    case 'declarer.confirm': {
      const message = declaredConfirmation(record, messageContext(ctx));
      const channel = effect.channelId ?? record.channelId;
      if (channel) {
        try {
          await ctx.client.chat.postEphemeral({ channel, user: effect.userId, ...message });
          return;
        } catch (error) {
          const code = slackErrorCode(error);
          // Where the bot cannot speak (a DM between people, a channel it is not in), tell them in a DM.
          if (
            !code ||
            !['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived'].includes(code)
          ) {
            throw classifySlackError(error, 'confirm the declaration');
          }
        }
      }
      await slackCall(ctx, 'confirm the declaration in a DM', undefined, () =>
        ctx.client.chat.postMessage({ channel: effect.userId, ...message }),
      );
      return;
    }
  }
}

async function createChannel(ctx: OutboxSlackContext, record: IncidentRecord): Promise<string> {
  const base = incidentChannelName(ctx.config.incidentChannelPrefix, record.number, record.title);
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const name = attempt === 1 ? base : withNameSuffix(base, attempt);
    try {
      const result = await ctx.client.conversations.create({ name, is_private: false });
      const channel = result.channel;
      if (!channel?.id) throw new Error('conversations.create returned no channel');
      await ctx.incidents.setChannel(record.id, channel.id, channel.name ?? name);
      return channel.id;
    } catch (error) {
      if (slackErrorCode(error) === 'name_taken') continue;
      throw classifySlackError(error, `create the channel #${name}`);
    }
  }
  throw new PermanentFailure(`every name from #${base} on is taken`);
}

async function setTopic(ctx: OutboxSlackContext, record: IncidentRecord, channel: string): Promise<void> {
  const m = messageContext(ctx);
  const summary = summarySentence({ orgName: m.orgName, incident: record, now: m.now, timeZone: m.timeZone });
  const topic = summary.length > MAX_TOPIC_LENGTH ? `${summary.slice(0, MAX_TOPIC_LENGTH - 1)}…` : summary;
  await slackCall(ctx, 'set the channel topic', channel, () =>
    ctx.client.conversations.setTopic({ channel, topic }),
  );
}

async function invite(ctx: OutboxSlackContext, channel: string, userIds: string[]): Promise<void> {
  const bot = await ctx.botUserId();
  const users = [...new Set(userIds)].filter((id) => id !== bot);
  if (users.length === 0) return;
  try {
    await slackCall(ctx, 'invite people to the channel', channel, () =>
      ctx.client.conversations.invite({ channel, users: users.join(',') }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // Everyone being in already is the goal reached.
    if (/already_in_channel|cant_invite_self/.test(message)) return;
    throw error;
  }
}
