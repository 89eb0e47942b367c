import type { ActionsBlock, KnownBlock } from '@slack/types';
import { formatDuration, incidentDuration } from '../../incidents/duration';
import { type Incident, type IncidentRecord, type IncidentUpdate, incidentRef } from '../../incidents/model';
import { summarySentence } from '../../incidents/summary';
import { formatDisplayTime } from '../../incidents/time';
import { sortTimeline } from '../../incidents/timeline';
import { isOpenStage, stageLabels } from '../../incidents/vocabulary';
import { INCIDENT_ACTIONS_BLOCK, RESOLVE_OPEN_ACTION, UPDATE_OPEN_ACTION } from '../ids';
import {
  channelLink,
  clip,
  impactText,
  label,
  link,
  mention,
  plain,
  slackDate,
  stageText,
  statusText,
} from './format';
import { updateMenu } from './update-menu';

export interface MessageContext {
  orgName: string;
  timeZone: string;
  publicBaseUrl: string;
  now: Date;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** An update recorded more than this long after it happened says it is back-dated. */
const BACKDATED_AFTER_MS = 60_000;

export function incidentUrl(incident: Pick<Incident, 'number'>, publicBaseUrl: string): string {
  return `${publicBaseUrl}/incidents/${incidentRef(incident)}`;
}

export function incidentButtons(incidentId: string, open: boolean): ActionsBlock {
  return {
    type: 'actions',
    block_id: INCIDENT_ACTIONS_BLOCK,
    elements: [
      {
        type: 'button',
        action_id: UPDATE_OPEN_ACTION,
        text: { type: 'plain_text', text: 'Post update' },
        value: incidentId,
        ...(open ? { style: 'primary' as const } : {}),
      },
      ...(open
        ? [
            {
              type: 'button' as const,
              action_id: RESOLVE_OPEN_ACTION,
              text: { type: 'plain_text' as const, text: 'Resolve' },
              value: incidentId,
            },
          ]
        : []),
    ],
  };
}

function wasReopened(record: IncidentRecord): boolean {
  const timeline = sortTimeline(record.updates);
  const last = timeline[timeline.length - 1];
  return !!last && isOpenStage(last.stage) && timeline.some((u) => !isOpenStage(u.stage));
}

/** The root message in a stakeholder channel: always the current state (edited in place). */
export function rootMessage(record: IncidentRecord, ctx: MessageContext): SlackMessage {
  const ref = incidentRef(record);
  const open = record.resolvedAt === null;
  const duration = formatDuration(incidentDuration(record, ctx.now));
  const status = open
    ? wasReopened(record)
      ? `*Re-opened* · ${stageText(record.stage)}`
      : stageText(record.stage)
    : record.stage === 'postmortem'
      ? `${stageText(record.stage)} · resolved after ${duration}`
      : `${stageText(record.stage)} after ${duration}`;
  const components =
    record.components.length > 0
      ? record.components.map((c) => `• ${label(c.component)} — ${statusText(c.status)}`).join('\n')
      : '_No components named yet._';
  const latest = sortTimeline(record.updates).at(-1);
  const links = [
    record.channelId ? `Incident channel: ${channelLink(record.channelId)}` : null,
    link(incidentUrl(record, ctx.publicBaseUrl), 'Status page'),
  ]
    .filter(Boolean)
    .join(' · ');
  const fields = [
    `*Impact*\n${impactText(record.impact)}`,
    `*Stage*\n${status}`,
    `*Lead*\n${mention(record.lead)}`,
    `*Started*\n${slackDate(record.startedAt, ctx.timeZone)}`,
    open
      ? `*Ongoing for*\n${duration}`
      : `*Resolved*\n${slackDate(record.resolvedAt ?? record.startedAt, ctx.timeZone)}`,
  ];
  if (record.detectedBy || record.detectedAt) {
    const when = record.detectedAt ? ` at ${slackDate(record.detectedAt, ctx.timeZone)}` : '';
    fields.push(`*Detected by*\n${plain(record.detectedBy ?? 'unknown')}${when}`);
  }
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*${ref}: ${plain(record.title)}*`) },
    },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text })) },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*Affected components*\n${components}`) } },
  ];
  if (latest) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            `Latest: ${stageLabels[latest.stage]} · ${slackDate(latest.occurredAt, ctx.timeZone)} · updates in the thread`,
          ),
        },
      ],
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links }] });
  blocks.push(incidentButtons(record.id, open));
  const summary = summarySentence({
    orgName: ctx.orgName,
    incident: record,
    now: ctx.now,
    timeZone: ctx.timeZone,
  });
  const componentList = record.components
    .map((c) => plain(`${c.component.group ? `${c.component.group}: ` : ''}${c.component.name}`))
    .join(', ');
  return {
    text: clip(
      `${ref}: ${plain(record.title)} — ${record.impact} impact, ${open && wasReopened(record) ? 're-opened, ' : ''}${record.stage}${componentList ? ` — ${componentList}` : ''}. ${plain(summary)}`,
    ),
    blocks,
  };
}

/** One update, as posted in the incident channel or threaded under a root message. */
export function updateMessage(
  record: IncidentRecord,
  update: IncidentUpdate,
  ctx: MessageContext,
  options: { buttons: boolean },
): SlackMessage {
  const ref = incidentRef(record);
  const backdated = update.createdAt.getTime() - update.occurredAt.getTime() > BACKDATED_AFTER_MS;
  const edited = update.editedAt ? ' · _(edited)_' : '';
  const head = `${stageText(update.stage)} · *${ref}* · ${slackDate(update.occurredAt, ctx.timeZone)} · by ${mention(update.author)}${edited}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: clip(head) }, accessory: updateMenu(update) },
    { type: 'section', text: { type: 'mrkdwn', text: clip(plain(update.message)) } },
  ];
  const notes: string[] = [];
  if (backdated) {
    notes.push(
      `:rewind: Back-dated: this update happened at ${slackDate(update.occurredAt, ctx.timeZone)} (recorded ${slackDate(update.createdAt, ctx.timeZone)}).`,
    );
  }
  notes.push(`Impact ${impactText(update.impact)}`);
  blocks.push({
    type: 'context',
    elements: notes.map((text) => ({ type: 'mrkdwn' as const, text: clip(text) })),
  });
  if (options.buttons) blocks.push(incidentButtons(record.id, record.resolvedAt === null));
  const backdatedText = backdated
    ? ` (back-dated to ${formatDisplayTime(update.occurredAt, ctx.timeZone)})`
    : '';
  return {
    text: clip(
      `${ref} ${stageLabels[update.stage]}${backdatedText}${update.editedAt ? ' (edited)' : ''}: ${plain(update.message)}`,
    ),
    blocks,
  };
}

/** The declarer's private confirmation, with links. */
export function declaredConfirmation(record: Incident, ctx: MessageContext, recorded = false): SlackMessage {
  const ref = incidentRef(record);
  const where = record.channelId ? ` Incident channel: ${channelLink(record.channelId)}.` : '';
  const url = incidentUrl(record, ctx.publicBaseUrl);
  const what = recorded
    ? `:memo: ${ref} recorded: *${plain(record.title)}*, resolved after ${formatDuration(incidentDuration(record, ctx.now))}.`
    : `:rotating_light: ${ref} declared: *${plain(record.title)}*.${where}`;
  const text = `${what} Status page: ${link(url, url)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text) } }] };
}
