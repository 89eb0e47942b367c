import type { KnownBlock } from '@slack/types';
import { formatDuration, incidentDuration } from '../../incidents/duration';
import { type Component, type Incident, type IncidentRecord, incidentRef } from '../../incidents/model';
import type { OpenIncidents } from '../../incidents/ports';
import { sortTimeline } from '../../incidents/timeline';
import type { ComponentStatus } from '../../incidents/vocabulary';
import { pickIncidentBlock, RESOLVE_OPEN_ACTION, UPDATE_OPEN_ACTION } from '../ids';
import { clip, impactText, label, mention, plain, slackDate, stageText, statusText } from './format';
import { incidentButtons, incidentUrl, type MessageContext, type SlackMessage } from './incident-messages';

/** Slack allows 50 blocks in a message. */
const MAX_LISTED = 45;

function line(incident: Incident, ctx: MessageContext): string {
  const age = formatDuration(incidentDuration(incident, ctx.now));
  return `*${incidentRef(incident)}* ${plain(incident.title)}\n${impactText(incident.impact)} · ${stageText(incident.stage)} · open ${age} · lead ${mention(incident.lead)}`;
}

/** `/incident list`: open incidents with ref, title, impact, stage, age and lead. */
export function openIncidentsMessage({ incidents, total }: OpenIncidents, ctx: MessageContext): SlackMessage {
  if (total === 0) {
    return {
      text: 'No open incidents. :tada:',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No open incidents. :tada:' } }],
    };
  }
  const shown = incidents.slice(0, MAX_LISTED);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${total} open incident${total === 1 ? '' : 's'}*` },
    },
    ...shown.map(
      (incident): KnownBlock => ({
        type: 'section',
        text: { type: 'mrkdwn', text: clip(line(incident, ctx)) },
      }),
    ),
  ];
  if (total > shown.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${total - shown.length} more.` }],
    });
  }
  return { text: shown.map((i) => line(i, ctx)).join('\n'), blocks };
}

/** Without a reference outside an incident channel: pick which open incident to update or resolve. */
export function pickIncidentMessage(
  incidents: Incident[],
  ctx: MessageContext,
  verb: 'update' | 'resolve',
): SlackMessage {
  if (incidents.length === 0) {
    const text = 'There is no open incident to update. Declare one with `/incident`.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const intro = `Which incident do you want to ${verb}?`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: intro } },
    ...incidents.slice(0, MAX_LISTED).map(
      (incident): KnownBlock => ({
        type: 'section',
        block_id: pickIncidentBlock(incident.id),
        text: { type: 'mrkdwn', text: clip(line(incident, ctx)) },
        accessory: {
          type: 'button',
          action_id: verb === 'resolve' ? RESOLVE_OPEN_ACTION : UPDATE_OPEN_ACTION,
          text: { type: 'plain_text', text: verb === 'resolve' ? 'Resolve' : 'Update' },
          value: incident.id,
        },
      }),
    ),
  ];
  return { text: `${intro} ${incidents.map((i) => incidentRef(i)).join(', ')}`, blocks };
}

/** `/incident show INC-n`: one incident with its latest update. */
export function incidentSummaryMessage(record: IncidentRecord, ctx: MessageContext): SlackMessage {
  const latest = sortTimeline(record.updates).at(-1);
  const duration = formatDuration(incidentDuration(record, ctx.now));
  const head = `*${incidentRef(record)}: ${plain(record.title)}*\n${impactText(record.impact)} · ${stageText(record.stage)} · ${record.resolvedAt ? `lasted ${duration}` : `ongoing for ${duration}`} · lead ${mention(record.lead)}\nStarted ${slackDate(record.startedAt, ctx.timeZone)}${record.channelId ? ` · <#${record.channelId}>` : ''} · <${incidentUrl(record, ctx.publicBaseUrl)}|status page>`;
  const components = record.components
    .map((c) => `• ${label(c.component)} — ${statusText(c.status)}`)
    .join('\n');
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(head) } }];
  if (components)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*Components*\n${components}`) } });
  if (latest) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*Latest update* (${stageText(latest.stage)}, ${slackDate(latest.occurredAt, ctx.timeZone)})\n${plain(latest.message)}`,
        ),
      },
    });
  }
  blocks.push(incidentButtons(record.id, record.resolvedAt === null));
  return {
    text: `${incidentRef(record)}: ${plain(record.title)} — ${record.impact}, ${record.stage}`,
    blocks,
  };
}

/** `/incident components`: the catalog with current statuses. */
export function componentsMessage(
  components: Component[],
  statuses: Map<string, ComponentStatus>,
): SlackMessage {
  if (components.length === 0) {
    const text =
      'The component catalog is empty: list components in components.yml (see components.example.yml).';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const lines = components.map((c) => `${statusText(statuses.get(c.id) ?? 'operational')} — ${label(c)}`);
  const chunks: string[] = [];
  let current = '';
  for (const l of lines) {
    if (current.length + l.length + 1 > 2900) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${l}` : l;
  }
  if (current) chunks.push(current);
  const blocks: KnownBlock[] = chunks
    .slice(0, 49)
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  return { text: lines.slice(0, 100).join('\n'), blocks };
}
