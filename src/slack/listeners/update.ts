import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DomainError, InvalidInput } from '../../incidents/errors';
import { incidentRef } from '../../incidents/model';
import { postUpdate } from '../../incidents/post-update';
import type { Stage } from '../../incidents/vocabulary';
import { toBlockErrors } from '../forms/declare-form';
import { parseUpdateForm } from '../forms/update-form';
import { modalErrors } from '../forms/view-state';
import { Field, RESOLVE_OPEN_ACTION, UPDATE_CALLBACK, UPDATE_OPEN_ACTION } from '../ids';
import { rememberPeople } from '../people';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { updateIncidentModal } from '../views/update-modal';

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
        const text = userMessage(error, ctx.log, { action: actionId });
        // A click in the App Home comes without a response_url: answer in the app's DM instead.
        if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
        else await client.chat.postMessage({ channel: body.user.id, text });
      }
    });
  }

  app.view(UPDATE_CALLBACK, async ({ ack, body, view, client }) => {
    const form = parseUpdateForm(view.state.values);
    if (!form.ok) {
      await ack(modalErrors(form.errors));
      return;
    }
    try {
      await postUpdate(
        {
          incidents: ctx.incidents,
          catalog: ctx.catalog,
          clock: ctx.clock,
          timeZone: ctx.config.displayTimeZone,
          settings: {
            announceChannelIds: ctx.config.announceChannelIds,
            createIncidentChannels: ctx.config.createIncidentChannels,
          },
        },
        {
          ...form.value,
          incidentId: view.private_metadata,
          authorId: body.user.id,
          sourceKey: `update:${view.id}`,
        },
      );
    } catch (error) {
      const errors =
        error instanceof InvalidInput
          ? toBlockErrors(error.fields, Field.message)
          : { [Field.message]: userMessage(error, ctx.log, { view: UPDATE_CALLBACK }) };
      await ack(modalErrors(errors));
      return;
    }
    await ack();
    void rememberPeople(ctx, client, [body.user.id]);
  });
}
