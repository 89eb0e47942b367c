/**
 * Statuspage's webhook payloads, so that every tool that reads Statuspage webhooks (chat integrations,
 * incident tools) reads Sitrep's unchanged. The key sets, types and nesting are those of real Statuspage
 * deliveries; the fields Statuspage has and Sitrep does not (Twitter, postmortems, scheduling of an
 * incident) carry Statuspage's value for "none".
 *
 * A consumer tells the two events apart by the top-level key: `incident`, else `component`.
 */

/** Statuspage's documentation of this format. */
const DOCUMENTATION = 'https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/';

export interface WebhookMeta {
  /** A URL whose POST removes this webhook subscription. */
  unsubscribe: string;
  documentation: string;
  generated_at: string;
}

export interface WebhookPage {
  id: string;
  /** `none`, `minor`, `major`, `critical` or `maintenance`, as `status.json`'s indicator. */
  status_indicator: string;
  status_description: string;
}

/** A component as `components.json` has it (extra fields are ignored). */
export interface ComponentDocument {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  group_id: string | null;
  page_id: string;
}

/** An incident as `incidents.json` has it (extra fields are ignored). */
export interface IncidentDocument {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: string;
  shortlink: string;
  page_id: string;
  incident_updates: Array<{
    id: string;
    status: string;
    body: string;
    incident_id: string;
    created_at: string;
    updated_at: string;
    display_at: string;
    affected_components: Array<{ code: string; name: string; old_status: string; new_status: string }>;
  }>;
  components: ComponentDocument[];
  /** A scheduled maintenance's window (Statuspage sends maintenances as incidents with these set). */
  scheduled_for?: string | null;
  scheduled_until?: string | null;
}

/** Statuspage's component object in a delivery has exactly the keys of `components.json`'s. */
export type WebhookComponent = ComponentDocument;

type DocumentUpdate = IncidentDocument['incident_updates'][number];

/** The fields a delivery has and `incidents.json` does not: Statuspage's Twitter and notification flags. */
export interface WebhookIncidentUpdate extends DocumentUpdate {
  wants_twitter_update: boolean;
  twitter_updated_at: null;
  custom_tweet: null;
  deliver_notifications: boolean;
}

/** The fields a delivery has and `incidents.json` does not: postmortems, backfills, scheduling. */
export interface WebhookIncident extends Omit<IncidentDocument, 'incident_updates'> {
  postmortem_ignored: boolean;
  postmortem_body: null;
  postmortem_body_last_updated_at: null;
  postmortem_published_at: null;
  postmortem_notified_subscribers: boolean;
  postmortem_notified_twitter: boolean;
  backfilled: boolean;
  scheduled_for: string | null;
  scheduled_until: string | null;
  scheduled_remind_prior: boolean;
  scheduled_reminded_at: null;
  impact_override: null;
  scheduled_auto_in_progress: boolean;
  scheduled_auto_completed: boolean;
  /** Newest first: consumers take the first element as the latest update. */
  incident_updates: WebhookIncidentUpdate[];
}

export interface IncidentWebhookPayload {
  meta: WebhookMeta;
  page: WebhookPage;
  incident: WebhookIncident;
}

export interface ComponentWebhookPayload {
  meta: WebhookMeta;
  page: WebhookPage;
  component_update: {
    old_status: string;
    new_status: string;
    created_at: string;
    component_type: 'Component';
    id: string;
    component_id: string;
  };
  component: WebhookComponent;
}

export interface DeliveryContext {
  page: WebhookPage;
  /** This subscription's unsubscribe URL. */
  unsubscribeUrl: string;
  generatedAt: Date;
}

function meta(context: DeliveryContext): WebhookMeta {
  return {
    unsubscribe: context.unsubscribeUrl,
    documentation: DOCUMENTATION,
    generated_at: context.generatedAt.toISOString(),
  };
}

function component(c: ComponentDocument): WebhookComponent {
  return {
    status: c.status,
    name: c.name,
    created_at: c.created_at,
    updated_at: c.updated_at,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    id: c.id,
    page_id: c.page_id,
    group_id: c.group_id,
  };
}

/** An incident's update: the whole incident as `incidents.json` shows it, its updates newest first. */
export function incidentWebhook(
  incident: IncidentDocument,
  context: DeliveryContext,
): IncidentWebhookPayload {
  const updates = [...incident.incident_updates].sort((a, b) => b.display_at.localeCompare(a.display_at));
  return {
    meta: meta(context),
    page: { ...context.page },
    incident: {
      name: incident.name,
      status: incident.status,
      created_at: incident.created_at,
      updated_at: incident.updated_at,
      monitoring_at: incident.monitoring_at,
      resolved_at: incident.resolved_at,
      impact: incident.impact,
      shortlink: incident.shortlink,
      postmortem_ignored: false,
      postmortem_body: null,
      postmortem_body_last_updated_at: null,
      postmortem_published_at: null,
      postmortem_notified_subscribers: false,
      postmortem_notified_twitter: false,
      backfilled: false,
      scheduled_for: incident.scheduled_for ?? null,
      scheduled_until: incident.scheduled_until ?? null,
      scheduled_remind_prior: false,
      scheduled_reminded_at: null,
      impact_override: null,
      scheduled_auto_in_progress: false,
      scheduled_auto_completed: false,
      id: incident.id,
      page_id: incident.page_id,
      incident_updates: updates.map((u) => ({
        status: u.status,
        body: u.body,
        created_at: u.created_at,
        wants_twitter_update: false,
        twitter_updated_at: null,
        updated_at: u.updated_at,
        display_at: u.display_at,
        affected_components: u.affected_components.map((a) => ({ ...a })),
        custom_tweet: null,
        deliver_notifications: true,
        id: u.id,
        incident_id: u.incident_id,
      })),
      components: incident.components.map(component),
    },
  };
}

export interface ComponentChange {
  /** A stable id of this change (Statuspage's are opaque). */
  id: string;
  oldStatus: string;
  newStatus: string;
  at: Date;
}

/** A component's status change; the component as it is after the change. */
export function componentWebhook(
  changed: ComponentDocument,
  change: ComponentChange,
  context: DeliveryContext,
): ComponentWebhookPayload {
  return {
    meta: meta(context),
    page: { ...context.page },
    component_update: {
      old_status: change.oldStatus,
      new_status: change.newStatus,
      created_at: change.at.toISOString(),
      component_type: 'Component',
      id: change.id,
      component_id: changed.id,
    },
    component: component(changed),
  };
}
