import type { Component } from '../incidents/model';
import type { ComponentStatus } from '../incidents/vocabulary';
import type { MaintenanceCoverage } from '../maintenance/component-status';
import { compareMaintenanceUpdates } from '../maintenance/timeline';
import { isActiveMaintenanceStage, type MaintenanceStage } from '../maintenance/vocabulary';

/*
 * A maintenance as the public may know it (SPEC §12, §10): no workspace, no people, no channels, and
 * only public ones ever become one — the reader filters in its queries.
 */

export type PublicMaintenanceComponent = Pick<Component, 'id' | 'key' | 'name' | 'group' | 'position'>;

export interface PublicMaintenanceUpdate {
  id: string;
  stage: MaintenanceStage;
  message: string;
  occurredAt: Date;
  createdAt: Date;
  sequence: number;
  /** Statuspage's affected_components, for imported updates that carried them; null otherwise. */
  affectedComponents: unknown;
}

export interface PublicMaintenance {
  number: number;
  title: string;
  stage: MaintenanceStage;
  impact: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** In catalog order. */
  components: PublicMaintenanceComponent[];
  /** Occurred order, ties by sequence. */
  updates: PublicMaintenanceUpdate[];
}

/** An update of a public maintenance, for the feeds. */
export interface PublicMaintenanceFeedEntry {
  maintenance: Pick<PublicMaintenance, 'number' | 'title'>;
  update: Pick<PublicMaintenanceUpdate, 'id' | 'stage' | 'message' | 'occurredAt' | 'createdAt'>;
}

/** When a public maintenance's components were under maintenance, for the uptime bars. */
export interface PublicMaintenanceWindow {
  number: number;
  title: string;
  componentIds: string[];
  startedAt: Date;
  /** Null while it is still under way. */
  endedAt: Date | null;
}

/** What the public surfaces read of maintenances; public ones only, filtered in the queries behind it. */
export interface MaintenanceStatusReader {
  /** Scheduled, in progress or verifying. */
  current(): Promise<PublicMaintenance[]>;
  /** The `limit` scheduled latest, of any stage, newest first. */
  recent(limit: number): Promise<PublicMaintenance[]>;
  find(number: number): Promise<PublicMaintenance | null>;
  /** The `limit` latest updates by occurred time, newest first. */
  recentUpdates(limit: number): Promise<PublicMaintenanceFeedEntry[]>;
  /** When an update of any public maintenance was last recorded. */
  lastChangeAt(): Promise<Date | null>;
  count(): Promise<number>;
  /** The public maintenances that were under way at some time after `since`. */
  windowsSince(since: Date): Promise<PublicMaintenanceWindow[]>;
}

/** The latest public change to a maintenance: when its newest update was recorded. */
export function maintenanceUpdatedAt(maintenance: Pick<PublicMaintenance, 'updates'>): Date {
  return new Date(Math.max(...maintenance.updates.map((u) => u.createdAt.getTime())));
}

/** The page's "Scheduled maintenance" order: under way first, then upcoming, each soonest start first. */
export function activeThenUpcoming<T extends Pick<PublicMaintenance, 'stage' | 'scheduledFor' | 'number'>>(
  maintenances: readonly T[],
): T[] {
  const rank = (m: T) => (isActiveMaintenanceStage(m.stage) ? 0 : m.stage === 'scheduled' ? 1 : 2);
  return maintenances
    .filter((m) => rank(m) < 2)
    .sort(
      (a, b) =>
        rank(a) - rank(b) || a.scheduledFor.getTime() - b.scheduledFor.getTime() || a.number - b.number,
    );
}

export function coverageOf(maintenances: readonly PublicMaintenance[]): MaintenanceCoverage[] {
  return maintenances.map((m) => ({ stage: m.stage, componentIds: m.components.map((c) => c.id) }));
}

export interface ComponentChange {
  componentId: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

/** What each update did to the maintenance's components: under maintenance while it is under way. */
export function maintenanceComponentChanges(maintenance: PublicMaintenance): Map<string, ComponentChange[]> {
  const changes = new Map<string, ComponentChange[]>();
  let before: ComponentStatus = 'operational';
  for (const update of [...maintenance.updates].sort(compareMaintenanceUpdates)) {
    const after: ComponentStatus = isActiveMaintenanceStage(update.stage)
      ? 'under_maintenance'
      : 'operational';
    changes.set(
      update.id,
      maintenance.components.map((c) => ({ componentId: c.id, oldStatus: before, newStatus: after })),
    );
    before = after;
  }
  return changes;
}
