import type { ExportFormat } from '../outbox/effects';
import { userQueue } from '../outbox/queues';
import { DomainError } from './errors';
import type { Incident } from './model';
import type { Outbox } from './ports';

/** Sends an incident's timeline to the requester; managers only when a manager list is configured. */
export async function requestExport(
  outbox: Outbox,
  args: { incident: Incident; userId: string; format: ExportFormat; managerUserIds: string[] },
): Promise<void> {
  if (args.managerUserIds.length > 0 && !args.managerUserIds.includes(args.userId)) {
    throw new DomainError(
      'NotAllowed',
      'Exports are for incident managers: ask one of them for this timeline.',
    );
  }
  await outbox.enqueue(args.incident.id, [
    {
      queue: userQueue(args.userId),
      effect: { kind: 'export.dm', incidentId: args.incident.id, userId: args.userId, format: args.format },
    },
  ]);
}
