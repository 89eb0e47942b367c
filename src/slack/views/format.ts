import { escapeMrkdwn } from '../../incidents/escape';
import { type Component, componentLabel, type Person } from '../../incidents/model';
import { formatDisplayTime } from '../../incidents/time';
import type { ComponentStatus, Impact, Stage } from '../../incidents/vocabulary';
import { componentStatusLabels, impactLabels, stageLabels } from '../../incidents/vocabulary';

/** Slack renders `<!date>` in each reader's own time zone; the fallback is SPEC §2's format. */
export function slackDate(date: Date, timeZone: string): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${formatDisplayTime(date, timeZone)}>`;
}

export function mention(person: Pick<Person, 'id'>): string {
  return `<@${person.id}>`;
}

export function channelLink(channelId: string): string {
  return `<#${channelId}>`;
}

export function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label)}>`;
}

export function plain(text: string): string {
  return escapeMrkdwn(text);
}

export function label(component: Pick<Component, 'name' | 'group'>): string {
  return escapeMrkdwn(componentLabel(component));
}

export const stageEmoji: Record<Stage, string> = {
  investigating: ':mag:',
  identified: ':dart:',
  monitoring: ':eyes:',
  resolved: ':white_check_mark:',
  postmortem: ':memo:',
};

export const impactEmoji: Record<Impact, string> = {
  none: ':white_circle:',
  minor: ':large_yellow_circle:',
  major: ':large_orange_circle:',
  critical: ':red_circle:',
};

export const statusEmoji: Record<ComponentStatus, string> = {
  operational: ':large_green_circle:',
  under_maintenance: ':large_blue_circle:',
  degraded_performance: ':large_yellow_circle:',
  partial_outage: ':large_orange_circle:',
  major_outage: ':red_circle:',
};

export function stageText(stage: Stage): string {
  return `${stageEmoji[stage]} ${stageLabels[stage]}`;
}

export function impactText(impact: Impact): string {
  return `${impactEmoji[impact]} ${impactLabels[impact]}`;
}

export function statusText(status: ComponentStatus): string {
  return `${statusEmoji[status]} ${componentStatusLabels[status]}`;
}

/** Slack caps section text at 3000 characters. */
export function clip(text: string, max = 3000): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
