import type { IncidentRecord } from '../../incidents/model';
import type { Job } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { rootMessage } from '../views/incident-messages';
import { messageContext } from './message-context';
import { postOnce } from './post-once';
import { slackCall } from './slack-call';

/**
 * Stakeholder channels hold one root message per incident, always rendered from the current state (so
 * whatever order retries land in, the last edit shows the latest state); updates are threaded under it.
 */
export async function showRoot(
  ctx: OutboxSlackContext,
  job: Job,
  record: IncidentRecord,
  channel: string,
): Promise<void> {
  const existing = await ctx.announcements.find(record.id, channel);
  if (existing?.rootTs) await editRoot(ctx, record, channel, existing.rootTs);
  else await postRoot(ctx, job, record, channel);
}

/** The root message's ts, posting the root first if there is none yet. */
export async function rootTs(
  ctx: OutboxSlackContext,
  job: Job,
  record: IncidentRecord,
  channel: string,
): Promise<string> {
  const existing = await ctx.announcements.find(record.id, channel);
  return existing?.rootTs ?? (await postRoot(ctx, job, record, channel));
}

async function postRoot(
  ctx: OutboxSlackContext,
  job: Job,
  record: IncidentRecord,
  channel: string,
): Promise<string> {
  const message = rootMessage(record, messageContext(ctx));
  const ts = await postOnce(ctx, job, { channel, step: 'root' }, (metadata) =>
    slackCall(ctx, 'post the announcement', channel, () =>
      ctx.client.chat.postMessage({ channel, ...message, metadata, unfurl_links: false }),
    ),
  );
  await ctx.announcements.saveRoot(record.id, channel, ts);
  return ts;
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
