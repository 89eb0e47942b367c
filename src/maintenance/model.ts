import type { Component, Person } from '../incidents/model';
import type { MaintenanceStage, MaintenanceVisibility } from './vocabulary';

/** A scheduled maintenance (SPEC §12). Stage, start and end are derived from its updates. */
export interface Maintenance {
  id: string;
  teamId: string;
  number: number;
  title: string;
  visibility: MaintenanceVisibility;
  stage: MaintenanceStage;
  /** Statuspage's impact: `maintenance` for Sitrep's own, the source's for imported ones. */
  impact: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  autoTransitions: boolean;
  /** When the work began (the first update past scheduled), or null. */
  startedAt: Date | null;
  /** When it was completed or cancelled, or null. */
  endedAt: Date | null;
  /** When the threaded reminder is due; null when none is sent. */
  remindAt: Date | null;
  createdBy: Person;
  createdAt: Date;
  updatedAt: Date;
}

export interface MaintenanceUpdate {
  id: string;
  maintenanceId: string;
  stage: MaintenanceStage;
  message: string;
  occurredAt: Date;
  createdAt: Date;
  /** Null: posted by the clock, or imported. */
  author: Person | null;
  /** Commit order, 1-based per maintenance (Slack threads follow it). */
  sequence: number;
}

export interface MaintenanceRecord extends Maintenance {
  /** Its components, in catalog order. */
  components: Component[];
  /** Updates in occurred order (ties broken by sequence). */
  updates: MaintenanceUpdate[];
}
