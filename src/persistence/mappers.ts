import type {
  Component,
  ComponentState,
  Incident,
  IncidentRecord,
  IncidentUpdate,
  Note,
  Person,
  RecordedComponentChange,
  Revision,
} from '../incidents/model';
import type { ComponentStatus, Impact, Stage, Visibility } from '../incidents/vocabulary';
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
    visibility: row.visibility as Visibility,
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

export function toUpdate(
  row: Db.IncidentUpdate & { _count?: { revisions: number } },
  names: Map<string, string> = new Map(),
): IncidentUpdate {
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
    editedAt: row.editedAt,
    revisionCount: row._count?.revisions ?? 0,
  };
}

/** An incident with its live timeline (deleted updates left out), notes, components and corrections. */
export const recordInclude = {
  updates: {
    where: { deletedAt: null },
    orderBy: [{ occurredAt: 'asc' }, { sequence: 'asc' }],
    include: { _count: { select: { revisions: true } } },
  },
  notes: { orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }] },
  components: { include: { component: true } },
  revisions: { orderBy: { createdAt: 'asc' } },
} satisfies Db.Prisma.IncidentInclude;

export type RecordRow = Db.Prisma.IncidentGetPayload<{ include: typeof recordInclude }>;

/** Everyone a record names, for one lookup of display names. */
export function recordPeople(row: RecordRow): string[] {
  return [
    row.leadId,
    row.declaredById,
    ...row.updates.map((u) => u.authorId),
    ...row.notes.map((n) => n.authorId),
    ...row.revisions.map((r) => r.editorId),
  ];
}

export function toRecord(row: RecordRow, names: Map<string, string>): IncidentRecord {
  return {
    ...toIncident(row, names),
    components: row.components
      .map((ic) => ({ component: toComponent(ic.component), status: toComponentStatus(ic.status) }))
      .sort((a, b) => a.component.position - b.component.position),
    updates: row.updates.map((u) => toUpdate(u, names)),
    notes: row.notes.map((n) => toNote(n, names)),
    revisions: row.revisions.map((r) => toRevision(r, names)),
  };
}

function toRevision(row: Db.Revision, names: Map<string, string>): Revision {
  return {
    id: row.id,
    incidentId: row.incidentId,
    updateId: row.updateId,
    kind: row.kind as Revision['kind'],
    editor: person(row.editorId, names),
    createdAt: row.createdAt,
    before: row.before as Revision['before'],
    after: row.after as Revision['after'],
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
