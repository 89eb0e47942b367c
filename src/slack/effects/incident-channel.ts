import type { IncidentRecord } from '../../incidents/model';
import { summarySentence } from '../../incidents/summary';
import type { OutboxSlackContext } from '../slack-context';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

const MAX_TOPIC_LENGTH = 250;

/** The incident an effect concerns, or null (logged) when it no longer exists. */
export async function loadIncident(
  ctx: OutboxSlackContext,
  incidentId: string,
): Promise<IncidentRecord | null> {
  const record = await ctx.incidents.loadRecord(incidentId);
  if (!record) ctx.log.warn('outbox: incident no longer exists', { incidentId });
  return record;
}

export async function setTopic(
  ctx: OutboxSlackContext,
  record: IncidentRecord,
  channel: string,
): Promise<void> {
  const m = messageContext(ctx);
  const summary = summarySentence({ orgName: m.orgName, incident: record, now: m.now, timeZone: m.timeZone });
  const topic = summary.length > MAX_TOPIC_LENGTH ? `${summary.slice(0, MAX_TOPIC_LENGTH - 1)}…` : summary;
  await slackCall(ctx, 'set the channel topic', channel, () =>
    ctx.client.conversations.setTopic({ channel, topic }),
  );
}

export async function invite(ctx: OutboxSlackContext, channel: string, userIds: string[]): Promise<void> {
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
