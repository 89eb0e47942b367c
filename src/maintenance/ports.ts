import type { QueuedEffect } from '../outbox/effects';
import type { MaintenanceCoverage } from './component-status';
import type { Maintenance, MaintenanceRecord } from './model';
import type { MaintenanceStage, MaintenanceVisibility } from './vocabulary';

export interface NewMaintenanceUpdate {
  stage: MaintenanceStage;
  message: string;
  occurredAt: Date;
  /** Null: the clock (auto transitions) or an import. */
  authorId: string | null;
  /** Imports keep the source's id (SPEC §14). */
  statuspageId?: string | null;
  /** Imports keep Statuspage's affected_components as given. */
  affectedComponents?: unknown;
}

export interface MaintenanceDraft {
  teamId: string;
  title: string;
  visibility: MaintenanceVisibility;
  /** Defaults to `maintenance`. */
  impact?: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  autoTransitions: boolean;
  remindAt: Date | null;
  createdById: string;
  /** One maintenance per key (the Slack view id): a double submission schedules once. */
  sourceKey: string | null;
  statuspageId?: string | null;
  componentIds: string[];
  /** The scheduling message, with stage scheduled (or in_progress when already under way). */
  firstUpdate: NewMaintenanceUpdate;
}

export interface MaintenanceWrite {
  maintenance: Maintenance;
  updateId: string;
  created: boolean;
}

/** What a caller of `appendUpdate` decides once it sees the maintenance inside the transaction. */
export interface UpdatePlan {
  update: NewMaintenanceUpdate;
  effects: (updateId: string) => QueuedEffect[];
}

export interface MaintenanceRepository {
  /** Creates the maintenance (next MNT-n), its first update and components, and queues the effects,
   * atomically. With a sourceKey already used, returns what it created and queues nothing. */
  schedule(
    draft: MaintenanceDraft,
    effects: (m: Maintenance, updateId: string) => QueuedEffect[],
  ): Promise<MaintenanceWrite>;
  /** Appends an update under a lock on the maintenance, recomputing the derived state; `plan` sees the record
   * as it is inside the transaction and returns the update to write, or throws to refuse it. */
  appendUpdate(
    maintenanceId: string,
    sourceKey: string | null,
    plan: (record: MaintenanceRecord) => UpdatePlan,
  ): Promise<MaintenanceWrite>;
  findByNumber(teamId: string, number: number): Promise<Maintenance | null>;
  loadRecord(maintenanceId: string): Promise<MaintenanceRecord | null>;
  /** Upcoming and active maintenances of the workspace (internal ones included), soonest start first. */
  listCurrent(teamId: string, limit?: number): Promise<MaintenanceRecord[]>;
  /** The components of every maintenance under way, internal ones included (Slack shows all). */
  activeCoverage(): Promise<MaintenanceCoverage[]>;
}

/** Root messages of maintenances in stakeholder channels. */
export interface MaintenanceAnnouncements {
  rootTs(maintenanceId: string, channelId: string): Promise<string | null>;
  saveRoot(maintenanceId: string, channelId: string, rootTs: string): Promise<void>;
}

/** The clock's side (SPEC §12): each due item is claimed by exactly one replica, with SKIP LOCKED. */
export interface MaintenanceClockStore {
  /** Auto-transition maintenances still scheduled at `now` ≥ scheduled_for: `plan` gives each its update. */
  claimDueStarts(now: Date, plan: (record: MaintenanceRecord) => UpdatePlan): Promise<number>;
  /** Auto-transition maintenances in progress or verifying at `now` ≥ scheduled_until. */
  claimDueCompletions(now: Date, plan: (record: MaintenanceRecord) => UpdatePlan): Promise<number>;
  /** Scheduled maintenances whose reminder is due and not yet sent: marked sent, effects queued. */
  claimDueReminders(now: Date, effects: (record: MaintenanceRecord) => QueuedEffect[]): Promise<number>;
}
