import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { maySee, visibleTo } from '../../incidents/access';
import { IncidentNotFound } from '../../incidents/errors';
import type { Incident } from '../../incidents/model';
import { withMaintenances } from '../../maintenance/component-status';
import { type IncidentCommand, parseIncidentCommand } from '../command-grammar';
import { messageContext } from '../effects/message-context';
import { COMMAND } from '../ids';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';
import { slackViewer } from '../viewer';
import { incidentEditModal } from '../views/correction-modals';
import { helpMessage } from '../views/help';
import {
  componentsMessage,
  incidentSummaryMessage,
  openIncidentsMessage,
  pickIncidentMessage,
} from '../views/incident-list';
import { maintenanceList } from '../views/maintenance-messages';
import { openDeclareModal, openRecordModal } from './declare';
import { openScheduleModal } from './maintenance';
import { openSubscribersModal } from './subscribers';
import { openUpdateModal } from './update';

type Run = (args: { command: SlashCommand; client: WebClient; respond: RespondFn }) => Promise<void>;

/**
 * The incident a command means: its reference, or the incident channel it was typed in. A private
 * incident the asker may not see is answered exactly as a missing one.
 */
async function findIncident(
  ctx: SlackContext,
  client: WebClient,
  command: SlashCommand,
  ref: number | null,
): Promise<Incident | null> {
  const incident =
    ref !== null
      ? await ctx.incidents.findByNumber(command.team_id, ref)
      : await ctx.incidents.findByChannel(command.channel_id);
  const visible = incident && (await maySee(incident, slackViewer(ctx, client, command.user_id)));
  if (visible) return incident;
  if (ref !== null) throw new IncidentNotFound(`INC-${ref}`);
  return null;
}

/** The open incidents the asker may see, with the count of those alone. */
async function visibleOpen(ctx: SlackContext, client: WebClient, command: SlashCommand) {
  const open = await ctx.incidents.listOpen(command.team_id);
  const incidents = await visibleTo(open.incidents, slackViewer(ctx, client, command.user_id));
  return { incidents, total: open.total - (open.incidents.length - incidents.length) };
}

function ephemeral(respond: RespondFn, message: { text: string; blocks?: unknown[] }) {
  return respond({ response_type: 'ephemeral', ...(message as { text: string }) });
}

export function registerCommands(app: App, ctx: SlackContext): void {
  const handlers: {
    [K in IncidentCommand['name']]?: (parsed: Extract<IncidentCommand, { name: K }>) => Run;
  } = {
    declare:
      (parsed) =>
      async ({ command, client, respond }) => {
        try {
          await openDeclareModal(ctx, client, {
            triggerId: command.trigger_id,
            userId: command.user_id,
            channelId: command.channel_id ?? null,
            title: parsed.title,
          });
        } catch (error) {
          ctx.log.warn('slack: could not open the declare modal', {
            error: error instanceof Error ? error.message : String(error),
          });
          await ephemeral(respond, { text: 'Slack did not let me open the form in time: please try again.' });
        }
      },
    record:
      () =>
      async ({ command, client, respond }) => {
        try {
          await openRecordModal(ctx, client, {
            triggerId: command.trigger_id,
            channelId: command.channel_id ?? null,
          });
        } catch (error) {
          ctx.log.warn('slack: could not open the record modal', {
            error: error instanceof Error ? error.message : String(error),
          });
          await ephemeral(respond, { text: 'Slack did not let me open the form in time: please try again.' });
        }
      },
    update: (parsed) => openUpdate(parsed.ref, parsed.name),
    edit:
      (parsed) =>
      async ({ command, client, respond }) => {
        const incident = await findIncident(ctx, client, command, parsed.ref);
        if (!incident) {
          await ephemeral(respond, {
            text: 'Which incident? Use `/incident edit INC-42`, or type it in the incident channel.',
          });
          return;
        }
        if (!ctx.service.mayEditIncident(incident, command.user_id)) {
          await ephemeral(respond, {
            text: 'Only the declarer, the incident lead or a manager can edit this incident. Nothing was changed.',
          });
          return;
        }
        await client.views.open({ trigger_id: command.trigger_id, view: incidentEditModal(incident) });
      },
    resolve: (parsed) => openUpdate(parsed.ref, parsed.name),
    list:
      () =>
      async ({ command, client, respond }) => {
        const open = await visibleOpen(ctx, client, command);
        await ephemeral(respond, openIncidentsMessage(open, messageContext(ctx)));
      },
    show:
      (parsed) =>
      async ({ command, client, respond }) => {
        const incident = await findIncident(ctx, client, command, parsed.ref);
        const record = incident ? await ctx.incidents.loadRecord(incident.id) : null;
        if (!record) throw new IncidentNotFound(`INC-${parsed.ref}`);
        await ephemeral(respond, incidentSummaryMessage(record, messageContext(ctx)));
      },
    lead:
      (parsed) =>
      async ({ command, client, respond }) => {
        const incident = await findIncident(ctx, client, command, parsed.ref);
        if (!incident) {
          await ephemeral(respond, {
            text: 'Which incident? Use `/incident lead INC-42 @someone`, or type it in the incident channel.',
          });
          return;
        }
        const updated = await ctx.service.changeLead({
          incident,
          leadId: parsed.userId,
          byUserId: command.user_id,
        });
        await ephemeral(respond, { text: `<@${parsed.userId}> now leads INC-${updated.number}.` });
      },
    components:
      () =>
      async ({ command, client, respond }) => {
        // Private incidents the asker may not see do not colour the components they affect.
        const viewer = slackViewer(ctx, client, command.user_id);
        const privateOpen = await ctx.incidents.listOpenPrivate(command.team_id);
        const seen = new Set((await visibleTo(privateOpen, viewer)).map((i) => i.id));
        const [incidents, maintenances] = await Promise.all([
          ctx.catalog.currentStatuses(privateOpen.filter((i) => !seen.has(i.id)).map((i) => i.id)),
          ctx.maintenances.activeCoverage(),
        ]);
        await ephemeral(
          respond,
          componentsMessage(ctx.components(), withMaintenances(incidents, maintenances)),
        );
      },
    maintenance:
      () =>
      async ({ command, client, respond }) => {
        try {
          await openScheduleModal(ctx, client, {
            triggerId: command.trigger_id,
            channelId: command.channel_id ?? null,
          });
        } catch (error) {
          ctx.log.warn('slack: could not open the maintenance modal', {
            error: error instanceof Error ? error.message : String(error),
          });
          await ephemeral(respond, { text: 'Slack did not let me open the form in time: please try again.' });
        }
      },
    subscribers:
      () =>
      async ({ command, client }) => {
        // A refusal (not a manager) is thrown before the modal opens and answered ephemerally below.
        await openSubscribersModal(ctx, client, { triggerId: command.trigger_id, userId: command.user_id });
      },
    maintenance_list:
      () =>
      async ({ command, respond }) => {
        const current = await ctx.maintenances.listCurrent(command.team_id, 20);
        await ephemeral(respond, maintenanceList(current, messageContext(ctx)));
      },
    export:
      (parsed) =>
      async ({ command, client, respond }) => {
        const incident = await findIncident(ctx, client, command, parsed.ref);
        if (!incident) throw new IncidentNotFound(`INC-${parsed.ref}`);
        await ctx.service.requestExport({ incident, userId: command.user_id, format: parsed.format });
        await ephemeral(respond, {
          text: `The ${parsed.format} timeline of INC-${incident.number} is on its way to your DMs.`,
        });
      },
  };

  function openUpdate(ref: number | null, verb: 'update' | 'resolve'): Run {
    return async ({ command, client, respond }) => {
      const incident = await findIncident(ctx, client, command, ref);
      if (!incident) {
        const open = await visibleOpen(ctx, client, command);
        await ephemeral(respond, pickIncidentMessage(open.incidents, messageContext(ctx), verb));
        return;
      }
      await openUpdateModal(ctx, client, {
        triggerId: command.trigger_id,
        incidentId: incident.id,
        stage: verb === 'resolve' ? 'resolved' : undefined,
      });
    };
  }

  app.command(COMMAND, async ({ command, ack, client, respond }) => {
    const parsed = parseIncidentCommand(command.text ?? '');
    if (parsed.name === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage(parsed.problem) });
      return;
    }
    await ack();
    const handler = handlers[parsed.name] as ((p: IncidentCommand) => Run) | undefined;
    if (!handler) return;
    try {
      await handler(parsed)({ command, client, respond });
    } catch (error) {
      await ephemeral(respond, { text: userMessage(ctx, error, { command: parsed.name }) });
    }
  });
}
