/** Outbox queue names: effects in one queue run in order (SPEC §8). */

/** The incident channel: creation, then everything posted in it. */
export function channelQueue(incidentId: string): string {
  return `incident:${incidentId}:channel`;
}

/** One stakeholder channel of one incident: root message, then thread replies and edits. */
export function announceQueue(incidentId: string, channelId: string): string {
  return `incident:${incidentId}:announce:${channelId}`;
}

/** Direct messages to one person. */
export function userQueue(userId: string): string {
  return `user:${userId}`;
}

/** One stakeholder channel of one maintenance: root message, then thread replies, reminder and edits. */
export function maintenanceAnnounceQueue(maintenanceId: string, channelId: string): string {
  return `maintenance:${maintenanceId}:announce:${channelId}`;
}

/** Every queue of subscriber work starts so: a worker of its own takes them (SPEC §13). */
export const SUBSCRIBER_QUEUE_PREFIX = 'subscriber';

/** Deliveries to one subscriber, in order: one slow endpoint delays no one else. */
export function subscriberQueue(subscriberId: string): string {
  return `${SUBSCRIBER_QUEUE_PREFIX}:${subscriberId}`;
}

/** Fan-outs of public updates to subscribers, in commit order. */
export const subscriberFanoutQueue = `${SUBSCRIBER_QUEUE_PREFIX}-fanout`;
