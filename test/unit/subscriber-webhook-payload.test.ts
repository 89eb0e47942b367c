import {
  type ComponentDocument,
  componentWebhook,
  type DeliveryContext,
  type IncidentDocument,
  incidentWebhook,
} from '../../src/subscribers/webhook-payload';
import { fixture, shapeDifferences, withFixtures } from '../support/statuspage-webhooks';

const database: ComponentDocument = {
  id: 'database',
  name: 'Database',
  status: 'partial_outage',
  created_at: '2022-09-01T08:00:00Z',
  updated_at: '2022-09-01T09:20:00Z',
  position: 2,
  description: null,
  showcase: true,
  group_id: 'platform',
  page_id: 'vero',
};

const incident: IncidentDocument = {
  id: 'INC-1',
  name: 'Degraded performance across Vero platform',
  status: 'identified',
  created_at: '2022-09-01T09:10:45Z',
  updated_at: '2022-09-01T09:40:00Z',
  monitoring_at: null,
  resolved_at: null,
  impact: 'major',
  shortlink: 'https://status.vero.example/incidents/INC-1',
  page_id: 'vero',
  incident_updates: [
    {
      id: 'upd-1',
      status: 'investigating',
      body: 'We are investigating slow responses.',
      incident_id: 'INC-1',
      created_at: '2022-09-01T09:10:45Z',
      updated_at: '2022-09-01T09:10:45Z',
      display_at: '2022-09-01T09:10:45Z',
      affected_components: [],
    },
    {
      id: 'upd-2',
      status: 'identified',
      body: 'A database node is overloaded.',
      incident_id: 'INC-1',
      created_at: '2022-09-01T09:40:00Z',
      updated_at: '2022-09-01T09:40:00Z',
      display_at: '2022-09-01T09:40:00Z',
      affected_components: [
        {
          code: 'database',
          name: 'Database',
          old_status: 'degraded_performance',
          new_status: 'partial_outage',
        },
      ],
    },
  ],
  components: [database],
};

const context: DeliveryContext = {
  page: { id: 'vero', status_indicator: 'major', status_description: 'Partial System Outage' },
  unsubscribeUrl: 'https://status.vero.example/subscriptions/unsubscribe/abc',
  generatedAt: new Date('2022-09-01T09:40:01.000Z'),
};

describe('incident webhook payload', () => {
  it('lists the updates newest first, as consumers take the first as the latest', () => {
    const payload = incidentWebhook(incident, context);
    expect(payload.incident.incident_updates.map((u) => u.id)).toEqual(['upd-2', 'upd-1']);
    expect(payload.meta).toEqual({
      unsubscribe: 'https://status.vero.example/subscriptions/unsubscribe/abc',
      documentation: expect.stringMatching(/^https:\/\//),
      generated_at: '2022-09-01T09:40:01.000Z',
    });
  });

  it('gives a chat integration what it reads: name, status, latest body, page description', () => {
    const payload = JSON.parse(JSON.stringify(incidentWebhook(incident, context)));
    expect('incident' in payload).toBe(true);
    expect(`${payload.incident.name}: ${payload.page.status_description}`).toBe(
      'Degraded performance across Vero platform: Partial System Outage',
    );
    expect(payload.incident.status).toBe('identified');
    expect(payload.incident.incident_updates[0].body).toBe('A database node is overloaded.');
  });
});

describe('component webhook payload', () => {
  const change = {
    id: 'chg-1',
    oldStatus: 'degraded_performance',
    newStatus: 'partial_outage',
    at: new Date('2022-09-01T09:40:00Z'),
  };

  it('carries no top-level incident key, so consumers read it as a component event', () => {
    const payload = JSON.parse(JSON.stringify(componentWebhook(database, change, context)));
    expect(Object.keys(payload).sort()).toEqual(['component', 'component_update', 'meta', 'page']);
    expect(payload.component_update).toEqual({
      old_status: 'degraded_performance',
      new_status: 'partial_outage',
      created_at: '2022-09-01T09:40:00.000Z',
      component_type: 'Component',
      id: 'chg-1',
      component_id: 'database',
    });
    expect(payload.component.name).toBe('Database');
  });
});

withFixtures('against real Statuspage deliveries', () => {
  it.each(['incident_created.json', 'incident_update.json'])(
    'an incident update has the keys, types and nesting of %s',
    (name) => {
      const ours = JSON.parse(JSON.stringify(incidentWebhook(incident, context)));
      expect(shapeDifferences(fixture(name), ours)).toEqual([]);
    },
  );

  it('a component update has the keys, types and nesting of component_status_update.json', () => {
    const change = { id: 'chg-1', oldStatus: 'operational', newStatus: 'major_outage', at: new Date() };
    const ours = JSON.parse(JSON.stringify(componentWebhook(database, change, context)));
    expect(shapeDifferences(fixture('component_status_update.json'), ours)).toEqual([]);
  });

  it('the comparison notices a missing or mistyped field', () => {
    const ours = JSON.parse(JSON.stringify(incidentWebhook(incident, context)));
    delete ours.incident.shortlink;
    ours.incident.incident_updates[0].body = 42;
    expect(shapeDifferences(fixture('incident_update.json'), ours)).toEqual([
      '$.incident.shortlink: missing',
      '$.incident.incident_updates[0].body: number, not string',
    ]);
  });
});
