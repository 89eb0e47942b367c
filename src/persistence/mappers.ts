import type {
  Component,
  ComponentState,
  Incident,
  IncidentUpdate,
  Note,
  Person,
  RecordedComponentChange,
} from '../incidents/model';
import type { ComponentStatus, Impact, Stage } from '../incidents/vocabulary';
import type * as Db from './generated/client';

/** Rows become domain types before they leave persistence/. */

export function toComponent(row: Db.Component): Component {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    group: row.group,
    description: row.description,
    announceChannels: row.announceChannels,
    position: row.position,
    archivedAt: row.archivedAt,
  };
}

export function person(id: string, names: Map<string, string>): Person {
  return { id, name: names.get(id) ?? null };
}

export function toIncident(row: Db.Incident, names: Map<string, string> = new Map()): Incident {
  return {
    id: row.id,
    teamId: row.teamId,
    number: row.number,
    title: row.title,
    impact: row.impact as Impact,
    stage: row.stage as Stage,
    resolvedAt: row.resolvedAt,
    startedAt: row.startedAt,
    detectedBy: row.detectedBy,
    detectedAt: row.detectedAt,
    lead: person(row.leadId, names),
    declaredBy: person(row.declaredById, names),
    channelId: row.channelId,
    channelName: row.channelName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toUpdate(row: Db.IncidentUpdate, names: Map<string, string> = new Map()): IncidentUpdate {
  return {
    id: row.id,
    incidentId: row.incidentId,
    stage: row.stage as Stage,
    message: row.message,
    occurredAt: row.occurredAt,
    createdAt: row.createdAt,
    author: person(row.authorId, names),
    impact: row.impact as Impact,
    components: row.components as unknown as ComponentState[],
    sequence: row.sequence,
    recordedChanges: toRecordedChanges(row.sourceComponents),
  };
}

export function toNote(row: Db.Note, names: Map<string, string> = new Map()): Note {
  return {
    id: row.id,
    incidentId: row.incidentId,
    text: row.text,
    author: person(row.authorId, names),
    occurredAt: row.occurredAt,
    createdAt: row.createdAt,
    channelId: row.channelId,
    messageTs: row.messageTs,
  };
}

/** `source_components` of an imported update; null for updates posted in Sitrep. */
export function toRecordedChanges(value: Db.Prisma.JsonValue | null): RecordedComponentChange[] | null {
  return value === null ? null : (value as unknown as RecordedComponentChange[]);
}

export function toComponentStatus(value: string): ComponentStatus {
  return value as ComponentStatus;
}
