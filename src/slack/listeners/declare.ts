import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { declareIncident } from '../../incidents/declare-incident';
import { InvalidInput } from '../../incidents/errors';
import { parseDeclareForm, toBlockErrors } from '../forms/declare-form';
import { modalErrors } from '../forms/view-state';
import { DECLARE_CALLBACK, Field } from '../ids';
import { rememberPeople } from '../people';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { declareIncidentModal } from '../views/declare-modal';

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
      privateMetadata: JSON.stringify({ channelId: args.channelId }),
    }),
  });
}

export function registerDeclare(app: App, ctx: SlackContext): void {
  app.view(DECLARE_CALLBACK, async ({ ack, body, view, client }) => {
    const form = parseDeclareForm(view.state.values);
    if (!form.ok) {
      await ack(modalErrors(form.errors));
      return;
    }
    const metadata = declareMetadata.safeParse(safeJson(view.private_metadata));
    const teamId = body.team?.id ?? body.user.team_id ?? 'unknown';
    try {
      await declareIncident(
        {
          incidents: ctx.incidents,
          catalog: ctx.catalog,
          clock: ctx.clock,
          settings: {
            announceChannelIds: ctx.config.announceChannelIds,
            createIncidentChannels: ctx.config.createIncidentChannels,
          },
        },
        {
          ...form.value,
          teamId,
          declaredBy: { id: body.user.id, name: null },
          originChannelId: metadata.success ? metadata.data.channelId : null,
          sourceKey: `declare:${view.id}`,
        },
      );
    } catch (error) {
      const errors =
        error instanceof InvalidInput
          ? toBlockErrors(error.fields, Field.title)
          : { [Field.message]: userMessage(error, ctx.log, { view: DECLARE_CALLBACK }) };
      await ack(modalErrors(errors));
      return;
    }
    await ack();
    void rememberPeople(ctx, client, [body.user.id, form.value.leadId ?? body.user.id]);
  });
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
