import type { App, BlockOverflowAction, ViewSubmitAction } from '@slack/bolt';
import { incidentEditForm, updateEditForm } from '../forms/correction-form';
import {
  Field,
  INCIDENT_EDIT_CALLBACK,
  UPDATE_DELETE_CALLBACK,
  UPDATE_EDIT_CALLBACK,
  UPDATE_MENU_ACTION,
} from '../ids';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { refusedModal, updateDeleteModal, updateEditModal } from '../views/correction-modals';
import { parseMenuValue } from '../views/update-menu';
import { submitView } from './submit-view';

/** The overflow menu on update messages, and the `update_edit` / `update_delete` modals (SPEC §11). */
export function registerCorrections(app: App, ctx: SlackContext): void {
  app.action<BlockOverflowAction>(UPDATE_MENU_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const picked = parseMenuValue(action.selected_option?.value);
    try {
      if (!picked) throw new Error(`unreadable menu value: ${action.selected_option?.value ?? ''}`);
      // Permission and validity are checked at the click: a refusal opens nothing.
      const { record, update } = await ctx.service.startCorrection({ ...picked, userId: body.user.id });
      const view =
        picked.action === 'edit'
          ? updateEditModal(record, update)
          : updateDeleteModal(record, update, ctx.config.displayTimeZone);
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      const text = userMessage(ctx, error, { action: UPDATE_MENU_ACTION });
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  });

  app.view<ViewSubmitAction>(UPDATE_EDIT_CALLBACK, async ({ ack, body, view }) => {
    await submitView(ctx, ack, {
      callbackId: UPDATE_EDIT_CALLBACK,
      form: updateEditForm,
      values: view.state?.values,
      fallback: Field.message,
      run: (value) =>
        ctx.service.editUpdate({ ...value, updateId: view.private_metadata, editorId: body.user.id }),
    });
  });

  app.view<ViewSubmitAction>(UPDATE_DELETE_CALLBACK, async ({ ack, body, view }) => {
    try {
      await ctx.service.deleteUpdate({ updateId: view.private_metadata, editorId: body.user.id });
    } catch (error) {
      // The confirmation has no input to hang an error on: it turns into the reason.
      await ack({
        response_action: 'update',
        view: refusedModal(userMessage(ctx, error, { view: UPDATE_DELETE_CALLBACK })),
      });
      return;
    }
    await ack();
  });

  app.view<ViewSubmitAction>(INCIDENT_EDIT_CALLBACK, async ({ ack, body, view }) => {
    await submitView(ctx, ack, {
      callbackId: INCIDENT_EDIT_CALLBACK,
      form: incidentEditForm,
      values: view.state?.values,
      fallback: Field.title,
      run: (value) =>
        ctx.service.editIncident({ ...value, incidentId: view.private_metadata, editorId: body.user.id }),
    });
  });
}
