import type { QueuedEffect } from '../outbox/effects';
import { announceQueue, channelQueue } from '../outbox/queues';
import { DomainError } from './errors';
import { type Incident, incidentRef } from './model';
import type { IncidentRepository } from './ports';

/** Hands the lead role to someone else; announced in the incident channel and on the root messages. */
export async function changeLead(
  incidents: IncidentRepository,
  args: { incident: Incident; leadId: string; byUserId: string; announceChannels: string[] },
): Promise<Incident> {
  const { incident, leadId } = args;
  if (incident.resolvedAt) {
    throw new DomainError(
      'IncidentClosed',
      `${incidentRef(incident)} is resolved: the lead role applies to open incidents.`,
    );
  }
  if (incident.lead.id === leadId) {
    throw new DomainError('InvalidInput', `They already lead ${incidentRef(incident)}.`);
  }
  const id = incident.id;
  const effects: QueuedEffect[] = [
    { queue: channelQueue(id), effect: { kind: 'channel.invite', incidentId: id, userIds: [leadId] } },
    {
      queue: channelQueue(id),
      effect: { kind: 'lead.announce', incidentId: id, leadId, byUserId: args.byUserId },
    },
    ...args.announceChannels.map((channelId) => ({
      queue: announceQueue(id, channelId),
      effect: { kind: 'announce.refresh' as const, incidentId: id, channelId },
    })),
  ];
  return incidents.setLead(id, leadId, effects);
}
