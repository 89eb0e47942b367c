import type {
  Component,
  ComponentState,
  IncidentRecord,
  IncidentUpdate,
  Note,
  Person,
} from '../../src/incidents/model';
import { affectedComponents, deriveIncidentState, sortTimeline } from '../../src/incidents/timeline';

export const T0 = new Date('2022-09-01T09:10:45Z');

export const utc = (iso: string): Date => new Date(iso);

export function aPerson(overrides: Partial<Person> = {}): Person {
  return { id: 'U0LEAD', name: 'Ana Lima', ...overrides };
}

export function aComponent(overrides: Partial<Component> = {}): Component {
  const key = overrides.key ?? 'api';
  return {
    id: `cmp-${key}`,
    key,
    name: 'API',
    group: null,
    description: null,
    announceChannels: [],
    position: 0,
    archivedAt: null,
    ...overrides,
  };
}

let updateCounter = 0;

export function anUpdate(overrides: Partial<IncidentUpdate> = {}): IncidentUpdate {
  updateCounter += 1;
  const occurredAt = overrides.occurredAt ?? T0;
  return {
    id: `upd-${updateCounter}`,
    incidentId: 'inc-1',
    stage: 'investigating',
    message: 'We are looking into it.',
    occurredAt,
    createdAt: occurredAt,
    author: aPerson(),
    impact: 'minor',
    components: [],
    sequence: updateCounter,
    ...overrides,
  };
}

let noteCounter = 0;

export function aNote(overrides: Partial<Note> = {}): Note {
  noteCounter += 1;
  const occurredAt = overrides.occurredAt ?? T0;
  return {
    id: `note-${noteCounter}`,
    incidentId: 'inc-1',
    text: 'Customer reports are coming in.',
    author: aPerson({ id: 'U0SUPPORT', name: 'Sam Support' }),
    occurredAt,
    createdAt: occurredAt,
    channelId: 'C0INC1',
    messageTs: '1662023445.000100',
    ...overrides,
  };
}

/**
 * An incident record; stage, impact and resolvedAt follow the updates unless overridden, as the
 * repositories derive them.
 */
export function anIncidentRecord(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  const startedAt = overrides.startedAt ?? T0;
  const updates = sortTimeline(
    overrides.updates ?? [anUpdate({ id: 'upd-first', occurredAt: startedAt, sequence: 1 })],
  );
  const state = deriveIncidentState(updates);
  const last = updates.at(-1);
  return {
    id: 'inc-1',
    teamId: 'T0TEAM',
    number: 1,
    title: 'Elevated error rates',
    visibility: 'public',
    impact: state.impact,
    stage: state.stage,
    resolvedAt: state.resolvedAt,
    startedAt,
    detectedBy: null,
    detectedAt: null,
    lead: aPerson(),
    declaredBy: aPerson(),
    channelId: 'C0INC1',
    channelName: 'inc-1-elevated-error-rates',
    createdAt: startedAt,
    updatedAt: last?.createdAt ?? startedAt,
    components: [],
    notes: [],
    ...overrides,
    updates,
  };
}

/** The Vero catalog of SPEC §1, in catalog order. */
export function veroCatalog(): Component[] {
  const entries: [key: string, name: string, group: string | null][] = [
    ['vero1-ingestion-api', 'Ingestion API', 'Vero 1.0'],
    ['general-ui', 'General UI access and speed', null],
    ['transactional-emails', 'Transactional emails', null],
    ['vero1-newsletter-processing', 'Newsletter processing', 'Vero 1.0'],
    ['workflows', 'Workflows', null],
    ['behavioral-emails', 'Behavioral emails', null],
    ['vero2-ui', 'UI', 'Vero 2.0'],
    ['vero2-newsletter-processing', 'Newsletter processing', 'Vero 2.0'],
  ];
  return entries.map(([key, name, group], position) => aComponent({ key, name, group, position }));
}

export const veroMessages = {
  investigating:
    "We're investigating reports of slow dashboards and delayed event ingestion across Vero 1.0 and 2.0. 🔍\n\nEmails may go out later than scheduled; no data has been lost.",
  identified:
    'We have identified the cause: a database cluster is running hot after a failed index rebuild. 🛠️\n\nWe are moving traffic to a replica.',
  identifiedAgain:
    'Traffic is on the replica. Newsletters queued since 09:10 UTC are being processed, oldest first. 📬\n\nWorkflows and behavioral emails are catching up too.',
  monitoring:
    'A fix has been implemented and we are monitoring the results. 👀\n\nQueues are draining; expect delays of up to 30 minutes for "scheduled" newsletters.',
  resolved:
    'This incident has been resolved. ✅\n\nAll queues are empty and every component is operational again. Thank you for your patience!',
  postmortem:
    'Postmortem 📝\n\nAn index rebuild, started at 08:55 UTC, locked a hot table, so writes queued up.\n\nWe now rebuild indexes on a replica first, and alert on lock waits over 30 s.',
};

const lead: Person = { id: 'U0VEROLEAD', name: 'Ana Lima' };
const oncall: Person = { id: 'U0ONCALL', name: 'Ben Okafor' };

/** The complete SPEC §1 record: minor, resolved at 13:57:12 after 4h 46m, then a postmortem. */
export function veroIncident(): IncidentRecord {
  const catalog = veroCatalog();
  const ids = catalog.map((component) => component.id);
  const all = (status: ComponentState['status']): ComponentState[] =>
    ids.map((componentId) => ({ componentId, status }));
  const [ingestion = '', generalUi = ''] = ids;
  const update = (overrides: Partial<IncidentUpdate>) =>
    anUpdate({ incidentId: 'inc-vero', author: oncall, impact: 'minor', ...overrides });
  const updates = [
    update({
      id: 'upd-vero-1',
      stage: 'investigating',
      message: veroMessages.investigating,
      occurredAt: utc('2022-09-01T09:10:45Z'),
      createdAt: utc('2022-09-01T09:12:03Z'),
      components: [
        { componentId: ingestion, status: 'degraded_performance' },
        { componentId: generalUi, status: 'degraded_performance' },
      ],
      sequence: 1,
    }),
    update({
      id: 'upd-vero-2',
      stage: 'identified',
      message: veroMessages.identified,
      occurredAt: utc('2022-09-01T09:30:00Z'),
      createdAt: utc('2022-09-01T09:30:00Z'),
      author: lead,
      components: all('degraded_performance').map((state) =>
        state.componentId === ingestion ? { ...state, status: 'partial_outage' } : state,
      ),
      sequence: 2,
    }),
    // Back-dated: recorded after the monitoring update, so it comes later in commit order.
    update({
      id: 'upd-vero-3',
      stage: 'identified',
      message: veroMessages.identifiedAgain,
      occurredAt: utc('2022-09-01T09:45:00Z'),
      createdAt: utc('2022-09-01T11:02:00Z'),
      author: lead,
      components: all('degraded_performance'),
      sequence: 4,
    }),
    update({
      id: 'upd-vero-4',
      stage: 'monitoring',
      message: veroMessages.monitoring,
      occurredAt: utc('2022-09-01T10:57:00Z'),
      createdAt: utc('2022-09-01T10:57:00Z'),
      author: lead,
      components: all('degraded_performance'),
      sequence: 3,
    }),
    update({
      id: 'upd-vero-5',
      stage: 'resolved',
      message: veroMessages.resolved,
      occurredAt: utc('2022-09-01T13:57:12Z'),
      createdAt: utc('2022-09-01T13:57:12Z'),
      author: lead,
      components: all('operational'),
      sequence: 5,
    }),
    update({
      id: 'upd-vero-6',
      stage: 'postmortem',
      message: veroMessages.postmortem,
      occurredAt: utc('2022-09-01T23:19:00Z'),
      createdAt: utc('2022-09-01T23:19:00Z'),
      author: lead,
      components: all('operational'),
      sequence: 6,
    }),
  ];
  return anIncidentRecord({
    id: 'inc-vero',
    teamId: 'T0VERO',
    number: 1,
    title: 'Degraded performance across Vero platform',
    startedAt: utc('2022-09-01T09:10:45Z'),
    detectedBy: 'Pingoru',
    detectedAt: utc('2022-09-01T09:10:45Z'),
    lead,
    declaredBy: oncall,
    channelId: 'C0VERO1',
    channelName: 'inc-1-degraded-performance-across-vero-platform',
    createdAt: utc('2022-09-01T09:12:03Z'),
    updatedAt: utc('2022-09-01T23:19:00Z'),
    components: affectedComponents(catalog, updates),
    updates,
  });
}
