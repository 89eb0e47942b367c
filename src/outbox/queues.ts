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
