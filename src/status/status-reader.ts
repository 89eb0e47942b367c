import type {
  PublicComponent,
  PublicFeedEntry,
  PublicIncident,
  PublicIncidentHeader,
  PublicIncidentTimeline,
} from './model';

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
  /** Incidents whose component statuses reach into [since, now): the open ones and those resolved since. */
  incidentTimelinesSince(since: Date): Promise<PublicIncidentTimeline[]>;
  /** Of these components, the ones a public incident or maintenance begun before `before` affected. */
  componentsAffectedBefore(componentIds: readonly string[], before: Date): Promise<string[]>;
  /** Every incident, newest start first: `offset` skipped, at most `limit`; without timelines. */
  incidentHeaders(offset: number, limit: number): Promise<PublicIncidentHeader[]>;
  countIncidents(): Promise<number>;
}

/** What tells caches of public bodies that public data changed. */
export interface PublicChanges {
  /**
   * A value that moves on every committed write that can change a public body (it may also move on
   * others: that costs a render, not a leak). Compared across processes sharing one database.
   */
  version(): Promise<string>;
  /** When public data last changed: the latest public update recorded, or a catalog edit. */
  lastPublicChange(): Promise<Date | null>;
}
