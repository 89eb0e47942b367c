import type { Component, Incident, IncidentUpdate } from '../incidents/model';
import type { ComponentStatus } from '../incidents/vocabulary';

/*
 * What the public status page may know of the data: no people, no channels, no notes. The reader
 * builds these shapes, so nothing private can reach a renderer by accident.
 */

/** A catalog component as the public sees it: no announce channels. */
export interface PublicComponent extends Omit<Component, 'announceChannels'> {
  createdAt: Date;
  updatedAt: Date;
}

export interface PublicAffectedComponent {
  component: PublicComponent;
  /** Its status in this incident, after the latest update. */
  status: ComponentStatus;
}

/** An update without its author. */
export type PublicUpdate = Pick<
  IncidentUpdate,
  | 'id'
  | 'stage'
  | 'message'
  | 'occurredAt'
  | 'createdAt'
  | 'impact'
  | 'components'
  | 'sequence'
  | 'recordedChanges'
  | 'editedAt'
>;

/** An incident without lead, declarer, channel, workspace or notes. */
export interface PublicIncident
  extends Pick<
    Incident,
    | 'number'
    | 'title'
    | 'impact'
    | 'stage'
    | 'startedAt'
    | 'resolvedAt'
    | 'detectedBy'
    | 'detectedAt'
    | 'createdAt'
  > {
  /** Every component ever affected, in catalog order, with its status in this incident. */
  components: PublicAffectedComponent[];
  /** Occurred order, ties by sequence. */
  updates: PublicUpdate[];
}

/** One line of the incident history. */
export type PublicIncidentHeader = Pick<
  Incident,
  'number' | 'title' | 'impact' | 'stage' | 'startedAt' | 'resolvedAt'
>;

/** An incident's component statuses over time, for the uptime bars. */
export interface PublicIncidentTimeline extends Pick<Incident, 'number' | 'title'> {
  updates: Pick<PublicUpdate, 'stage' | 'occurredAt' | 'sequence' | 'components'>[];
}

/** An update with the incident it belongs to, for the Atom feed. */
export interface PublicFeedEntry {
  incident: Pick<Incident, 'number' | 'title'>;
  update: Pick<PublicUpdate, 'id' | 'stage' | 'message' | 'occurredAt' | 'createdAt' | 'editedAt'>;
}
