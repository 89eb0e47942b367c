import type { ComponentState, IncidentUpdate } from '../incidents/model';
import { isClosedStage, sortTimeline } from '../incidents/timeline';
import type { ComponentStatus } from '../incidents/vocabulary';

type Entry = Pick<
  IncidentUpdate,
  'id' | 'stage' | 'occurredAt' | 'sequence' | 'components' | 'recordedChanges'
>;

/**
 * The component snapshot after each update of a timeline holding imported updates (by update id). An
 * imported update applies its recorded changes (`new_status`) to the state before it; an update posted
 * in Sitrep keeps its own snapshot. As for any resolved incident in Sitrep, a closed stage shows every
 * component operational, whatever the source's last listing said, while the state carries on unchanged
 * should the incident re-open.
 */
export function importedSnapshots(updates: readonly Entry[]): Map<string, ComponentState[]> {
  const snapshots = new Map<string, ComponentState[]>();
  let state = new Map<string, ComponentStatus>();
  for (const update of sortTimeline(updates)) {
    if (!update.recordedChanges) {
      state = new Map(update.components.map((c) => [c.componentId, c.status]));
      snapshots.set(update.id, update.components);
      continue;
    }
    for (const change of update.recordedChanges) state.set(change.componentId, change.newStatus);
    const closed = isClosedStage(update.stage);
    snapshots.set(
      update.id,
      [...state].map(([componentId, status]) => ({ componentId, status: closed ? 'operational' : status })),
    );
  }
  return snapshots;
}
