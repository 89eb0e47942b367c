import type { App, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../incidents/errors';
import { incidentRef } from '../../incidents/model';
import type { Stage } from '../../incidents/vocabulary';
import { updateForm } from '../forms/update-form';
import { Field, RESOLVE_OPEN_ACTION, UPDATE_CALLBACK, UPDATE_OPEN_ACTION } from '../ids';
import { rememberPeople } from '../people';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { updateIncidentModal } from '../views/update-modal';
import { submitView } from './submit-view';

/** Opens the update modal prefilled with the incident's current values. */
export async function openUpdateModal(
  ctx: SlackContext,
  client: WebClient,
  args: { triggerId: string; incidentId: string; stage?: Stage },
): Promise<void> {
  const record = await ctx.incidents.loadRecord(args.incidentId);
  if (!record) throw new DomainError('IncidentNotFound', 'That incident no longer exists.');
  if (args.stage === 'resolved' && record.resolvedAt) {
    throw new DomainError(
      'IncidentClosed',
      `${incidentRef(record)} is already resolved. Use \`/incident update ${incidentRef(record)}\` to add a postmortem or re-open it.`,
    );
  }
  await client.views.open({
    trigger_id: args.triggerId,
    view: updateIncidentModal({ record, catalog: ctx.components(), stage: args.stage }),
  });
}

export function registerUpdate(app: App, ctx: SlackContext): void {
  for (const [actionId, stage] of [
    [UPDATE_OPEN_ACTION, undefined],
    [RESOLVE_OPEN_ACTION, 'resolved'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      try {
        await openUpdateModal(ctx, client, {
          triggerId: body.trigger_id,
          incidentId: action.value ?? '',
          stage,
        });
      } catch (error) {
        const text = userMessage(ctx, error, { action: actionId });
        // A click in the App Home comes without a response_url: answer in the app's DM instead.
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
        else await client.chat.postMessage({ channel: body.user.id, text });
      }
    });
  }

  app.view<ViewSubmitAction>(UPDATE_CALLBACK, async ({ ack, body, view, client }) => {
    const form = await submitView(ctx, ack, {
      callbackId: UPDATE_CALLBACK,
      form: updateForm,
      values: view.state?.values,
      fallback: Field.message,
      run: (value) =>
        ctx.service.postUpdate({
          ...value,
          incidentId: view.private_metadata,
          authorId: body.user.id,
          sourceKey: `update:${view.id}`,
        }),
    });
    if (form) void rememberPeople(ctx, client, [body.user.id]);
  });
}
