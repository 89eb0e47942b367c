import type { Component } from './model';

export interface IncidentSettings {
  announceChannelIds: string[];
  createIncidentChannels: boolean;
}

/** Stakeholder channels of an incident: the global ones, then each affected component's. */
export function announceChannelsFor(settings: IncidentSettings, components: Component[]): string[] {
  return [...new Set([...settings.announceChannelIds, ...components.flatMap((c) => c.announceChannels)])];
}
