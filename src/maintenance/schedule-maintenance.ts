import { InvalidInput } from '../incidents/errors';
import type { Clock, ComponentCatalog } from '../incidents/ports';
import { type MaintenanceSettings, maintenanceChannels, scheduledEffects } from './announce';
import type { MaintenanceRepository, MaintenanceWrite } from './ports';
import { checkSchedule, initialStage, reminderDueAt, type ScheduleRequest } from './schedule-rules';
import type { MaintenanceVisibility } from './vocabulary';

export interface ScheduleMaintenanceInput extends ScheduleRequest {
  teamId: string;
  visibility: MaintenanceVisibility;
  autoTransitions: boolean;
  scheduledById: string;
  /** One maintenance per key (the Slack view id): a double submission schedules once. */
  sourceKey: string | null;
}

export interface ScheduleMaintenanceDeps {
  maintenances: MaintenanceRepository;
  catalog: ComponentCatalog;
  clock: Clock;
  settings: MaintenanceSettings;
}

/** Schedules a maintenance: validated (SPEC §12), committed with its first update, then announced. */
export async function scheduleMaintenance(
  deps: ScheduleMaintenanceDeps,
  input: ScheduleMaintenanceInput,
): Promise<MaintenanceWrite> {
  const now = deps.clock.now();
  const problems: Record<string, string> = { ...checkSchedule(input, now) };
  const keys = [...new Set(input.componentKeys)];
  const components = (await deps.catalog.findByKeys(keys)).filter((c) => c.archivedAt === null);
  const unknown = keys.filter((key) => !components.some((c) => c.key === key));
  if (unknown.length > 0) problems.componentKeys = `Unknown component: ${unknown.join(', ')}.`;
  const { scheduledFor, scheduledUntil } = input;
  if (Object.keys(problems).length > 0 || !scheduledFor || !scheduledUntil) throw new InvalidInput(problems);

  const stage = initialStage(input.alreadyStarted);
  // A start picked in the current minute may lie a few seconds behind the clock: the work starts now.
  const start = stage === 'scheduled' && scheduledFor < now ? now : scheduledFor;
  const channels = maintenanceChannels(deps.settings, components);
  return deps.maintenances.schedule(
    {
      teamId: input.teamId,
      title: input.title.trim(),
      visibility: input.visibility,
      scheduledFor: start,
      scheduledUntil,
      autoTransitions: input.autoTransitions,
      remindAt: reminderDueAt(start, input.alreadyStarted, now),
      createdById: input.scheduledById,
      sourceKey: input.sourceKey,
      componentIds: components.map((c) => c.id),
      firstUpdate: {
        stage,
        message: input.message,
        occurredAt: stage === 'in_progress' ? start : now,
        authorId: input.scheduledById,
      },
    },
    (maintenance, updateId) => scheduledEffects(maintenance, updateId, channels),
  );
}
