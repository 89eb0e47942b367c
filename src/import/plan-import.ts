import type { ComponentStatus, Impact, Stage } from '../incidents/vocabulary';
import type { MaintenanceStage } from '../maintenance/vocabulary';
import { type KnownComponent, type Placement, placeAffected } from './place-components';
import type { SourceUpdate, StatuspageSource } from './statuspage-schema';

/** A component change of an imported update, exactly as the source gave it, placed in the catalog. */
export interface PlannedChange {
  key: string;
  name: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
}

export interface PlannedUpdate<S extends string = Stage> {
  statuspageId: string;
  stage: S;
  /** The body verbatim: whole, line breaks (CRLF included) kept. */
  message: string;
  /** `display_at`, to the second. */
  occurredAt: Date;
  /** `created_at`: when the source recorded it. */
  createdAt: Date;
  changes: PlannedChange[];
}

export interface PlannedIncident {
  statuspageId: string;
  title: string;
  impact: Impact;
  startedAt: Date;
  createdAt: Date;
  /** In occurred order; at one `display_at`, in recorded order. */
  updates: PlannedUpdate[];
}

interface PlannedMaintenance {
  statuspageId: string;
  title: string;
  stage: MaintenanceStage;
  impact: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  /** The source's `resolved_at`: when it ended, where no update says so. */
  resolvedAt: Date | null;
  createdAt: Date;
  /** Catalog keys of the components it names. */
  componentKeys: string[];
  updates: PlannedUpdate<MaintenanceStage>[];
}

/** What one import writes, decided before anything is written. */
export interface ImportPlan {
  /** New incidents, in the order they are numbered (source `created_at`). */
  incidents: PlannedIncident[];
  /** New updates of incidents imported before, by their Statuspage id. */
  additions: { statuspageId: string; updates: PlannedUpdate[] }[];
  maintenances: PlannedMaintenance[];
  maintenanceAdditions: {
    statuspageId: string;
    stage: MaintenanceStage;
    updates: PlannedUpdate<MaintenanceStage>[];
  }[];
  /** Incidents and maintenances imported before (those that only gained updates included). */
  alreadyPresent: number;
  /** Affected components that could not be placed: reported, left out. */
  problems: string[];
}

/** Statuspage ids of what a previous import brought in. */
export interface ImportedIds {
  /** Incident id → the ids of its updates. */
  incidents: ReadonlyMap<string, ReadonlySet<string>>;
  maintenances: ReadonlyMap<string, ReadonlySet<string>>;
}

/** SPEC §14: occurred times are kept to the second. */
function toSecond(iso: string): Date {
  const ms = new Date(iso).getTime();
  return new Date(ms - (((ms % 1000) + 1000) % 1000));
}

export function planImport(
  source: StatuspageSource,
  placement: Placement,
  catalog: readonly KnownComponent[],
  imported: ImportedIds,
  incidentsFile = 'incidents.json',
  maintenancesFile = 'scheduled-maintenances.json',
): ImportPlan {
  const plan: ImportPlan = {
    incidents: [],
    additions: [],
    maintenances: [],
    maintenanceAdditions: [],
    alreadyPresent: 0,
    problems: [],
  };
  const place = (file: string, kind: string, recordId: string) => {
    const reported = new Set<string>();
    return (update: SourceUpdate | { affected_components?: SourceUpdate['affected_components'] }) => {
      const changes: PlannedChange[] = [];
      for (const entry of update.affected_components ?? []) {
        if (!entry.code) continue;
        const name = entry.name ?? '';
        const key = placeAffected(placement, catalog, entry.code, name);
        if (key === null) {
          if (!reported.has(entry.code)) {
            reported.add(entry.code);
            plan.problems.push(
              `${file}: ${kind} ${recordId}: affected component "${name}" (${entry.code}) is not in the catalog; left out`,
            );
          }
          continue;
        }
        changes.push({
          key,
          name,
          oldStatus: entry.old_status as ComponentStatus,
          newStatus: entry.new_status as ComponentStatus,
        });
      }
      return changes;
    };
  };

  const seen = new Set<string>();
  const incidents = [...source.incidents].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id.localeCompare(b.id),
  );
  for (const incident of incidents) {
    if (seen.has(incident.id)) continue;
    seen.add(incident.id);
    const changesOf = place(incidentsFile, 'incident', incident.id);
    const known = imported.incidents.get(incident.id);
    const updates = orderUpdates(incident.incident_updates)
      .filter((u) => !known?.has(u.id))
      .map((u) => plannedUpdate(u, changesOf(u)));
    if (known) {
      plan.alreadyPresent++;
      if (updates.length > 0) plan.additions.push({ statuspageId: incident.id, updates });
      continue;
    }
    const times = [
      incident.started_at,
      incident.created_at,
      ...incident.incident_updates.map((u) => u.display_at),
    ]
      .filter((t): t is string => typeof t === 'string')
      .map((t) => toSecond(t).getTime());
    plan.incidents.push({
      statuspageId: incident.id,
      title: incident.name,
      impact: incident.impact,
      startedAt: new Date(Math.min(...times)),
      createdAt: new Date(incident.created_at),
      updates,
    });
  }

  const seenMaintenances = new Set<string>();
  for (const maintenance of source.maintenances) {
    if (seenMaintenances.has(maintenance.id)) continue;
    seenMaintenances.add(maintenance.id);
    const changesOf = place(maintenancesFile, 'maintenance', maintenance.id);
    const known = imported.maintenances.get(maintenance.id);
    const updates = orderUpdates(maintenance.incident_updates)
      .filter((u) => !known?.has(u.id))
      .map((u) => plannedUpdate(u, changesOf(u)));
    if (known) {
      plan.alreadyPresent++;
      if (updates.length > 0) {
        plan.maintenanceAdditions.push({ statuspageId: maintenance.id, stage: maintenance.status, updates });
      }
      continue;
    }
    const keys = new Set<string>();
    for (const c of maintenance.components ?? []) {
      const key = placeAffected(placement, catalog, c.id, c.name);
      if (key) keys.add(key);
    }
    for (const u of updates) for (const c of u.changes) keys.add(c.key);
    plan.maintenances.push({
      statuspageId: maintenance.id,
      title: maintenance.name,
      stage: maintenance.status,
      impact: maintenance.impact,
      scheduledFor: toSecond(maintenance.scheduled_for),
      scheduledUntil: toSecond(maintenance.scheduled_until),
      resolvedAt: maintenance.resolved_at ? toSecond(maintenance.resolved_at) : null,
      createdAt: new Date(maintenance.created_at),
      componentKeys: [...keys],
      updates,
    });
  }
  return plan;
}

/** Occurred order to the second; updates shown at the same second in the order they were recorded. */
function orderUpdates<U extends { id: string; display_at: string; created_at: string }>(
  updates: readonly U[],
): U[] {
  const unique = [...new Map(updates.map((u) => [u.id, u])).values()];
  return unique.sort(
    (a, b) =>
      toSecond(a.display_at).getTime() - toSecond(b.display_at).getTime() ||
      Date.parse(a.created_at) - Date.parse(b.created_at) ||
      a.id.localeCompare(b.id),
  );
}

function plannedUpdate<S extends string>(
  update: { id: string; status: S; body: string; display_at: string; created_at: string },
  changes: PlannedChange[],
): PlannedUpdate<S> {
  return {
    statuspageId: update.id,
    stage: update.status,
    message: update.body,
    occurredAt: toSecond(update.display_at),
    createdAt: new Date(update.created_at),
    changes,
  };
}
