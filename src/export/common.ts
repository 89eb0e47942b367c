import {
  type Component,
  type ComponentState,
  componentLabel,
  type IncidentRecord,
  type IncidentUpdate,
  type Note,
  type Person,
} from '../incidents/model';
import { sortTimeline } from '../incidents/timeline';

export interface ExportOptions {
  /** The subject of the summary sentence (`ORG_NAME`). */
  orgName: string;
  /** Display zone (`DISPLAY_TIMEZONE`). */
  timeZone: string;
  /** The end of an open incident's duration so far. */
  now: Date;
}

/** Exports name people by display name, never by Slack mention. */
export function displayName(person: Person): string {
  return person.name ?? person.id;
}

export type TimelineItem =
  | { kind: 'update'; update: IncidentUpdate }
  | {
      kind: 'note';
      note: Note;
      /** The latest update at or before the note, if any. */
      inForce: IncidentUpdate | undefined;
    };

/** Updates and internal notes in one occurred order; an update comes before a note at the same time. */
export function timelineItems(record: Pick<IncidentRecord, 'updates' | 'notes'>): TimelineItem[] {
  const updates = sortTimeline(record.updates);
  const notes = [...record.notes].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const items: TimelineItem[] = [];
  let u = 0;
  let inForce: IncidentUpdate | undefined;
  for (const note of notes) {
    for (let update = updates[u]; update && update.occurredAt <= note.occurredAt; update = updates[++u]) {
      items.push({ kind: 'update', update });
      inForce = update;
    }
    items.push({ kind: 'note', note, inForce });
  }
  for (const update of updates.slice(u)) items.push({ kind: 'update', update });
  return items;
}

/** Looks up catalog components of a record by id, for rendering component snapshots. */
export class ComponentIndex {
  private readonly byId: Map<string, Component>;

  constructor(record: Pick<IncidentRecord, 'components'>) {
    this.byId = new Map(record.components.map(({ component }) => [component.id, component]));
  }

  get(componentId: string): Component | undefined {
    return this.byId.get(componentId);
  }

  label(componentId: string): string {
    const component = this.byId.get(componentId);
    return component ? componentLabel(component) : componentId;
  }

  /** A snapshot's labels in catalog order; unknown ids last, as they are. */
  labels(states: readonly ComponentState[]): string[] {
    return [...states]
      .sort((a, b) => this.position(a.componentId) - this.position(b.componentId))
      .map((state) => this.label(state.componentId));
  }

  private position(componentId: string): number {
    return this.byId.get(componentId)?.position ?? Number.MAX_SAFE_INTEGER;
  }
}
