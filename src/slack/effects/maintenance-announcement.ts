import type { MaintenanceRecord } from '../../maintenance/model';
import type { OutboxSlackContext } from '../slack-context';
import { maintenanceRootMessage } from '../views/maintenance-messages';
import { messageContext } from './message-context';
import { slackCall } from './slack-call';

/**
 * A maintenance's root message in one stakeholder channel, always rendered from the current state, as
 * incidents' are; its updates and the reminder are threaded under it.
 */
export async function showMaintenanceRoot(
  ctx: OutboxSlackContext,
  record: MaintenanceRecord,
  channel: string,
): Promise<void> {
  const ts = await ctx.maintenanceAnnouncements.rootTs(record.id, channel);
  if (!ts) {
    await postRoot(ctx, record, channel);
    return;
  }
  const message = maintenanceRootMessage(record, messageContext(ctx));
  await slackCall(ctx, 'update the maintenance announcement', channel, () =>
    ctx.client.chat.update({ channel, ts, ...message }),
  );
}

/** The root message's ts, posting the root first if there is none yet. */
export async function maintenanceRootTs(
  ctx: OutboxSlackContext,
  record: MaintenanceRecord,
  channel: string,
): Promise<string> {
  return (
    (await ctx.maintenanceAnnouncements.rootTs(record.id, channel)) ?? (await postRoot(ctx, record, channel))
  );
}

async function postRoot(
  ctx: OutboxSlackContext,
  record: MaintenanceRecord,
  channel: string,
): Promise<string> {
  const message = maintenanceRootMessage(record, messageContext(ctx));
  const result = await slackCall(ctx, 'announce the maintenance', channel, () =>
    ctx.client.chat.postMessage({ channel, ...message, unfurl_links: false }),
  );
  if (!result.ts) throw new Error('chat.postMessage returned no ts');
  await ctx.maintenanceAnnouncements.saveRoot(record.id, channel, result.ts);
  return result.ts;
}
