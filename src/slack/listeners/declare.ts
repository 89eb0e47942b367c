import type { App, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { declareForm, recordForm } from '../forms/declare-form';
import { DECLARE_CALLBACK, Field, RECORD_CALLBACK } from '../ids';
import { rememberPeople } from '../people';
import type { SlackContext } from '../slack-context';
import { declareIncidentModal } from '../views/declare-modal';
import { recordIncidentModal } from '../views/record-modal';
import { submitView } from './submit-view';

const declareMetadata = z.object({ channelId: z.string().nullable() });

/** Opens the declare modal at once: the trigger id dies after 3 seconds, so nothing slow comes first. */
export async function openDeclareModal(
  ctx: SlackContext,
  client: WebClient,
  args: { triggerId: string; userId: string; channelId: string | null; title: string },
): Promise<void> {
  await client.views.open({
    trigger_id: args.triggerId,
    view: declareIncidentModal({
      title: args.title.slice(0, 150),
      catalog: ctx.components(),
      declarerId: args.userId,
      visibility: ctx.config.defaultVisibility,
      privateMetadata: JSON.stringify({ channelId: args.channelId }),
    }),
  });
}

/** Opens the record modal (SPEC §11) at once, for the same reason. */
export async function openRecordModal(
  ctx: SlackContext,
  client: WebClient,
  args: { triggerId: string; channelId: string | null },
): Promise<void> {
  await client.views.open({
    trigger_id: args.triggerId,
    view: recordIncidentModal({
      catalog: ctx.components(),
      visibility: ctx.config.defaultVisibility,
      privateMetadata: JSON.stringify({ channelId: args.channelId }),
    }),
  });
}

export function registerDeclare(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(DECLARE_CALLBACK, async ({ ack, body, view, client }) => {
    const form = await submitView(ctx, ack, {
      callbackId: DECLARE_CALLBACK,
      form: declareForm,
      values: view.state?.values,
      fallback: Field.title,
      run: (value) =>
        ctx.service.declare({
          ...value,
          ...submission(body, 'declare'),
          // The form always preselects DEFAULT_VISIBILITY; a submission without the field means that.
          visibility: value.visibility ?? ctx.config.defaultVisibility,
          declaredBy: { id: body.user.id, name: null },
        }),
    });
    if (form) void rememberPeople(ctx, client, [body.user.id, form.leadId ?? body.user.id]);
  });

  app.view<ViewSubmitAction>(RECORD_CALLBACK, async ({ ack, body, view, client }) => {
    const form = await submitView(ctx, ack, {
      callbackId: RECORD_CALLBACK,
      form: recordForm,
      values: view.state?.values,
      fallback: Field.title,
      run: (value) =>
        ctx.service.record({
          ...value,
          ...submission(body, 'record'),
          visibility: value.visibility ?? ctx.config.defaultVisibility,
          recordedBy: { id: body.user.id, name: null },
        }),
    });
    if (form) void rememberPeople(ctx, client, [body.user.id]);
  });
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}

/**
 * What a declare or record submission carries besides its form: the workspace, the channel the modal was
 * opened from, and a key that makes a second delivery of the same submission create nothing more.
 */
function submission(body: ViewSubmitAction, kind: 'declare' | 'record') {
  const metadata = declareMetadata.safeParse(safeJson(body.view.private_metadata));
  return {
    teamId: body.team?.id ?? body.user.team_id ?? 'unknown',
    originChannelId: metadata.success ? metadata.data.channelId : null,
    sourceKey: `${kind}:${body.view.id}`,
  };
}
