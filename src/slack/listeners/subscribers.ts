import type { App, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { addWebhookForm } from '../forms/subscriber-form';
import { Field, SUBSCRIBER_REMOVE_ACTION, SUBSCRIBERS_CALLBACK } from '../ids';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { subscribersModal, subscribersNoticeModal } from '../views/subscribers-modal';
import { submitView } from './submit-view';

async function listingModal(ctx: SlackContext, userId: string, notice?: string): Promise<ModalView> {
  const listing = await ctx.webhooks.list(userId);
  return subscribersModal({
    ...listing,
    catalog: ctx.components(),
    timeZone: ctx.config.displayTimeZone,
    notice,
  });
}

/** Opens `subscribers_manage` for a manager; anyone else is refused (the caller answers ephemerally). */
export async function openSubscribersModal(
  ctx: SlackContext,
  client: WebClient,
  args: { triggerId: string; userId: string },
): Promise<void> {
  const view = await listingModal(ctx, args.userId);
  await client.views.open({ trigger_id: args.triggerId, view });
}

export function registerSubscribers(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(SUBSCRIBERS_CALLBACK, async ({ ack, body, view }) => {
    await submitView(ctx, ack, {
      callbackId: SUBSCRIBERS_CALLBACK,
      form: addWebhookForm,
      values: view.state.values,
      fallback: Field.webhookUrl,
      failureBlock: Field.webhookUrl,
      run: (value) => ctx.webhooks.add({ ...value, byUserId: body.user.id }),
    });
  });

  // The remove button lives in the modal: the open modal is redrawn in place with what is left.
  app.action<BlockButtonAction>(SUBSCRIBER_REMOVE_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const viewId = body.view?.id;
    if (!viewId) return;
    let view: ModalView;
    try {
      const removed = await ctx.webhooks.remove({ subscriberId: action.value ?? '', byUserId: body.user.id });
      view = await listingModal(
        ctx,
        body.user.id,
        removed ? 'Removed: that webhook gets nothing more.' : 'That webhook had already been removed.',
      );
    } catch (error) {
      view = subscribersNoticeModal(userMessage(ctx, error, { action: SUBSCRIBER_REMOVE_ACTION }));
    }
    await client.views.update({ view_id: viewId, view });
  });
}
