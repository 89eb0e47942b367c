import { componentLabel, incidentRef } from '../incidents/model';
import type { Clock } from '../incidents/ports';
import { formatDisplayTime } from '../incidents/time';
import { isClosedStage } from '../incidents/timeline';
import { type ComponentStatus, componentStatusLabels } from '../incidents/vocabulary';
import { maintenanceRef } from '../maintenance/reference';
import { isActiveMaintenanceStage } from '../maintenance/vocabulary';
import { latestUpdate } from '../status/derive';
import type { PublicIncident } from '../status/model';
import type { MaintenanceStatusReader, PublicMaintenance } from '../status/public-maintenance';
import type { StatusReader } from '../status/status-reader';
import type { SubscriberNews, UpdateNews } from '../subscribers/ports';
import type { ComponentDocument, IncidentDocument, WebhookPage } from '../subscribers/webhook-payload';
import { StatuspageDocuments } from './views/statuspage-json';
import { statuspageMaintenance } from './views/statuspage-maintenances';

export interface SubscriberNewsOptions {
  reader: StatusReader;
  maintenances: MaintenanceStatusReader;
  orgName: string;
  publicBaseUrl: string;
  timeZone: string;
  clock: Clock;
}

/** The page's documents are shared by the deliveries of one fan-out for this long. */
const PAGE_REUSE_MS = 1_000;

function componentDocument(c: ComponentDocument): ComponentDocument {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: c.created_at,
    updated_at: c.updated_at,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    group_id: c.group_id,
    page_id: c.page_id,
  };
}

/**
 * The incident as it stood once this update was written: its later updates left out, its stage, impact
 * and component statuses those of its latest remaining update. A delivery that waited (retries) still
 * tells of its own update, as the first of `incident_updates`.
 */
function asOfUpdate(incident: PublicIncident, sequence: number): PublicIncident {
  const updates = incident.updates.filter((u) => u.sequence <= sequence);
  if (updates.length === incident.updates.length) return incident;
  const latest = latestUpdate(updates);
  if (!latest) return incident;
  const statuses = new Map(latest.components.map((c) => [c.componentId, c.status]));
  const closing = isClosedStage(latest.stage) ? updates.find((u) => isClosedStage(u.stage)) : undefined;
  return {
    ...incident,
    stage: latest.stage,
    impact: latest.impact,
    resolvedAt: closing ? closing.occurredAt : null,
    components: incident.components
      .filter(({ component }) => statuses.has(component.id))
      .map(({ component }) => ({ component, status: statuses.get(component.id) ?? 'operational' })),
    updates,
  };
}

/** The public record as deliveries tell it, from the status page's own reader and documents. */
export class PublicSubscriberNews implements SubscriberNews {
  private shared: { at: number; documents: Promise<StatuspageDocuments> } | undefined;

  constructor(private readonly options: SubscriberNewsOptions) {}

  async incidentUpdate(incidentNumber: number, updateId: string): Promise<UpdateNews | null> {
    // Read afresh for each delivery: the reader answers for public incidents only.
    const found = await this.options.reader.findIncident(incidentNumber);
    const update = found?.updates.find((u) => u.id === updateId);
    if (!found || !update) return null;
    const incident = asOfUpdate(found, update.sequence);
    const docs = await this.documents();
    const document = docs.incident(incident);
    const names = new Map(
      incident.components.map(({ component }) => [component.id, componentLabel(component)]),
    );
    return {
      document: {
        ...document,
        components: document.components.map(componentDocument),
      } satisfies IncidentDocument,
      mail: {
        title: incident.title,
        stage: update.stage,
        message: update.message,
        when: formatDisplayTime(update.occurredAt, this.options.timeZone),
        components: update.components.flatMap((c) => {
          const name = names.get(c.componentId);
          return name ? [{ name, status: componentStatusLabels[c.status] }] : [];
        }),
        pageUrl: `${this.options.publicBaseUrl}/incidents/${incidentRef(incident)}`,
      },
    };
  }

  async maintenanceUpdate(maintenanceNumber: number, updateId: string): Promise<UpdateNews | null> {
    const found = await this.options.maintenances.find(maintenanceNumber);
    const update = found?.updates.find((u) => u.id === updateId);
    if (!found || !update) return null;
    const updates = found.updates.filter((u) => u.sequence <= update.sequence);
    const maintenance: PublicMaintenance = {
      ...found,
      stage: latestUpdate(updates)?.stage ?? found.stage,
      updates,
    };
    const docs = await this.documents();
    const byKey = new Map(docs.components().map((c) => [c.id, c]));
    const document = statuspageMaintenance(maintenance, {
      publicBaseUrl: this.options.publicBaseUrl,
      pageId: docs.page().id,
      componentObject: (c) => byKey.get(c.key) ?? null,
    });
    const status: ComponentStatus = isActiveMaintenanceStage(update.stage)
      ? 'under_maintenance'
      : 'operational';
    return {
      document: {
        ...document,
        incident_updates: document.incident_updates.map((u) => ({
          ...u,
          affected_components: Array.isArray(u.affected_components) ? u.affected_components : [],
        })),
        components: document.components.map(componentDocument),
      },
      mail: {
        title: maintenance.title,
        stage: update.stage,
        message: update.message,
        when: formatDisplayTime(update.occurredAt, this.options.timeZone),
        components: maintenance.components.map((c) => ({
          name: componentLabel(c),
          status: componentStatusLabels[status],
        })),
        pageUrl: `${this.options.publicBaseUrl}/maintenances/${maintenanceRef(maintenance)}`,
      },
    };
  }

  async component(key: string): Promise<ComponentDocument | null> {
    const found = (await this.documents()).components().find((c) => c.id === key && !c.group);
    return found ? componentDocument(found) : null;
  }

  async componentStatuses(): Promise<Map<string, string>> {
    const docs = await this.fresh();
    return new Map(docs.components().flatMap((c) => (c.group ? [] : [[c.id, c.status]])));
  }

  async page(): Promise<WebhookPage> {
    const docs = await this.documents();
    const { indicator, description } = docs.status();
    return { id: docs.page().id, status_indicator: indicator, status_description: description };
  }

  /** The page's documents, shared for a second by the deliveries of one fan-out. */
  private documents(): Promise<StatuspageDocuments> {
    const now = Date.now();
    if (this.shared && now - this.shared.at < PAGE_REUSE_MS) return this.shared.documents;
    const documents = this.fresh();
    this.shared = { at: now, documents };
    documents.catch(() => {
      if (this.shared?.documents === documents) this.shared = undefined;
    });
    return documents;
  }

  private async fresh(): Promise<StatuspageDocuments> {
    const { reader, maintenances } = this.options;
    const [components, openIncidents, lastResolvedAt, current, lastMaintenanceChangeAt] = await Promise.all([
      reader.listComponents(),
      reader.openIncidents(),
      reader.lastResolvedAt(),
      maintenances.current(),
      maintenances.lastChangeAt(),
    ]);
    return new StatuspageDocuments(
      { components, openIncidents, lastResolvedAt, maintenances: current, lastMaintenanceChangeAt },
      {
        orgName: this.options.orgName,
        publicBaseUrl: this.options.publicBaseUrl,
        timeZone: this.options.timeZone,
        now: this.options.clock.now(),
      },
    );
  }
}
