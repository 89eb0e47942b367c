import type { MaintenanceUpdate } from './model';
import { isFinalMaintenanceStage, type MaintenanceStage } from './vocabulary';

type TimelineEntry = Pick<MaintenanceUpdate, 'stage' | 'occurredAt' | 'sequence'>;

/** Occurred order, ties broken by commit order. */
export function compareMaintenanceUpdates(a: TimelineEntry, b: TimelineEntry): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.sequence - b.sequence;
}

export interface MaintenanceState {
  stage: MaintenanceStage;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** The stage is that of the latest update; the start and end are the first updates that moved it there. */
export function deriveMaintenanceState(updates: readonly TimelineEntry[]): MaintenanceState {
  const sorted = [...updates].sort(compareMaintenanceUpdates);
  const latest = sorted.at(-1);
  if (!latest) throw new Error('a maintenance has at least its scheduling update');
  const started = sorted.find((u) => u.stage !== 'scheduled' && u.stage !== 'cancelled');
  const ended = sorted.find((u) => isFinalMaintenanceStage(u.stage));
  return {
    stage: latest.stage,
    startedAt: started?.occurredAt ?? null,
    endedAt: ended?.occurredAt ?? null,
  };
}
