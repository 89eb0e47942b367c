import type { Component, IncidentRecord } from '../../src/incidents/model';
import type { PublicComponent, PublicIncident } from '../../src/status/model';
import { type PageState, StatuspageDocuments } from '../../src/web/views/statuspage-json';
import { aNote, anIncidentRecord, anUpdate, utc, veroCatalog, veroIncident } from '../support/fixtures';

const catalogTime = utc('2022-08-01T00:00:00Z');
const options = {
  orgName: 'Vero',
  publicBaseUrl: 'https://status.example.test',
  timeZone: 'UTC',
  now: utc('2022-09-20T12:00:00Z'),
};

const publicComponent = (component: Component): PublicComponent => ({
  ...component,
  createdAt: catalogTime,
  updatedAt: catalogTime,
});

/** Private fields stay on at run time, as a careless reader would leave them. */
const asPublic = (record: IncidentRecord): PublicIncident => ({
  ...record,
  components: record.components.map(({ component, status }) => ({
    component: publicComponent(component),
    status,
  })),
});

const catalog = veroCatalog().map((c) => publicComponent({ ...c, announceChannels: ['C0ANNOUNCE'] }));
const [ingestion, generalUi] = catalog;

const open = asPublic(
  anIncidentRecord({
    number: 2,
    title: 'Checkout is slow',
    startedAt: utc('2022-09-20T10:00:00Z'),
    createdAt: utc('2022-09-20T10:00:05Z'),
    notes: [aNote({ text: 'Internal: vendor bug' })],
    updates: [
      anUpdate({
        id: 'upd-open-1',
        stage: 'investigating',
        impact: 'minor',
        occurredAt: utc('2022-09-20T10:00:00Z'),
        createdAt: utc('2022-09-20T10:00:05Z'),
        sequence: 1,
        components: [{ componentId: ingestion?.id ?? '', status: 'degraded_performance' }],
      }),
      anUpdate({
        id: 'upd-open-2',
        stage: 'monitoring',
        impact: 'minor',
        message: 'Watching.',
        occurredAt: utc('2022-09-20T11:00:00Z'),
        createdAt: utc('2022-09-20T11:00:30Z'),
        sequence: 2,
        components: [
          { componentId: ingestion?.id ?? '', status: 'partial_outage' },
          { componentId: generalUi?.id ?? '', status: 'degraded_performance' },
        ],
      }),
    ],
    components: [
      { component: veroCatalog()[0] as Component, status: 'partial_outage' },
      { component: veroCatalog()[1] as Component, status: 'degraded_performance' },
    ],
  }),
);
const vero = asPublic(veroIncident());

const documents = (state: Partial<PageState> = {}) =>
  new StatuspageDocuments(
    { components: catalog, openIncidents: [open], lastResolvedAt: null, ...state },
    options,
  );

describe('StatuspageDocuments', () => {
  it('describes the page', () => {
    expect(documents().page()).toEqual({
      id: 'vero',
      name: 'Vero',
      url: 'https://status.example.test',
      time_zone: 'UTC',
      updated_at: '2022-09-20T11:00:30Z',
    });
    expect(documents({ openIncidents: [], lastResolvedAt: null }).page().updated_at).toBe(
      '2022-08-01T00:00:00Z',
    );
  });

  it('gives the indicator and Statuspage description', () => {
    expect(documents().status()).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(documents({ openIncidents: [] }).status()).toEqual({
      indicator: 'none',
      description: 'All Systems Operational',
    });
  });

  it('represents groups as group components followed by their members', () => {
    const components = documents().components();
    expect(components.map((c) => [c.id, c.position, c.group_id, c.group, c.status])).toEqual([
      ['group:vero-1-0', 1, null, true, 'partial_outage'],
      ['vero1-ingestion-api', 1, 'group:vero-1-0', false, 'partial_outage'],
      ['vero1-newsletter-processing', 2, 'group:vero-1-0', false, 'operational'],
      ['general-ui', 2, null, false, 'degraded_performance'],
      ['transactional-emails', 3, null, false, 'operational'],
      ['workflows', 4, null, false, 'operational'],
      ['behavioral-emails', 5, null, false, 'operational'],
      ['group:vero-2-0', 6, null, true, 'operational'],
      ['vero2-ui', 1, 'group:vero-2-0', false, 'operational'],
      ['vero2-newsletter-processing', 2, 'group:vero-2-0', false, 'operational'],
    ]);
    expect(components[0]).toMatchObject({
      name: 'Vero 1.0',
      components: ['vero1-ingestion-api', 'vero1-newsletter-processing'],
      only_show_if_degraded: false,
      page_id: 'vero',
    });
    expect(components[1]).toEqual({
      id: 'vero1-ingestion-api',
      name: 'Ingestion API',
      status: 'partial_outage',
      created_at: '2022-08-01T00:00:00Z',
      updated_at: '2022-09-20T11:00:30Z',
      position: 1,
      description: null,
      showcase: true,
      start_date: null,
      group_id: 'group:vero-1-0',
      page_id: 'vero',
      group: false,
      only_show_if_degraded: false,
    });
    expect(components.find((c) => c.id === 'workflows')?.updated_at).toBe('2022-08-01T00:00:00Z');
  });

  it('describes an incident the Statuspage way, updates newest first', () => {
    const incident = documents().incident(vero);
    expect(incident).toMatchObject({
      id: 'INC-1',
      name: 'Degraded performance across Vero platform',
      status: 'postmortem',
      impact: 'minor',
      created_at: '2022-09-01T09:12:03Z',
      updated_at: '2022-09-01T23:19:00Z',
      started_at: '2022-09-01T09:10:45Z',
      monitoring_at: '2022-09-01T10:57:00Z',
      resolved_at: '2022-09-01T13:57:12Z',
      shortlink: 'https://status.example.test/incidents/INC-1',
      page_id: 'vero',
    });
    expect(incident.incident_updates.map((u) => [u.status, u.display_at, u.created_at])).toEqual([
      ['postmortem', '2022-09-01T23:19:00Z', '2022-09-01T23:19:00Z'],
      ['resolved', '2022-09-01T13:57:12Z', '2022-09-01T13:57:12Z'],
      ['monitoring', '2022-09-01T10:57:00Z', '2022-09-01T10:57:00Z'],
      ['identified', '2022-09-01T09:45:00Z', '2022-09-01T11:02:00Z'],
      ['identified', '2022-09-01T09:30:00Z', '2022-09-01T09:30:00Z'],
      ['investigating', '2022-09-01T09:10:45Z', '2022-09-01T09:12:03Z'],
    ]);
    expect(incident.incident_updates.every((u) => u.incident_id === 'INC-1')).toBe(true);
    expect(incident.incident_updates.at(-1)?.affected_components).toEqual([
      {
        code: 'vero1-ingestion-api',
        name: 'Vero 1.0: Ingestion API',
        old_status: 'operational',
        new_status: 'degraded_performance',
      },
      {
        code: 'general-ui',
        name: 'General UI access and speed',
        old_status: 'operational',
        new_status: 'degraded_performance',
      },
    ]);
    expect(incident.incident_updates[0]?.affected_components).toEqual([]);
    expect(incident.components.map((c) => [c.id, c.status])).toEqual([
      ['vero1-ingestion-api', 'partial_outage'],
      ['general-ui', 'degraded_performance'],
      ['transactional-emails', 'operational'],
      ['vero1-newsletter-processing', 'operational'],
      ['workflows', 'operational'],
      ['behavioral-emails', 'operational'],
      ['vero2-ui', 'operational'],
      ['vero2-newsletter-processing', 'operational'],
    ]);
  });

  it('keeps archived components in an incident, operational', () => {
    const gone = publicComponent({ ...(veroCatalog()[6] as Component), archivedAt: catalogTime });
    const incident = documents({ components: catalog.filter((c) => c.id !== gone.id) }).incident(vero);
    expect(incident.components.find((c) => c.id === 'vero2-ui')).toMatchObject({
      status: 'operational',
      group_id: 'group:vero-2-0',
    });
  });

  it('summarises components, unresolved incidents and the status', () => {
    const summary = documents().summary();
    expect(Object.keys(summary)).toEqual([
      'page',
      'components',
      'incidents',
      'scheduled_maintenances',
      'status',
    ]);
    expect(summary.incidents.map((i) => [i.id, i.status, i.monitoring_at])).toEqual([
      ['INC-2', 'monitoring', '2022-09-20T11:00:00Z'],
    ]);
    expect(summary.incidents[0]?.incident_updates[0]?.affected_components).toEqual([
      {
        code: 'vero1-ingestion-api',
        name: 'Vero 1.0: Ingestion API',
        old_status: 'degraded_performance',
        new_status: 'partial_outage',
      },
      {
        code: 'general-ui',
        name: 'General UI access and speed',
        old_status: 'operational',
        new_status: 'degraded_performance',
      },
    ]);
  });

  it('names no one and shows no channel or internal note', () => {
    const text = JSON.stringify([documents().summary(), documents().incident(vero)]);
    for (const secret of [
      'U0',
      'C0',
      '<@',
      'Ana Lima',
      'Ben Okafor',
      'Internal:',
      'T0TEAM',
      'inc-1-degraded',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
