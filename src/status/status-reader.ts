import type { PublicComponent, PublicFeedEntry, PublicIncident, PublicIncidentHeader } from './model';

/**
 * What the public surfaces may read (PrismaStatusReader in production). Every method returns public
 * shapes only, so a filter on what is public belongs in the queries behind it.
 */
export interface StatusReader {
  listComponents(): Promise<PublicComponent[]>;
  openIncidents(): Promise<PublicIncident[]>;
  recentIncidents(limit: number): Promise<PublicIncident[]>;
  incidentsStartedSince(since: Date, limit: number): Promise<PublicIncidentHeader[]>;
  findIncident(number: number): Promise<PublicIncident | null>;
  recentUpdates(limit: number): Promise<PublicFeedEntry[]>;
  lastResolvedAt(): Promise<Date | null>;
}
