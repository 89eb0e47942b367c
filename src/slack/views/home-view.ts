import type { Button, HomeView, KnownBlock } from '@slack/types';
import { formatDuration, incidentDuration } from '../../incidents/duration';
import { type Incident, incidentRef } from '../../incidents/model';
import {
  DECLARE_OPEN_ACTION,
  HOME_DECLARE_BLOCK,
  homeOpenActionsBlock,
  homeOpenBlock,
  homeResolvedBlock,
  RESOLVE_OPEN_ACTION,
  UPDATE_OPEN_ACTION,
} from '../ids';
import { plainText } from './fields';
import { channelLink, clip, impactText, mention, plain, slackDate, stageText } from './format';

export interface HomeViewState {
  /** Open incidents, in the order to show them. */
  open: Incident[];
  /** How many are open in all (`open` may hold only the first of them). */
  openTotal?: number;
  /** The latest resolved incidents, most recent first. */
  resolved: Incident[];
  timeZone: string;
  now: Date;
}

/** Slack allows 100 blocks in a Home tab. */
const MAX_BLOCKS = 100;
/** Past this many resolved incidents, the open ones would run out of room. */
const MAX_RESOLVED = 20;

function button(
  actionId: string,
  text: string,
  value: string,
  accessibilityLabel: string,
  style?: 'primary',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plainText(text),
    value,
    accessibility_label: accessibilityLabel,
    ...(style ? { style } : {}),
  };
}

function openLine(incident: Incident, state: HomeViewState): string {
  const age = formatDuration(incidentDuration(incident, state.now));
  const where = incident.channelId ? ` · ${channelLink(incident.channelId)}` : '';
  return clip(
    `*${incidentRef(incident)}* ${plain(incident.title)}\n${impactText(incident.impact)} · ${stageText(incident.stage)} · open ${age} · lead ${mention(incident.lead)}${where}`,
  );
}

function resolvedLine(incident: Incident, state: HomeViewState): string {
  const duration = formatDuration(incidentDuration(incident, state.now));
  const when = incident.resolvedAt ? slackDate(incident.resolvedAt, state.timeZone) : null;
  // "Resolved <date>", or "Postmortem · resolved <date>" once the postmortem is out.
  const stage = when
    ? `${stageText(incident.stage)}${incident.stage === 'resolved' ? '' : ' · resolved'} ${when}`
    : stageText(incident.stage);
  return clip(
    `*${incidentRef(incident)}* ${plain(incident.title)}\n${impactText(incident.impact)} · ${stage} · lasted ${duration}`,
  );
}

function openBlocks(incident: Incident, state: HomeViewState): KnownBlock[] {
  const ref = incidentRef(incident);
  return [
    {
      type: 'section',
      block_id: homeOpenBlock(incident.id),
      text: { type: 'mrkdwn', text: openLine(incident, state) },
    },
    {
      type: 'actions',
      block_id: homeOpenActionsBlock(incident.id),
      elements: [
        button(UPDATE_OPEN_ACTION, 'Post update', incident.id, `Post an update to ${ref}`, 'primary'),
        button(RESOLVE_OPEN_ACTION, 'Resolve', incident.id, `Resolve ${ref}`),
      ],
    },
  ];
}

function resolvedBlock(incident: Incident, state: HomeViewState): KnownBlock {
  return {
    type: 'section',
    block_id: homeResolvedBlock(incident.id),
    text: { type: 'mrkdwn', text: resolvedLine(incident, state) },
    // Resolved incidents still take updates: the postmortem, or a re-opening.
    accessory: button(
      UPDATE_OPEN_ACTION,
      'Post update',
      incident.id,
      `Post an update to ${incidentRef(incident)}`,
    ),
  };
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** The App Home (SPEC §5.3): open incidents with their buttons, the latest resolved ones, and a way to declare. */
export function incidentsHomeView(state: HomeViewState): HomeView {
  const head: KnownBlock[] = [
    { type: 'header', text: plainText('Incidents') },
    {
      type: 'actions',
      block_id: HOME_DECLARE_BLOCK,
      elements: [
        button(DECLARE_OPEN_ACTION, 'Declare an incident', 'declare', 'Declare an incident', 'primary'),
      ],
    },
    { type: 'divider' },
    { type: 'header', text: plainText(`Open incidents (${state.openTotal ?? state.open.length})`) },
  ];
  const resolved: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: plainText('Recently resolved') },
    ...(state.resolved.length > 0
      ? state.resolved.slice(0, MAX_RESOLVED).map((incident) => resolvedBlock(incident, state))
      : [note('No resolved incidents yet.')]),
    note(`Updated ${slackDate(state.now, state.timeZone)} · \`/incident help\` for every command`),
  ];
  // Two blocks per open incident; one block is kept for the "…and N more" line.
  const room = Math.max(0, Math.floor((MAX_BLOCKS - head.length - resolved.length - 1) / 2));
  const shown = state.open.slice(0, room);
  const open: KnownBlock[] =
    state.open.length === 0
      ? [{ type: 'section', text: { type: 'mrkdwn', text: 'No open incidents. :tada:' } }]
      : shown.flatMap((incident) => openBlocks(incident, state));
  const total = state.openTotal ?? state.open.length;
  if (total > shown.length) {
    open.push(note(`…and ${total - shown.length} more: \`/incident list\` shows them all.`));
  }
  return { type: 'home', blocks: [...head, ...open, ...resolved] };
}
