import { type ComponentStatus, worseStatus } from '../incidents/vocabulary';
import { isActiveMaintenanceStage, type MaintenanceStage } from './vocabulary';

export interface MaintenanceCoverage {
  stage: MaintenanceStage;
  componentIds: readonly string[];
}

/**
 * Components' statuses once maintenances are counted (SPEC §12): a maintenance in progress or verifying
 * puts its components under maintenance, unless an open incident gives them a worse status — the worst
 * wins (operational < under_maintenance < degraded_performance < partial_outage < major_outage). A
 * scheduled, completed or cancelled one changes nothing, so completing returns them to what the
 * incidents say. Absent from the result means operational.
 */
export function withMaintenances(
  incidentStatuses: ReadonlyMap<string, ComponentStatus>,
  maintenances: readonly MaintenanceCoverage[],
): Map<string, ComponentStatus> {
  const statuses = new Map(incidentStatuses);
  for (const maintenance of maintenances) {
    if (!isActiveMaintenanceStage(maintenance.stage)) continue;
    for (const id of maintenance.componentIds) {
      statuses.set(id, worseStatus(statuses.get(id) ?? 'operational', 'under_maintenance'));
    }
  }
  return statuses;
}
