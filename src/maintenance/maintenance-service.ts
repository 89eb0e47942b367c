import type { Clock, ComponentCatalog } from '../incidents/ports';
import type { MaintenanceSettings } from './announce';
import type { MaintenanceClockStore, MaintenanceRepository } from './ports';
import { type PostMaintenanceUpdateInput, postMaintenanceUpdate } from './post-maintenance-update';
import { runMaintenanceClock } from './run-maintenance-clock';
import { type ScheduleMaintenanceInput, scheduleMaintenance } from './schedule-maintenance';

export interface MaintenanceServicePorts {
  maintenances: MaintenanceRepository;
  clockStore: MaintenanceClockStore;
  catalog: ComponentCatalog;
  clock: Clock;
}

/** The maintenance use cases bound to their ports and settings. */
export function createMaintenanceService(ports: MaintenanceServicePorts, settings: MaintenanceSettings) {
  const { maintenances, catalog, clock } = ports;
  return {
    schedule: (input: ScheduleMaintenanceInput) =>
      scheduleMaintenance({ maintenances, catalog, clock, settings }, input),
    postUpdate: (input: PostMaintenanceUpdateInput) =>
      postMaintenanceUpdate({ maintenances, clock, settings }, input),
    runClock: (now?: Date) => runMaintenanceClock({ store: ports.clockStore, clock, settings }, now),
  };
}

export type MaintenanceService = ReturnType<typeof createMaintenanceService>;
