import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { MaintenanceRecord, MaintenanceUpdate } from '../../maintenance/model';
import { maintenanceRef } from '../../maintenance/reference';
import { compareMaintenanceUpdates } from '../../maintenance/timeline';
import {
  isActiveMaintenanceStage,
  isFinalMaintenanceStage,
  type MaintenanceStage,
  maintenanceStageLabels,
} from '../../maintenance/vocabulary';
import {
  MAINTENANCE_CANCEL_ACTION,
  MAINTENANCE_COMPLETE_ACTION,
  MAINTENANCE_START_NOW_ACTION,
  MAINTENANCE_UPDATE_OPEN_ACTION,
} from '../ids';
import { clip, label, link, mention, plain, slackDate } from './format';
import type { MessageContext, SlackMessage } from './incident-messages';

const stageEmoji: Record<MaintenanceStage, string> = {
  scheduled: ':calendar:',
  in_progress: ':hammer_and_wrench:',
  verifying: ':mag:',
  completed: ':white_check_mark:',
  cancelled: ':no_entry_sign:',
};

export function maintenanceStageText(stage: MaintenanceStage): string {
  return `${stageEmoji[stage]} ${maintenanceStageLabels[stage]}`;
}

export function maintenanceUrl(record: Pick<MaintenanceRecord, 'number'>, publicBaseUrl: string): string {
  return `${publicBaseUrl}/maintenances/${maintenanceRef(record)}`;
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(style ? { style } : {}),
  };
}

/** SPEC §12's buttons: an update on every open stage, start or cancel while scheduled, complete while under way. */
export function maintenanceButtons(record: Pick<MaintenanceRecord, 'id' | 'stage'>): ActionsBlock | null {
  if (isFinalMaintenanceStage(record.stage)) return null;
  const elements: Button[] = [button(MAINTENANCE_UPDATE_OPEN_ACTION, 'Post update', record.id)];
  if (record.stage === 'scheduled') {
    elements.push(button(MAINTENANCE_START_NOW_ACTION, 'Start now', record.id, 'primary'));
    elements.push(button(MAINTENANCE_CANCEL_ACTION, 'Cancel', record.id, 'danger'));
  }
  if (isActiveMaintenanceStage(record.stage))
    elements.push(button(MAINTENANCE_COMPLETE_ACTION, 'Complete', record.id, 'primary'));
  return { type: 'actions', block_id: 'maintenance_actions', elements };
}

function windowText(record: MaintenanceRecord, ctx: MessageContext): string {
  return `${slackDate(record.scheduledFor, ctx.timeZone)} → ${slackDate(record.scheduledUntil, ctx.timeZone)}`;
}

/** The root message in a stakeholder channel: always the current state (edited in place). */
export function maintenanceRootMessage(record: MaintenanceRecord, ctx: MessageContext): SlackMessage {
  const ref = maintenanceRef(record);
  const components = record.components.map((c) => `• ${label(c)}`).join('\n');
  const fields = [
    `*Stage*\n${maintenanceStageText(record.stage)}`,
    `*Window*\n${windowText(record, ctx)}`,
    `*Clock*\n${record.autoTransitions ? 'Starts and completes on schedule' : 'Moved by hand'}`,
    `*Visibility*\n${record.visibility === 'public' ? 'Public' : 'Internal (Slack only)'}`,
  ];
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: clip(`:wrench: *${ref}: ${plain(record.title)}*`) } },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text })) },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*Components*\n${components}`) } },
  ];
  const latest = [...record.updates].sort(compareMaintenanceUpdates).at(-1);
  const context = [
    latest
      ? `Latest: ${maintenanceStageLabels[latest.stage]} · ${slackDate(latest.occurredAt, ctx.timeZone)} · updates in the thread`
      : null,
    record.visibility === 'public' ? link(maintenanceUrl(record, ctx.publicBaseUrl), 'Status page') : null,
  ].filter((t): t is string => t !== null);
  if (context.length > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(context.join(' · ')) }] });
  const buttons = maintenanceButtons(record);
  if (buttons) blocks.push(buttons);
  const names = record.components.map((c) => label(c)).join(', ');
  return {
    text: clip(
      `${ref}: ${plain(record.title)} — maintenance, ${maintenanceStageLabels[record.stage].toLowerCase()} — ${names}`,
    ),
    blocks,
  };
}

/** One update, threaded under the root message. */
export function maintenanceUpdateMessage(
  record: MaintenanceRecord,
  update: MaintenanceUpdate,
  ctx: MessageContext,
): SlackMessage {
  const ref = maintenanceRef(record);
  const by = update.author ? `by ${mention(update.author)}` : 'on schedule';
  const head = `${maintenanceStageText(update.stage)} · *${ref}* · ${slackDate(update.occurredAt, ctx.timeZone)} · ${by}`;
  return {
    text: clip(`${ref} ${maintenanceStageLabels[update.stage]}: ${plain(update.message)}`),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(head) } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(plain(update.message)) } },
    ],
  };
}

/** The threaded reminder an hour before the start. */
export function maintenanceReminderMessage(record: MaintenanceRecord, ctx: MessageContext): SlackMessage {
  const ref = maintenanceRef(record);
  const text = `:alarm_clock: *${ref}* starts in an hour, at ${slackDate(record.scheduledFor, ctx.timeZone)}: ${plain(record.title)}`;
  return {
    text: clip(`${ref} starts in an hour: ${plain(record.title)}`),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text) } }],
  };
}

/** `/incident maintenance list`: upcoming and active maintenances, internal ones included. */
export function maintenanceList(records: MaintenanceRecord[], ctx: MessageContext): SlackMessage {
  if (records.length === 0) {
    const text = 'No maintenance is scheduled or under way. `/incident maintenance` schedules one.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const active = records.filter((r) => isActiveMaintenanceStage(r.stage));
  const upcoming = records.filter((r) => r.stage === 'scheduled');
  const line = (r: MaintenanceRecord) =>
    `*${maintenanceRef(r)}* ${plain(r.title)} · ${maintenanceStageText(r.stage)} · ${windowText(r, ctx)}${
      r.visibility === 'internal' ? ' · internal' : ''
    }\n${r.components.map((c) => label(c)).join(', ')}`;
  const blocks: KnownBlock[] = [];
  for (const [title, list] of [
    ['Under way', active],
    ['Upcoming', upcoming],
  ] as const) {
    if (list.length === 0) continue;
    blocks.push({ type: 'header', text: { type: 'plain_text', text: `${title} (${list.length})` } });
    for (const r of list) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(line(r)) } });
      const buttons = maintenanceButtons(r);
      if (buttons) blocks.push({ ...buttons, block_id: `maintenance_actions_${r.number}` });
    }
  }
  return {
    text: `${active.length} under way, ${upcoming.length} upcoming`,
    blocks: blocks.slice(0, 50),
  };
}
