import { type IncidentRecord, incidentRef } from '../incidents/model';
import { toIsoSeconds } from '../incidents/time';
import { componentChanges, sortTimeline } from '../incidents/timeline';
import type { ComponentStatus, Impact, Stage, Visibility } from '../incidents/vocabulary';
import { ComponentIndex, displayName } from './common';

export interface ExportJsonComponent {
  id: string;
  name: string;
  group: string | null;
  status: ComponentStatus;
}

export interface ExportJsonAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface ExportJsonUpdate {
  id: string;
  status: Stage;
  body: string;
  display_at: string;
  created_at: string;
  /** The last correction's time, else when it was recorded (SPEC §11). */
  updated_at: string;
  /** How many corrections it had. */
  revisions: number;
  author: string;
  affected_components: ExportJsonAffectedComponent[];
}

export interface ExportJsonNote {
  id: string;
  body: string;
  display_at: string;
  created_at: string;
  author: string;
}

/** A Statuspage-style incident object (SPEC §6), plus detection and internal notes. */
export interface ExportJson {
  id: string;
  name: string;
  status: Stage;
  impact: Impact;
  /** public, internal or private (SPEC §10). */
  visibility: Visibility;
  created_at: string;
  started_at: string;
  resolved_at: string | null;
  updated_at: string;
  /** Started → resolved; null while the incident is open. */
  duration_seconds: number | null;
  detected_by: string | null;
  detected_at: string | null;
  components: ExportJsonComponent[];
  incident_updates: ExportJsonUpdate[];
  notes: ExportJsonNote[];
}

export function toExportJson(record: IncidentRecord): ExportJson {
  const index = new ComponentIndex(record);
  const updates = sortTimeline(record.updates);
  const changes = componentChanges(updates);
  return {
    id: incidentRef(record),
    name: record.title,
    status: record.stage,
    impact: record.impact,
    visibility: record.visibility,
    created_at: toIsoSeconds(record.createdAt),
    started_at: toIsoSeconds(record.startedAt),
    resolved_at: record.resolvedAt ? toIsoSeconds(record.resolvedAt) : null,
    updated_at: toIsoSeconds(record.updatedAt),
    duration_seconds: record.resolvedAt
      ? Math.max(0, Math.floor((record.resolvedAt.getTime() - record.startedAt.getTime()) / 1000))
      : null,
    detected_by: record.detectedBy,
    detected_at: record.detectedAt ? toIsoSeconds(record.detectedAt) : null,
    components: [...record.components]
      .sort((a, b) => a.component.position - b.component.position)
      .map(({ component, status }) => ({
        id: component.key,
        name: component.name,
        group: component.group,
        status,
      })),
    incident_updates: updates.map((update) => ({
      id: update.id,
      status: update.stage,
      body: update.message,
      display_at: toIsoSeconds(update.occurredAt),
      created_at: toIsoSeconds(update.createdAt),
      updated_at: toIsoSeconds(update.editedAt ?? update.createdAt),
      revisions: update.revisionCount ?? 0,
      author: displayName(update.author),
      affected_components: (changes.get(update.id) ?? []).map((change) => {
        const component = index.get(change.componentId);
        return {
          code: component?.key ?? change.componentId,
          name: change.name ?? component?.name ?? change.componentId,
          old_status: change.oldStatus,
          new_status: change.newStatus,
        };
      }),
    })),
    notes: [...record.notes]
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map((note) => ({
        id: note.id,
        body: note.text,
        display_at: toIsoSeconds(note.occurredAt),
        created_at: toIsoSeconds(note.createdAt),
        author: displayName(note.author),
      })),
  };
}

export function renderJson(record: IncidentRecord): string {
  return `${JSON.stringify(toExportJson(record), null, 2)}\n`;
}
