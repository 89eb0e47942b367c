import { slugify } from '../incidents/naming';
import { compareTimeline, sortTimeline } from '../incidents/timeline';
import {
  type ComponentStatus,
  componentStatusLabels,
  type Impact,
  impactLabels,
  impacts,
  worseStatus,
} from '../incidents/vocabulary';
import type { PublicComponent, PublicIncident, PublicUpdate } from './model';

/** Each component's status across open incidents: the worst one wins; absent means operational. */
export function currentStatuses(openIncidents: readonly PublicIncident[]): Map<string, ComponentStatus> {
  const statuses = new Map<string, ComponentStatus>();
  for (const incident of openIncidents) {
    for (const { component, status } of incident.components) {
      if (status === 'operational') continue;
      const known = statuses.get(component.id);
      statuses.set(component.id, known ? worseStatus(known, status) : status);
    }
  }
  return statuses;
}

export function latestUpdate<T extends Pick<PublicUpdate, 'occurredAt' | 'sequence'>>(
  updates: readonly T[],
): T | undefined {
  let latest: T | undefined;
  for (const update of updates) if (!latest || compareTimeline(update, latest) > 0) latest = update;
  return latest;
}

/** Newest first, as status pages show a timeline. */
export function newestFirst<T extends Pick<PublicUpdate, 'occurredAt' | 'sequence'>>(
  updates: readonly T[],
): T[] {
  return sortTimeline(updates).reverse();
}

/** When the incident last entered monitoring (Statuspage's `monitoring_at`), or null. */
export function monitoringAt(
  updates: readonly Pick<PublicUpdate, 'stage' | 'occurredAt' | 'sequence'>[],
): Date | null {
  let at: Date | null = null;
  let previous: string | undefined;
  for (const update of sortTimeline(updates)) {
    if (update.stage === 'monitoring' && previous !== 'monitoring') at = update.occurredAt;
    previous = update.stage;
  }
  return at;
}

/**
 * When the public record last changed: its latest recorded or corrected update. (The row's own `updated_at` also moves
 * on private changes, such as a new lead or a reminder.)
 */
export function publicUpdatedAt(incident: Pick<PublicIncident, 'createdAt' | 'updates'>): Date {
  let at = incident.createdAt;
  for (const update of incident.updates) {
    const changed = update.editedAt ?? update.createdAt;
    if (changed > at) at = changed;
  }
  return at;
}

// --- the overall status ---------------------------------------------------------------------------

/** Statuspage's page indicator; `maintenance` only when maintenance is the worst there is. */
export type Indicator = 'none' | 'maintenance' | 'minor' | 'major' | 'critical';

const indicatorRank: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

const indicatorOfStatus: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** Statuspage's own wording of each indicator. */
export const indicatorDescriptions: Record<Indicator, string> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

export interface OverallStatus {
  indicator: Indicator;
  /** Statuspage's `status.description`. */
  description: string;
  /** The banner of the HTML page. */
  headline: string;
}

/**
 * The page's status: all operational without open incidents; otherwise the worse of the worst component
 * status and the highest open impact, told as that component status (`Partial outage`) or as that impact
 * (`Major incident in progress`).
 */
export function overallStatus(
  statuses: Iterable<ComponentStatus>,
  openImpacts: readonly Impact[],
): OverallStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) worst = worseStatus(worst, status);
  const impact = openImpacts.reduce<Impact | null>(
    (max, next) => (max === null || impacts.indexOf(next) > impacts.indexOf(max) ? next : max),
    null,
  );
  if (impact === null && worst === 'operational') {
    return {
      indicator: 'none',
      description: indicatorDescriptions.none,
      headline: 'All systems operational',
    };
  }
  const fromStatus = indicatorOfStatus[worst];
  const fromImpact: Indicator = impact ?? 'none';
  if (worst !== 'operational' && indicatorRank[fromStatus] >= indicatorRank[fromImpact]) {
    return {
      indicator: fromStatus,
      description: indicatorDescriptions[fromStatus],
      headline: componentStatusLabels[worst],
    };
  }
  return {
    indicator: fromImpact,
    description: indicatorDescriptions[fromImpact],
    headline:
      impact === 'none' || impact === null
        ? 'Incident in progress'
        : `${impactLabels[impact]} incident in progress`,
  };
}

// --- components by group --------------------------------------------------------------------------

export interface ComponentRow {
  component: PublicComponent;
  status: ComponentStatus;
}

export type ComponentEntry =
  | ({ kind: 'component' } & ComponentRow)
  | { kind: 'group'; id: string; name: string; status: ComponentStatus; members: ComponentRow[] };

/**
 * Catalog order, with each group gathered where its first member stands (Vero 1.0's two components
 * together, although the catalog lists others between them). A group's status is its worst member's.
 */
export function componentLayout(
  components: readonly PublicComponent[],
  statuses: ReadonlyMap<string, ComponentStatus>,
): ComponentEntry[] {
  const entries: ComponentEntry[] = [];
  const groups = new Map<string, Extract<ComponentEntry, { kind: 'group' }>>();
  for (const component of [...components].sort((a, b) => a.position - b.position)) {
    const row = { component, status: statuses.get(component.id) ?? 'operational' };
    if (component.group === null) {
      entries.push({ kind: 'component', ...row });
      continue;
    }
    let group = groups.get(component.group);
    if (!group) {
      group = {
        kind: 'group',
        id: groupId(component.group),
        name: component.group,
        status: 'operational',
        members: [],
      };
      groups.set(component.group, group);
      entries.push(group);
    }
    group.members.push(row);
    group.status = worseStatus(group.status, row.status);
  }
  return entries;
}

/** A group's id in the JSON: `group:` and the slug of its name (component keys never hold a colon). */
export function groupId(name: string): string {
  return `group:${slugify(name)}`;
}
