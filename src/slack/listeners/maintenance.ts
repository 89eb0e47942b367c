import type { App, BlockButtonAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../incidents/errors';
import type { MaintenanceStage } from '../../maintenance/vocabulary';
import { maintenanceUpdateForm, scheduleForm } from '../forms/maintenance-form';
import {
  Field,
  MAINTENANCE_CANCEL_ACTION,
  MAINTENANCE_COMPLETE_ACTION,
  MAINTENANCE_SCHEDULE_CALLBACK,
  MAINTENANCE_START_NOW_ACTION,
  MAINTENANCE_UPDATE_CALLBACK,
  MAINTENANCE_UPDATE_OPEN_ACTION,
} from '../ids';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { maintenanceUpdateModal, scheduleMaintenanceModal } from '../views/maintenance-modals';
import { submitView } from './submit-view';

/** Opens `maintenance_schedule` at once: the trigger id dies after 3 seconds, so nothing slow comes first. */
export async function openScheduleModal(
  ctx: SlackContext,
  client: WebClient,
  args: { triggerId: string; channelId: string | null },
): Promise<void> {
  await client.views.open({
    trigger_id: args.triggerId,
    view: scheduleMaintenanceModal({
      catalog: ctx.components(),
      visibility: 'public',
      privateMetadata: JSON.stringify({ channelId: args.channelId }),
    }),
  });
}

/** The buttons that move a maintenance without a form (SPEC §12), and the stages each acts from. */
const moves: [actionId: string, to: MaintenanceStage, from: MaintenanceStage[]][] = [
  [MAINTENANCE_START_NOW_ACTION, 'in_progress', ['scheduled']],
  [MAINTENANCE_CANCEL_ACTION, 'cancelled', ['scheduled']],
  [MAINTENANCE_COMPLETE_ACTION, 'completed', ['in_progress', 'verifying']],
];

export function registerMaintenance(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(MAINTENANCE_SCHEDULE_CALLBACK, async ({ ack, body, view }) => {
    await submitView(ctx, ack, {
      callbackId: MAINTENANCE_SCHEDULE_CALLBACK,
      form: scheduleForm,
      values: view.state.values,
      fallback: Field.title,
      run: (value) =>
        ctx.maintenance.schedule({
          ...value,
          teamId: body.team?.id ?? body.user.team_id ?? 'unknown',
          scheduledById: body.user.id,
          sourceKey: `maintenance:${view.id}`,
        }),
    });
  });

  app.view<ViewSubmitAction>(MAINTENANCE_UPDATE_CALLBACK, async ({ ack, body, view }) => {
    await submitView(ctx, ack, {
      callbackId: MAINTENANCE_UPDATE_CALLBACK,
      form: maintenanceUpdateForm,
      values: view.state.values,
      fallback: Field.message,
      run: (value) =>
        ctx.maintenance.postUpdate({
          ...value,
          maintenanceId: view.private_metadata,
          authorId: body.user.id,
          sourceKey: `maintenance-update:${view.id}`,
        }),
    });
  });

  app.action<BlockButtonAction>(
    MAINTENANCE_UPDATE_OPEN_ACTION,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      await answering(ctx, { body, client, respond, actionId: MAINTENANCE_UPDATE_OPEN_ACTION }, async () => {
        const record = await ctx.maintenances.loadRecord(action.value ?? '');
        if (!record) throw new DomainError('NotAllowed', 'That maintenance no longer exists.');
        if (record.stage === 'completed' || record.stage === 'cancelled')
          return `MNT-${record.number} is already ${record.stage}: there is nothing more to post.`;
        await client.views.open({ trigger_id: body.trigger_id, view: maintenanceUpdateModal(record) });
        return null;
      });
    },
  );

  for (const [actionId, stage, from] of moves) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      await answering(ctx, { body, client, respond, actionId }, async () => {
        await ctx.maintenance.postUpdate({
          maintenanceId: action.value ?? '',
          stage,
          message: null,
          authorId: body.user.id,
          sourceKey: null,
          from,
        });
        return null;
      });
    });
  }
}

/**
 * Runs a button's work; a refusal or failure (and any text it returns) reaches the clicker ephemerally,
 * or by DM where the click came without a response_url (the App Home).
 */
async function answering(
  ctx: SlackContext,
  args: { body: BlockButtonAction; client: WebClient; respond: RespondFn; actionId: string },
  work: () => Promise<string | null>,
): Promise<void> {
  let text: string | null;
  try {
    text = await work();
  } catch (error) {
    text = userMessage(ctx, error, { action: args.actionId });
  }
  if (text === null) return;
  if (args.body.response_url)
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  else await args.client.chat.postMessage({ channel: args.body.user.id, text });
}
