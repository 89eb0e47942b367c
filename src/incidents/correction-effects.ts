import type { QueuedEffect } from '../outbox/effects';
import { announceQueue, channelQueue } from '../outbox/queues';
import { announceChannelsFor, type IncidentSettings } from './announce-channels';
import type { IncidentRecord } from './model';

/**
 * Everything Slack shows of a corrected timeline, re-rendered in place: the update's message in the
 * incident channel and in each stakeholder thread (null: none, for a correction of the incident's own
 * fields), each root message and the channel topic. Each queue keeps its order behind earlier posts.
 */
export function correctionEffects(
  settings: IncidentSettings,
  record: IncidentRecord,
  updateId: string | null,
): QueuedEffect[] {
  const id = record.id;
  const effects: QueuedEffect[] = [];
  if (settings.createIncidentChannels) {
    const queue = channelQueue(id);
    if (updateId)
      effects.push({ queue, effect: { kind: 'update.correct', incidentId: id, updateId, channelId: null } });
    effects.push({ queue, effect: { kind: 'channel.set_topic', incidentId: id } });
  }
  for (const channelId of announceChannelsFor(
    settings,
    record.components.map((c) => c.component),
    record.visibility,
  )) {
    const queue = announceQueue(id, channelId);
    if (updateId)
      effects.push({ queue, effect: { kind: 'update.correct', incidentId: id, updateId, channelId } });
    effects.push({ queue, effect: { kind: 'announce.refresh', incidentId: id, channelId } });
  }
  return effects;
}
