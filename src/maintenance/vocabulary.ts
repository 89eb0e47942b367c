/** Closed vocabularies of scheduled maintenance (SPEC §12). Order is meaningful: a maintenance moves forward. */

export const maintenanceStages = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export type MaintenanceStage = (typeof maintenanceStages)[number];

/** The stages in which the work is under way: its components are under maintenance. */
export const activeMaintenanceStages = [
  'in_progress',
  'verifying',
] as const satisfies readonly MaintenanceStage[];

/** Stages after which nothing more happens. */
export const finalMaintenanceStages = [
  'completed',
  'cancelled',
] as const satisfies readonly MaintenanceStage[];

export const maintenanceVisibilities = ['public', 'internal'] as const;
export type MaintenanceVisibility = (typeof maintenanceVisibilities)[number];

export const maintenanceStageLabels: Record<MaintenanceStage, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function isActiveMaintenanceStage(stage: MaintenanceStage): boolean {
  return (activeMaintenanceStages as readonly string[]).includes(stage);
}

export function isFinalMaintenanceStage(stage: MaintenanceStage): boolean {
  return (finalMaintenanceStages as readonly string[]).includes(stage);
}

const order: Record<MaintenanceStage, number> = {
  scheduled: 0,
  in_progress: 1,
  verifying: 2,
  completed: 3,
  cancelled: 3,
};

/**
 * Whether an update may take a maintenance from `from` to `to`: forward along
 * scheduled → in_progress → verifying → completed, skipping any stage, or staying put (a further
 * message in the same stage); `cancelled` only while still scheduled; nothing after completed or cancelled.
 */
export function canMoveTo(from: MaintenanceStage, to: MaintenanceStage): boolean {
  if (isFinalMaintenanceStage(from)) return false;
  if (to === 'cancelled') return from === 'scheduled';
  return order[to] >= order[from];
}

/** The stages an update may choose from `from` (the update modal's options), in order. */
export function nextMaintenanceStages(from: MaintenanceStage): MaintenanceStage[] {
  return maintenanceStages.filter((to) => canMoveTo(from, to));
}
