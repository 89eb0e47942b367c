import { requestExport } from '../../../src/incidents/request-export';
import { MemoryOutbox } from '../../fakes/memory-ports';
import { domainRefusal } from '../../fakes/use-case-world';
import { anIncidentRecord } from '../../support/fixtures';

const incident = anIncidentRecord({ id: 'inc-7', number: 7 });

describe('requestExport', () => {
  it('queues the timeline for the requester’s DMs', async () => {
    const outbox = new MemoryOutbox();
    await requestExport(outbox, { incident, userId: 'U_ANA', format: 'csv', managerUserIds: [] });
    expect(outbox.enqueued).toEqual([
      {
        incidentId: 'inc-7',
        effects: [
          {
            queue: 'user:U_ANA',
            effect: { kind: 'export.dm', incidentId: 'inc-7', userId: 'U_ANA', format: 'csv' },
          },
        ],
      },
    ]);
  });

  it('lets only managers export when a manager list is configured', async () => {
    const outbox = new MemoryOutbox();
    const managers = ['U_BOSS'];
    expect(
      await domainRefusal(
        requestExport(outbox, { incident, userId: 'U_ANA', format: 'markdown', managerUserIds: managers }),
      ),
    ).toEqual({
      code: 'NotAllowed',
      message: 'Exports are for incident managers: ask one of them for this timeline.',
    });
    expect(outbox.enqueued).toHaveLength(0);
    await requestExport(outbox, { incident, userId: 'U_BOSS', format: 'json', managerUserIds: managers });
    expect(outbox.enqueued.map((e) => e.effects[0]?.queue)).toEqual(['user:U_BOSS']);
  });
});
