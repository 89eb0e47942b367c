import type { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import type { Corrections } from '../incidents/corrections-port';
import type { IncidentService } from '../incidents/incident-service';
import type { Component } from '../incidents/model';
import type {
  Announcements,
  Clock,
  ComponentCatalog,
  IncidentRepository,
  Outbox,
  People,
} from '../incidents/ports';
import type { Logger } from '../logger';
import type { MaintenanceService } from '../maintenance/maintenance-service';
import type { MaintenanceAnnouncements, MaintenanceRepository } from '../maintenance/ports';
import type { WebhookManagement } from '../subscribers/webhook-management';
import type { ChannelMembership } from './viewer';

/** What listeners and outbox handlers share: the application service for writes, ports for reads. */
export interface SlackContext {
  config: Config;
  log: Logger;
  clock: Clock;
  service: IncidentService;
  incidents: IncidentRepository;
  people: People;
  catalog: ComponentCatalog;
  announcements: Announcements;
  corrections: Corrections;
  outbox: Outbox;
  /** Scheduled maintenance (SPEC §12): its use cases, and its records for reads. */
  maintenance: MaintenanceService;
  maintenances: MaintenanceRepository;
  maintenanceAnnouncements: MaintenanceAnnouncements;
  /** Webhook subscribers (SPEC §13), managed by managers in the `subscribers_manage` modal. */
  webhooks: WebhookManagement;
  /** Who is in which private incident channel (SPEC §10), read from Slack and kept briefly. */
  membership: ChannelMembership;
  /** The active catalog, kept in memory so a modal opens before any database work. */
  components(): Component[];
  /** Whether a failure is the database being out of reach (and not bad input or a bug). */
  isDatabaseUnreachable(error: unknown): boolean;
}

export interface OutboxSlackContext extends SlackContext {
  /** A Web API client without its own retries: the outbox owns retries and rate-limit waits. */
  client: WebClient;
  /** The bot's own user id (never invited, never mentioned). */
  botUserId(): Promise<string>;
}
