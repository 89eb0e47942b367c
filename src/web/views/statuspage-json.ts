import { componentLabel, incidentRef } from '../../incidents/model';
import { slugify } from '../../incidents/naming';
import { toIsoSeconds } from '../../incidents/time';
import { componentChanges } from '../../incidents/timeline';
import type { ComponentStatus } from '../../incidents/vocabulary';
import { withMaintenances } from '../../maintenance/component-status';
import {
  type ComponentEntry,
  componentLayout,
  currentStatuses,
  groupId,
  monitoringAt,
  newestFirst,
  overallStatus,
  publicUpdatedAt,
} from '../../status/derive';
import type { PublicComponent, PublicIncident } from '../../status/model';
import {
  activeThenUpcoming,
  coverageOf,
  maintenanceUpdatedAt,
  type PublicMaintenance,
} from '../../status/public-maintenance';
import { statuspageMaintenances } from './statuspage-maintenances';
import type {
  StatuspageComponent,
  StatuspageIncident,
  StatuspageOptions,
  StatuspagePage,
  StatuspageStatus,
} from './statuspage-types';

/*
 * Statuspage's public API v2 shapes (https://metastatuspage.com/api): field names and vocabularies as
 * Statuspage's, so existing widgets and monitors read them. Component ids are catalog keys; groups are
 * group components (`group: true`, `components: [ids]`); incident ids are `INC-n`. Times are UTC ISO 8601.
 */

/** What every document is built from: the catalog and the open incidents (which give current statuses). */
export interface PageState {
  components: PublicComponent[];
  openIncidents: PublicIncident[];
  /** The latest resolution time of any incident, for the page's `updated_at`. */
  lastResolvedAt: Date | null;
  /** Public maintenances scheduled or under way, and when any public maintenance last changed. */
  maintenances?: PublicMaintenance[];
  lastMaintenanceChangeAt?: Date | null;
}

/** The page id: the org name's slug (Statuspage's are opaque; this one is at least stable). */
export function pageId(orgName: string): string {
  return slugify(orgName);
}

/** Builds the documents of one request; holds the derived statuses and component objects once. */
export class StatuspageDocuments {
  private readonly statuses: Map<string, ComponentStatus>;
  private readonly layout: ComponentEntry[];
  private readonly componentObjects: StatuspageComponent[];
  /** Component objects by catalog id (their `id` is the key). */
  private readonly byId = new Map<string, StatuspageComponent>();
  /** Per component, the last update of an open incident that affects it. */
  private readonly changedAt = new Map<string, Date>();
  private readonly pageId: string;

  constructor(
    private readonly state: PageState,
    private readonly options: StatuspageOptions,
  ) {
    this.pageId = pageId(options.orgName);
    this.statuses = withMaintenances(
      currentStatuses(state.openIncidents),
      coverageOf(state.maintenances ?? []),
    );
    for (const incident of state.openIncidents) {
      const at = publicUpdatedAt(incident);
      for (const { component } of incident.components) {
        const known = this.changedAt.get(component.id);
        if (!known || at > known) this.changedAt.set(component.id, at);
      }
    }
    this.layout = componentLayout(state.components, this.statuses);
    this.componentObjects = this.buildComponents();
  }

  page(extra: readonly PublicIncident[] = []): StatuspagePage {
    const times = [
      ...this.state.components.map((c) => c.updatedAt),
      ...[...this.state.openIncidents, ...extra].map(publicUpdatedAt),
      ...(this.state.lastResolvedAt ? [this.state.lastResolvedAt] : []),
      ...(this.state.maintenances ?? []).map(maintenanceUpdatedAt),
      ...(this.state.lastMaintenanceChangeAt ? [this.state.lastMaintenanceChangeAt] : []),
    ];
    const updatedAt = times.reduce<Date | null>((max, t) => (max === null || t > max ? t : max), null);
    return {
      id: this.pageId,
      name: this.options.orgName,
      url: this.options.publicBaseUrl,
      time_zone: this.options.timeZone,
      updated_at: toIsoSeconds(updatedAt ?? this.options.now),
    };
  }

  status(): StatuspageStatus {
    const { indicator, description } = overallStatus(
      this.statuses.values(),
      this.state.openIncidents.map((incident) => incident.impact),
    );
    return { indicator, description };
  }

  components(): StatuspageComponent[] {
    return this.componentObjects;
  }

  incident(incident: PublicIncident): StatuspageIncident {
    const ref = incidentRef(incident);
    const byId = new Map(incident.components.map(({ component }) => [component.id, component]));
    const changes = componentChanges(incident.updates);
    return {
      id: ref,
      name: incident.title,
      status: incident.stage,
      created_at: toIsoSeconds(incident.createdAt),
      updated_at: toIsoSeconds(publicUpdatedAt(incident)),
      monitoring_at: isoOrNull(monitoringAt(incident.updates)),
      resolved_at: isoOrNull(incident.resolvedAt),
      impact: incident.impact,
      shortlink: `${this.options.publicBaseUrl}/incidents/${ref}`,
      started_at: toIsoSeconds(incident.startedAt),
      page_id: this.pageId,
      incident_updates: newestFirst(incident.updates).map((update) => ({
        id: update.id,
        status: update.stage,
        body: update.message,
        incident_id: ref,
        created_at: toIsoSeconds(update.createdAt),
        updated_at: toIsoSeconds(update.editedAt ?? update.createdAt),
        display_at: toIsoSeconds(update.occurredAt),
        affected_components: (changes.get(update.id) ?? []).flatMap((change) => {
          const component = byId.get(change.componentId);
          if (!component) return [];
          return [
            {
              code: component.key,
              name: change.name ?? componentLabel(component),
              old_status: change.oldStatus,
              new_status: change.newStatus,
            },
          ];
        }),
      })),
      components: incident.components.map(
        ({ component }) =>
          this.byId.get(component.id) ??
          // Archived since: history keeps it, with no current status of its own.
          this.componentObject(component, 'operational', component.position + 1, groupIdOf(component)),
      ),
    };
  }

  /** Unresolved incidents, newest start first. */
  unresolved(): StatuspageIncident[] {
    return this.state.openIncidents.map((incident) => this.incident(incident));
  }

  summary() {
    return {
      page: this.page(),
      components: this.components(),
      incidents: this.unresolved(),
      scheduled_maintenances: this.maintenances(this.currentMaintenances()),
      status: this.status(),
    };
  }

  /** Public maintenances scheduled or under way: under way first, then upcoming, soonest first. */
  currentMaintenances(): PublicMaintenance[] {
    return activeThenUpcoming(this.state.maintenances ?? []);
  }

  /** Scheduled maintenances in Statuspage's shape (SPEC §12). */
  maintenances(list: readonly PublicMaintenance[]) {
    return statuspageMaintenances(list, {
      publicBaseUrl: this.options.publicBaseUrl,
      pageId: this.pageId,
      components: this.componentObjects,
    });
  }

  private buildComponents(): StatuspageComponent[] {
    const objects: StatuspageComponent[] = [];
    for (const [index, entry] of this.layout.entries()) {
      const position = index + 1;
      if (entry.kind === 'component') {
        objects.push(
          this.remember(entry.component, this.componentObject(entry.component, entry.status, position, null)),
        );
        continue;
      }
      const members = entry.members.map(({ component, status }, i) =>
        this.remember(component, this.componentObject(component, status, i + 1, entry.id)),
      );
      objects.push({
        id: entry.id,
        name: entry.name,
        status: entry.status,
        created_at: minIso(entry.members.map((m) => m.component.createdAt)),
        updated_at: toIsoSeconds(
          new Date(Math.max(...entry.members.map((m) => this.statusChangedAt(m.component).getTime()))),
        ),
        position,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: this.pageId,
        group: true,
        only_show_if_degraded: false,
        components: members.map((m) => m.id),
      });
      objects.push(...members);
    }
    return objects;
  }

  private remember(component: PublicComponent, object: StatuspageComponent): StatuspageComponent {
    this.byId.set(component.id, object);
    return object;
  }

  private componentObject(
    component: PublicComponent,
    status: ComponentStatus,
    position: number,
    group: string | null,
  ): StatuspageComponent {
    return {
      id: component.key,
      name: component.name,
      status,
      created_at: toIsoSeconds(component.createdAt),
      updated_at: toIsoSeconds(this.statusChangedAt(component)),
      position,
      description: component.description,
      showcase: true,
      start_date: null,
      group_id: group,
      page_id: this.pageId,
      group: false,
      only_show_if_degraded: false,
    };
  }

  /** The catalog's last edit, or the last update of an open incident that affects it, whichever is later. */
  private statusChangedAt(component: PublicComponent): Date {
    const changed = this.changedAt.get(component.id);
    return changed && changed > component.updatedAt ? changed : component.updatedAt;
  }
}

function groupIdOf(component: Pick<PublicComponent, 'group'>): string | null {
  return component.group === null ? null : groupId(component.group);
}

function isoOrNull(date: Date | null): string | null {
  return date ? toIsoSeconds(date) : null;
}

function minIso(dates: Date[]): string {
  return toIsoSeconds(new Date(Math.min(...dates.map((d) => d.getTime()))));
}
