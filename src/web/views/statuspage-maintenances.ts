import { componentLabel } from '../../incidents/model';
import { toIsoSeconds } from '../../incidents/time';
import type { ComponentStatus } from '../../incidents/vocabulary';
import { maintenanceRef } from '../../maintenance/reference';
import type { MaintenanceStage } from '../../maintenance/vocabulary';
import {
  maintenanceComponentChanges,
  maintenanceUpdatedAt,
  type PublicMaintenance,
  type PublicMaintenanceComponent,
} from '../../status/public-maintenance';

/*
 * Statuspage's scheduled maintenance object (https://metastatuspage.com/api#scheduled-maintenances): the
 * incident shape plus `scheduled_for` and `scheduled_until`, impact `maintenance`, statuses scheduled,
 * in_progress, verifying, completed (and Sitrep's cancelled). Ids are `MNT-n`.
 */

export interface StatuspageMaintenanceUpdate {
  id: string;
  status: MaintenanceStage;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: unknown;
}

export interface StatuspageMaintenance<C> {
  id: string;
  name: string;
  status: MaintenanceStage;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: string;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: StatuspageMaintenanceUpdate[];
  components: C[];
  scheduled_for: string;
  scheduled_until: string;
}

export interface MaintenanceDocumentOptions<C> {
  publicBaseUrl: string;
  pageId: string;
  /** The page's component object for one of the maintenance's components (its current status included);
   * null for one archived from the catalog since, which the page no longer lists. */
  componentObject: (component: PublicMaintenanceComponent) => C | null;
}

/** Maintenances as Statuspage lists them, each component the page's own object (catalog key as id). */
export function statuspageMaintenances<C extends { id: string }>(
  maintenances: readonly PublicMaintenance[],
  options: { publicBaseUrl: string; pageId: string; components: readonly C[] },
): StatuspageMaintenance<C>[] {
  const byKey = new Map(options.components.map((c) => [c.id, c]));
  const componentObject = (component: PublicMaintenanceComponent) => byKey.get(component.key) ?? null;
  return maintenances.map((m) => statuspageMaintenance(m, { ...options, componentObject }));
}

export function statuspageMaintenance<C>(
  maintenance: PublicMaintenance,
  options: MaintenanceDocumentOptions<C>,
): StatuspageMaintenance<C> {
  const ref = maintenanceRef(maintenance);
  const byId = new Map(maintenance.components.map((c) => [c.id, c]));
  const changes = maintenanceComponentChanges(maintenance);
  const first = maintenance.updates[0];
  const verifying = maintenance.updates.find((u) => u.stage === 'verifying');
  const affected = (updateId: string) =>
    (changes.get(updateId) ?? []).flatMap((change) => {
      const component = byId.get(change.componentId);
      return component
        ? [
            {
              code: component.key,
              name: componentLabel(component),
              old_status: change.oldStatus satisfies ComponentStatus,
              new_status: change.newStatus satisfies ComponentStatus,
            },
          ]
        : [];
    });
  return {
    id: ref,
    name: maintenance.title,
    status: maintenance.stage,
    created_at: toIsoSeconds(first?.createdAt ?? maintenance.scheduledFor),
    updated_at: toIsoSeconds(maintenanceUpdatedAt(maintenance)),
    monitoring_at: verifying ? toIsoSeconds(verifying.occurredAt) : null,
    resolved_at: maintenance.endedAt ? toIsoSeconds(maintenance.endedAt) : null,
    impact: maintenance.impact,
    shortlink: `${options.publicBaseUrl}/maintenances/${ref}`,
    started_at: toIsoSeconds(first?.occurredAt ?? maintenance.scheduledFor),
    page_id: options.pageId,
    incident_updates: [...maintenance.updates].reverse().map((update) => ({
      id: update.id,
      status: update.stage,
      body: update.message,
      incident_id: ref,
      created_at: toIsoSeconds(update.createdAt),
      updated_at: toIsoSeconds(update.createdAt),
      display_at: toIsoSeconds(update.occurredAt),
      affected_components: update.affectedComponents ?? affected(update.id),
    })),
    components: maintenance.components.flatMap((c) => options.componentObject(c) ?? []),
    scheduled_for: toIsoSeconds(maintenance.scheduledFor),
    scheduled_until: toIsoSeconds(maintenance.scheduledUntil),
  };
}
