import { declareIncident } from '../../../src/incidents/declare-incident';
import { createIncidentService } from '../../../src/incidents/incident-service';
import { postUpdate } from '../../../src/incidents/post-update';
import { MemoryHousekeeping, MemoryNotes, MemoryOutbox } from '../../fakes/memory-ports';
import { aDeclaration, domainRefusal, world } from '../../fakes/use-case-world';

async function setup() {
  const w = world();
  const service = createIncidentService(
    {
      ...w,
      notes: new MemoryNotes(),
      outbox: new MemoryOutbox(),
      housekeeping: new MemoryHousekeeping(),
    },
    {
      ...w.settings,
      managerUserIds: [],
      timeZone: 'UTC',
      updateReminderMinutes: {},
      archiveChannelsAfterDays: 7,
    },
  );
  const { incident } = await declareIncident(w, aDeclaration());
  w.incidents.queued.length = 0;
  return { w, service, incident };
}

describe('changeLead', () => {
  it('hands the lead over: invited, announced in the channel, and every root message refreshed', async () => {
    const { w, service, incident } = await setup();
    const updated = await service.changeLead({ incident, leadId: 'U_BEN', byUserId: 'U_ANA' });
    expect(updated.lead.id).toBe('U_BEN');
    expect(w.incidents.queued.map((q) => [q.queue.replace(incident.id, 'ID'), q.effect])).toEqual([
      ['incident:ID:channel', { kind: 'channel.invite', incidentId: incident.id, userIds: ['U_BEN'] }],
      [
        'incident:ID:channel',
        { kind: 'lead.announce', incidentId: incident.id, leadId: 'U_BEN', byUserId: 'U_ANA' },
      ],
      [
        'incident:ID:announce:C_STATUS',
        { kind: 'announce.refresh', incidentId: incident.id, channelId: 'C_STATUS' },
      ],
      [
        'incident:ID:announce:C_API',
        { kind: 'announce.refresh', incidentId: incident.id, channelId: 'C_API' },
      ],
    ]);
  });

  it('refuses the person who already leads', async () => {
    const { service, incident, w } = await setup();
    expect(await domainRefusal(service.changeLead({ incident, leadId: 'U_ANA', byUserId: 'U_ANA' }))).toEqual(
      {
        code: 'InvalidInput',
        message: 'They already lead INC-1.',
      },
    );
    expect(w.incidents.queued).toHaveLength(0);
  });

  it('refuses a resolved incident', async () => {
    const { service, incident, w } = await setup();
    const { incident: resolved } = await postUpdate(
      { ...w, timeZone: 'UTC' },
      {
        incidentId: incident.id,
        stage: 'resolved',
        message: 'Fixed.',
        impact: 'none',
        componentKeys: [],
        componentStatus: null,
        visibility: null,
        occurredAt: null,
        authorId: 'U_ANA',
        sourceKey: null,
      },
    );
    w.incidents.queued.length = 0;
    expect(
      await domainRefusal(service.changeLead({ incident: resolved, leadId: 'U_BEN', byUserId: 'U_ANA' })),
    ).toEqual({
      code: 'IncidentClosed',
      message: 'INC-1 is resolved: the lead role applies to open incidents.',
    });
    expect((await w.incidents.loadRecord(incident.id))?.lead.id).toBe('U_ANA');
    expect(w.incidents.queued).toHaveLength(0);
  });
});
