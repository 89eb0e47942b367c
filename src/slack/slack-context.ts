import type { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import type { Component } from '../incidents/model';
import type { Clock } from '../incidents/ports';
import type { Logger } from '../logger';
import type { OutboxStore } from '../persistence/outbox-store';
import type { PrismaAnnouncements } from '../persistence/prisma-announcements';
import type { PrismaComponentCatalog } from '../persistence/prisma-component-catalog';
import type { PrismaIncidentRepository } from '../persistence/prisma-incident-repository';
import type { PrismaNotes } from '../persistence/prisma-notes';

/** What listeners and outbox handlers share. */
export interface SlackContext {
  config: Config;
  log: Logger;
  clock: Clock;
  incidents: PrismaIncidentRepository;
  catalog: PrismaComponentCatalog;
  announcements: PrismaAnnouncements;
  notes: PrismaNotes;
  outbox: OutboxStore;
  /** The active catalog, kept in memory so a modal opens before any database work. */
  components(): Component[];
}

export interface OutboxSlackContext extends SlackContext {
  /** A Web API client without its own retries: the outbox owns retries and rate-limit waits. */
  client: WebClient;
  /** The bot's own user id (never invited, never mentioned). */
  botUserId(): Promise<string>;
}
