import type { Component } from './model';
import type { Visibility } from './vocabulary';

export interface IncidentSettings {
  announceChannelIds: string[];
  /** The only channels that hear of private incidents (SPEC §10). */
  privateAnnounceChannelIds: string[];
  createIncidentChannels: boolean;
}

/**
 * Stakeholder channels of an incident: the global ones, then each affected component's — or, for a
 * private incident, only the private announce channels (component channels never hear of it).
 */
export function announceChannelsFor(
  settings: IncidentSettings,
  components: Component[],
  visibility: Visibility,
): string[] {
  if (visibility === 'private') return [...new Set(settings.privateAnnounceChannelIds)];
  return [...new Set([...settings.announceChannelIds, ...components.flatMap((c) => c.announceChannels)])];
}
