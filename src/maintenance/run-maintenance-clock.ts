import type { Clock } from '../incidents/ports';
import { type MaintenanceSettings, reminderEffects, updateEffects } from './announce';
import type { MaintenanceRecord } from './model';
import type { MaintenanceClockStore, UpdatePlan } from './ports';
import { standardMessages } from './post-maintenance-update';
import type { MaintenanceStage } from './vocabulary';

export interface MaintenanceClockDeps {
  store: MaintenanceClockStore;
  clock: Clock;
  settings: MaintenanceSettings;
}

export interface MaintenanceClockPass {
  started: number;
  completed: number;
  reminded: number;
}

/**
 * One pass of the maintenance clock (SPEC §12): auto-transition maintenances start at scheduled_for and
 * complete at scheduled_until, each posted as an update at that time, and the announce channels hear an
 * hour ahead. Run every minute or so on every replica; the store's claims make each happen once.
 */
export async function runMaintenanceClock(
  deps: MaintenanceClockDeps,
  now: Date = deps.clock.now(),
): Promise<MaintenanceClockPass> {
  const transition =
    (stage: MaintenanceStage, at: (record: MaintenanceRecord) => Date) =>
    (record: MaintenanceRecord): UpdatePlan => ({
      update: {
        stage,
        message: standardMessages[stage],
        occurredAt: occurredAt(record, at(record), now),
        authorId: null,
      },
      effects: (updateId) => updateEffects(record, updateId, deps.settings),
    });
  const started = await deps.store.claimDueStarts(
    now,
    transition('in_progress', (r) => r.scheduledFor),
  );
  const completed = await deps.store.claimDueCompletions(
    now,
    transition('completed', (r) => r.scheduledUntil),
  );
  const reminded = await deps.store.claimDueReminders(now, (record) =>
    reminderEffects(record, deps.settings),
  );
  return { started, completed, reminded };
}

/**
 * A transition carries its scheduled time rather than the moment the pass ran, so the record reads as
 * planned even after downtime — but never before the latest update (it would not become the current
 * stage) and never in the future.
 */
function occurredAt(record: MaintenanceRecord, scheduled: Date, now: Date): Date {
  const latest = Math.max(...record.updates.map((u) => u.occurredAt.getTime()));
  return new Date(Math.min(Math.max(scheduled.getTime(), latest), now.getTime()));
}
