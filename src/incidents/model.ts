import type { ComponentStatus, Impact, Stage, Visibility } from './vocabulary';

/** A catalog component (SPEC §2). `position` is the catalog order. */
export interface Component {
  id: string;
  key: string;
  name: string;
  group: string | null;
  description: string | null;
  announceChannels: string[];
  position: number;
  archivedAt: Date | null;
}

/** A component's status as recorded by one update (the state after that update). */
export interface ComponentState {
  componentId: string;
  status: ComponentStatus;
}

/** A person as Slack knows them; `name` is the display name used by exports. */
export interface Person {
  id: string;
  name: string | null;
}

export interface IncidentUpdate {
  id: string;
  incidentId: string;
  stage: Stage;
  message: string;
  /** When it happened (may be back-dated). */
  occurredAt: Date;
  /** When it was recorded. */
  createdAt: Date;
  author: Person;
  /** Impact after this update. */
  impact: Impact;
  /** The full selection of affected components after this update, with their statuses. */
  components: ComponentState[];
  /** Commit order, 1-based per incident (Slack threads follow this order). */
  sequence: number;
  /** Imported updates only (SPEC §14): the source's component changes, shown as given, not derived. */
  recordedChanges?: RecordedComponentChange[] | null;
  /** When it was last corrected (SPEC §11); null or absent when never. */
  editedAt?: Date | null;
  /** How many corrections it has had. */
  revisionCount?: number;
}

/** One correction (SPEC §11): who changed what and when; fields before and after, as text. */
export interface Revision {
  id: string;
  incidentId: string;
  /** Null for the incident's own fields. */
  updateId: string | null;
  kind: 'edit' | 'delete' | 'incident';
  editor: Person;
  createdAt: Date;
  before: Record<string, string | null>;
  after: Record<string, string | null>;
}

/** A component change as another tool recorded it (names and statuses exactly as it gave them). */
export interface RecordedComponentChange {
  componentId: string;
  name: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

/** An internal timeline entry captured from the incident channel (SPEC §5.4). Never public. */
export interface Note {
  id: string;
  incidentId: string;
  text: string;
  author: Person;
  occurredAt: Date;
  createdAt: Date;
  channelId: string;
  messageTs: string;
}

/** A component affected at any point of an incident, with its current status in that incident. */
export interface AffectedComponent {
  component: Component;
  status: ComponentStatus;
}

export interface Incident {
  id: string;
  teamId: string;
  number: number;
  title: string;
  /** Current impact, stage and resolution, derived from the timeline (see deriveIncidentState). */
  impact: Impact;
  stage: Stage;
  resolvedAt: Date | null;
  visibility: Visibility;
  startedAt: Date;
  detectedBy: string | null;
  detectedAt: Date | null;
  lead: Person;
  declaredBy: Person;
  /** The incident channel, once created. */
  channelId: string | null;
  channelName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An incident with everything needed to render it: timeline, notes and components. */
export interface IncidentRecord extends Incident {
  /** Every component ever affected, in catalog order, with its current status in this incident. */
  components: AffectedComponent[];
  /** Updates in occurred order (ties broken by sequence). */
  updates: IncidentUpdate[];
  /** Internal notes in occurred order. */
  notes: Note[];
  /** Corrections, oldest first (absent where the reader does not load them). */
  revisions?: Revision[];
}

export function incidentRef(incident: Pick<Incident, 'number'>): string {
  return `INC-${incident.number}`;
}

/** `Group: Name`, or `Name` without a group (SPEC §2). */
export function componentLabel(component: Pick<Component, 'name' | 'group'>): string {
  return component.group ? `${component.group}: ${component.name}` : component.name;
}
