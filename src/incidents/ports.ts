import type { QueuedEffect } from '../outbox/effects';
import type { Component, ComponentState, Incident, IncidentRecord, Note, Person } from './model';
import type { ComponentStatus, Impact, Stage, UpdateVisibility, Visibility } from './vocabulary';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface NewUpdate {
  stage: Stage;
  message: string;
  occurredAt: Date;
  authorId: string;
  impact: Impact;
  components: ComponentState[];
}

export interface DeclareDraft {
  teamId: string;
  title: string;
  visibility: Visibility;
  startedAt: Date;
  detectedBy: string | null;
  detectedAt: Date | null;
  leadId: string;
  declaredById: string;
  sourceKey: string | null;
  firstUpdate: NewUpdate;
  /** Updates after the first, written with it: an incident recorded after the fact (SPEC §11). */
  laterUpdates?: NewUpdate[];
}

export interface OpenIncidents {
  incidents: Incident[];
  total: number;
}

export interface IncidentRepository {
  /** Creates the incident (next INC-n), its first update and components, and queues the effects, atomically.
   * With a sourceKey already used, returns the incident it created and queues nothing. */
  declare(
    draft: DeclareDraft,
    effects: (incident: Incident, updateId: string) => QueuedEffect[],
  ): Promise<{ incident: Incident; created: boolean }>;
  /** Appends an update under a lock on the incident, recomputing the derived state; the callback sees the
   * record as it is inside the transaction and returns the update to write (or throws) and its effects. */
  appendUpdate(
    incidentId: string,
    sourceKey: string | null,
    build: (record: IncidentRecord) => {
      update: NewUpdate;
      /** Set: the incident's visibility changes with this update (internal ↔ public). */
      visibility?: UpdateVisibility;
      effects: (updateId: string) => QueuedEffect[];
    },
  ): Promise<{ incident: Incident; updateId: string; created: boolean }>;
  findByNumber(teamId: string, number: number): Promise<Incident | null>;
  findByChannel(channelId: string): Promise<Incident | null>;
  loadRecord(incidentId: string): Promise<IncidentRecord | null>;
  /** The first `limit` open incidents, oldest first, and how many are open in all. */
  listOpen(teamId: string, limit?: number): Promise<OpenIncidents>;
  /** Every open private incident (few): what `/incident components` must not count for outsiders. */
  listOpenPrivate(teamId: string): Promise<Incident[]>;
  /** The `limit` most recently resolved incidents, latest first. */
  listRecentlyResolved(teamId: string, limit: number): Promise<Incident[]>;
  setLead(incidentId: string, leadId: string, effects: QueuedEffect[]): Promise<Incident>;
  /** Records the incident channel once Slack has created it. */
  setChannel(incidentId: string, channelId: string, channelName: string): Promise<void>;
}

/** Display names of the people Sitrep has met, for exports and notes (public pages name no one). */
export interface People {
  names(ids: string[]): Promise<Map<string, string>>;
  /** Remembers the names given; people without a name are skipped. */
  rememberPeople(people: Person[]): Promise<void>;
}

/** An incident's root message in one stakeholder channel. */
export interface AnnouncementRoot {
  incidentId: string;
  channelId: string;
  rootTs: string | null;
}

export interface Announcements {
  find(incidentId: string, channelId: string): Promise<AnnouncementRoot | null>;
  saveRoot(incidentId: string, channelId: string, rootTs: string): Promise<void>;
}

export interface NewNote {
  incidentId: string;
  channelId: string;
  messageTs: string;
  authorId: string;
  text: string;
  occurredAt: Date;
}

export interface Notes {
  /** Whether a request (a Slack event id) was already handled. */
  wasProcessed(requestKey: string): Promise<boolean>;
  /** Records the request and the note in one transaction. One note per message (channel + ts): returns
   * null when the request or the message was recorded before. */
  add(note: NewNote, requestKey: string): Promise<Note | null>;
}

/** Queues side effects outside an incident write (exports, reports). */
export interface Outbox {
  enqueue(incidentId: string | null, effects: QueuedEffect[]): Promise<void>;
}

/** Periodic work shared by every replica; each due item is claimed by exactly one of them. */
export interface Housekeeping {
  /** Open incidents whose last update is older than their impact's reminder period: reminded once per period. */
  claimReminders(now: Date, minutesByImpact: Partial<Record<Impact, number>>): Promise<number>;
  /** Incident channels of incidents resolved more than `days` ago: archived once. */
  claimArchives(now: Date, days: number): Promise<number>;
  /** Forgets idempotency keys old enough that no retry can still arrive. */
  forgetProcessedRequests(now: Date): Promise<number>;
}

export interface ComponentCatalog {
  listActive(): Promise<Component[]>;
  findByKeys(keys: string[]): Promise<Component[]>;
  /** Each component's status by component id: the worst among the open incidents but the hidden ones
   * (absent: operational). */
  currentStatuses(hiddenIncidentIds?: string[]): Promise<Map<string, ComponentStatus>>;
}
