import type { Component } from '../incidents/model';
import type { QueuedEffect } from '../outbox/effects';
import { maintenanceAnnounceQueue, subscriberFanoutQueue } from '../outbox/queues';
import type { Maintenance, MaintenanceRecord } from './model';

export interface MaintenanceSettings {
  /** ANNOUNCE_CHANNEL_IDS: every maintenance is announced there. */
  announceChannelIds: string[];
}

/** Where a maintenance is announced: the global channels, then each of its components' (SPEC §12). */
export function maintenanceChannels(
  settings: MaintenanceSettings,
  components: readonly Component[],
): string[] {
  return [...new Set([...settings.announceChannelIds, ...components.flatMap((c) => c.announceChannels)])];
}

/** Subscribers hear of every update of a public maintenance, the scheduling included (SPEC §13). */
function subscriberEffects(
  maintenance: Pick<Maintenance, 'id' | 'visibility'>,
  updateId: string,
): QueuedEffect[] {
  if (maintenance.visibility !== 'public') return [];
  return [
    {
      queue: subscriberFanoutQueue,
      effect: { kind: 'subscriber.fanout_maintenance', maintenanceId: maintenance.id, updateId },
    },
  ];
}

/** The root message in each channel, then the scheduling message in its thread; then subscribers. */
export function scheduledEffects(
  maintenance: Pick<Maintenance, 'id' | 'visibility'>,
  updateId: string,
  channels: string[],
): QueuedEffect[] {
  const maintenanceId = maintenance.id;
  const posts = channels.flatMap((channelId) => {
    const queue = maintenanceAnnounceQueue(maintenanceId, channelId);
    return [
      { queue, effect: { kind: 'maintenance.root' as const, maintenanceId, channelId } },
      { queue, effect: { kind: 'maintenance.reply' as const, maintenanceId, channelId, updateId } },
    ];
  });
  return [...posts, ...subscriberEffects(maintenance, updateId)];
}

/** A further update: threaded in each channel, then the root message edited to the new state; then subscribers. */
export function updateEffects(record: MaintenanceRecord, updateId: string, settings: MaintenanceSettings) {
  const maintenanceId = record.id;
  const posts = maintenanceChannels(settings, record.components).flatMap((channelId): QueuedEffect[] => {
    const queue = maintenanceAnnounceQueue(maintenanceId, channelId);
    return [
      { queue, effect: { kind: 'maintenance.reply', maintenanceId, channelId, updateId } },
      { queue, effect: { kind: 'maintenance.refresh', maintenanceId, channelId } },
    ];
  });
  return [...posts, ...subscriberEffects(record, updateId)];
}

/** The reminder an hour before the start, threaded under each root message. */
export function reminderEffects(record: MaintenanceRecord, settings: MaintenanceSettings): QueuedEffect[] {
  const maintenanceId = record.id;
  return maintenanceChannels(settings, record.components).map((channelId) => ({
    queue: maintenanceAnnounceQueue(maintenanceId, channelId),
    effect: { kind: 'maintenance.reminder' as const, maintenanceId, channelId },
  }));
}
