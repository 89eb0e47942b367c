import type { QueuedEffect } from '../outbox/effects';
import type { ComponentState, IncidentRecord, IncidentUpdate, Revision } from './model';
import type { Stage } from './vocabulary';

/** What a correction changes (SPEC §11); `before`/`after` are what its revision records. */
export type Correction =
  | {
      kind: 'edit';
      updateId: string;
      patch: { stage: Stage; message: string; occurredAt: Date; components: ComponentState[] };
      before: Revision['before'];
      after: Revision['after'];
    }
  | { kind: 'delete'; updateId: string; before: Revision['before']; after: Revision['after'] }
  | {
      kind: 'incident';
      patch: { title: string; startedAt: Date; detectedBy: string | null; detectedAt: Date | null };
      before: Revision['before'];
      after: Revision['after'];
    };

export interface Corrections {
  /** The incident an update belongs to, with that update; `update` is null once it was deleted. Null when
   * there is no such update at all. */
  findUpdate(updateId: string): Promise<{ record: IncidentRecord; update: IncidentUpdate | null } | null>;
  /** Under a lock on the incident: `build` sees the record as it is in the transaction and returns the
   * correction and its effects (or throws). The change, its revision, the recomputed projection and the
   * effects are committed together. */
  correct(
    incidentId: string,
    editorId: string,
    build: (record: IncidentRecord) => { correction: Correction; effects: QueuedEffect[] } | null,
  ): Promise<void>;
  /** The ts of the Slack message showing an update in a channel, once posted. */
  messageTs(updateId: string, channelId: string): Promise<string | null>;
  saveMessageTs(updateId: string, channelId: string, ts: string): Promise<void>;
}
