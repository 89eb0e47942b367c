/**
 * What the subscriber features need from storage (`src/persistence` implements it) and from a mail
 * server (`src/mail` implements it over SMTP).
 */
import type { QueuedEffect } from '../outbox/effects';
import type { Mail, UpdateMailInput } from './email';
import type { ComponentDocument, IncidentDocument, WebhookPage } from './webhook-payload';

/** Sends mail to subscribers; absent when `SMTP_URL` is unset (email subscriptions are off). */
export interface Mailer {
  /** Resolves once the SMTP server took the mail; rejects otherwise (the caller retries). */
  send(to: string, mail: Mail): Promise<void>;
}

export interface Subscriber {
  id: string;
  kind: 'email' | 'webhook';
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** Catalog keys; empty means every update. */
  components: string[];
  confirmedAt: Date | null;
  createdById: string | null;
  failingSince: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  /** The token of this subscription's unsubscribe link (see `EmailRequest.unsubscribeToken`). */
  unsubscribeToken: string | null;
}

export interface EmailRequest {
  email: string;
  components: string[];
  /**
   * The unsubscribe link's token (`issueToken().token`). Unlike the confirmation token it is kept as
   * given, next to its SHA-256, because every mail and webhook delivery carries the link
   * `<PUBLIC_BASE_URL>/subscriptions/unsubscribe/<token>`; the routes look the token up by its hash
   * (`unsubscribe(tokenHash(token))`). A database dump therefore holds unsubscribe links (whose only
   * power is to end a subscription), never a confirmation link.
   */
  unsubscribeToken: string;
}

export interface NewWebhook {
  url: string;
  secret: string | null;
  components: string[];
  createdById: string;
  /** As `EmailRequest.unsubscribeToken`: `meta.unsubscribe` of each delivery carries it. */
  unsubscribeToken: string;
}

export type ConfirmOutcome = 'confirmed' | 'expired' | 'unknown';

export interface Subscribers {
  /**
   * A pending email subscription with its confirmation mail queued (`subscriber.confirm_email`) in the
   * same transaction, or, for a mailbox already subscribed, nothing new: `pending` says which (the
   * form's answer is the same either way).
   */
  requestEmail(request: EmailRequest, now: Date): Promise<{ pending: boolean }>;
  /**
   * Records a confirmation link's token (its SHA-256, and when it expires) for a pending subscription,
   * as its mail goes out; null when the subscription is gone or already confirmed (no mail then).
   */
  issueConfirmation(
    subscriberId: string,
    confirmHash: string,
    expiresAt: Date,
  ): Promise<{ email: string; components: string[] } | null>;
  confirm(confirmHash: string, now: Date): Promise<ConfirmOutcome>;
  /** Removes the subscription the unsubscribe token belongs to; false for an unknown token. */
  unsubscribe(unsubscribeHash: string): Promise<boolean>;
  /** Whether the token is a live unsubscribe token (the GET page shows the button only then). */
  hasUnsubscribe(unsubscribeHash: string): Promise<boolean>;
  addWebhook(webhook: NewWebhook, now: Date): Promise<Subscriber>;
  /** Whether a webhook subscriber with exactly this URL exists (disabled ones included). */
  hasWebhook(url: string): Promise<boolean>;
  /** Removes a webhook subscriber (never an email one); false when there is none with that id. */
  removeWebhook(id: string): Promise<boolean>;
  /** The latest webhooks, newest first, and how many there are in all. */
  listWebhooks(limit: number): Promise<{ webhooks: Subscriber[]; total: number }>;
  /** Confirmed, enabled subscribers that hear of something affecting these components. */
  audience(affectedComponents: readonly string[]): Promise<Subscriber[]>;
}

/** How a subscriber hears: by mail or by webhook. */
export type SubscriberChannel = Subscriber['kind'];

/**
 * Deliveries to subscribers (SPEC §13), each at most once per subscriber and event: a fan-out records one
 * delivery per subscriber of the audience and queues its job in the subscriber's own outbox queue, in
 * one transaction, so a fan-out run again (a restart) queues nothing twice.
 */
export interface SubscriberDeliveries {
  /**
   * The audience of a public incident's update (confirmed, enabled, following a component the incident
   * names after that update, or every component), through `channels`. Nothing when the incident is not
   * public or the update was removed: the filter is in the query. Returns the deliveries queued.
   */
  fanOutIncidentUpdate(
    incidentId: string,
    updateId: string,
    channels: readonly SubscriberChannel[],
  ): Promise<number>;
  /** As `fanOutIncidentUpdate`, for an update of a public maintenance. */
  fanOutMaintenanceUpdate(
    maintenanceId: string,
    updateId: string,
    channels: readonly SubscriberChannel[],
  ): Promise<number>;
  /**
   * Compares the public status of each component (catalog key → status) with the one last told, and
   * queues each change to the webhooks that follow that component. Returns the deliveries queued.
   */
  fanOutComponentChanges(statuses: ReadonlyMap<string, string>, now: Date): Promise<number>;
  find(subscriberId: string): Promise<Subscriber | null>;
  /** A delivery arrived: recorded, and the subscriber is no longer failing. */
  delivered(subscriberId: string, eventKey: string, now: Date): Promise<void>;
  /** A delivery failed: recorded; returns since when the subscriber has been failing without a success. */
  failed(subscriberId: string, eventKey: string, error: string, now: Date): Promise<Date>;
  /** Disables the subscriber and queues `effects` (telling managers) at once; false when already disabled. */
  disable(subscriberId: string, now: Date, effects: QueuedEffect[]): Promise<boolean>;
}

/** The delivery of one event to one subscriber: `update:<id>`, `maintenance:<id>`, `component:<change id>`. */
export function deliveryKey(event: 'update' | 'maintenance' | 'component', id: string): string {
  return `${event}:${id}`;
}

/** What a delivery says of a public incident or maintenance, as of the update it is about. */
export interface UpdateNews {
  /** As `incidents.json` (or `scheduled-maintenances.json`) has it, its updates up to this one. */
  document: IncidentDocument;
  /** The mail's content; the organisation and the unsubscribe link are added per subscriber. */
  mail: Omit<UpdateMailInput, 'orgName' | 'unsubscribeUrl'>;
}

/**
 * What deliveries read of the public record (the status page's own documents). Every method answers
 * from public data only: null for what is not public (any more), so a delivery checks again before it
 * goes out.
 */
export interface SubscriberNews {
  incidentUpdate(incidentNumber: number, updateId: string): Promise<UpdateNews | null>;
  maintenanceUpdate(maintenanceNumber: number, updateId: string): Promise<UpdateNews | null>;
  /** A catalog component as `components.json` has it now; null when it left the catalog. */
  component(key: string): Promise<ComponentDocument | null>;
  /** Every listed component's public status now, by catalog key (groups left out). */
  componentStatuses(): Promise<Map<string, string>>;
  page(): Promise<WebhookPage>;
}
