import type { QueuedEffect } from '../outbox/effects';
import { announceQueue, channelQueue, subscriberFanoutQueue } from '../outbox/queues';
import { announceChannelsFor, type IncidentSettings } from './announce-channels';
import { InvalidInput } from './errors';
import { CLOCK_SKEW_MS, checkText, findComponents } from './input-rules';
import type { ComponentState, Incident, IncidentRecord } from './model';
import type { Clock, ComponentCatalog, IncidentRepository } from './ports';
import { checkNewUpdate, compareTimeline, nextComponentStates } from './timeline';
import { updateProblemFields } from './timeline-errors';
import type { ComponentStatus, Impact, Stage, UpdateVisibility } from './vocabulary';

export interface PostUpdateInput {
  incidentId: string;
  stage: Stage;
  message: string;
  impact: Impact;
  componentKeys: string[];
  componentStatus: ComponentStatus | null;
  /** Null: unchanged. A private incident stays private; nothing becomes private by an update. */
  visibility: UpdateVisibility | null;
  /** Null: now. */
  occurredAt: Date | null;
  authorId: string;
  /** One update per key (the Slack view id): a double submission posts once. */
  sourceKey: string | null;
}

export interface PostUpdateDeps {
  incidents: IncidentRepository;
  catalog: ComponentCatalog;
  clock: Clock;
  settings: IncidentSettings;
  /** Zone for times quoted in error messages. */
  timeZone: string;
}

/** The component snapshot in force at `time`: that of the latest update at or before it. */
function snapshotAt(record: IncidentRecord, time: Date): ComponentState[] {
  let latest: IncidentRecord['updates'][number] | undefined;
  for (const update of record.updates) {
    if (update.occurredAt.getTime() > time.getTime()) continue;
    if (!latest || compareTimeline(update, latest) > 0) latest = update;
  }
  return latest?.components ?? [];
}

/** Posts a stage update: validated against the timeline, committed, then announced through the outbox. */
export async function postUpdate(
  deps: PostUpdateDeps,
  input: PostUpdateInput,
): Promise<{ incident: Incident; updateId: string; created: boolean }> {
  const now = deps.clock.now();
  const fields: Record<string, string> = {};
  checkText(fields, undefined, input.message);
  // Components archived from the catalog remain selectable on the incidents that already name them.
  const components = await findComponents(deps.catalog, input.componentKeys, fields, { allowArchived: true });
  if (Object.keys(fields).length > 0) throw new InvalidInput(fields);

  const requested = input.occurredAt ?? now;
  const occurredAt =
    requested.getTime() > now.getTime() && requested.getTime() <= now.getTime() + CLOCK_SKEW_MS
      ? now
      : requested;

  return deps.incidents.appendUpdate(input.incidentId, input.sourceKey, (record) => {
    const problems = checkNewUpdate(
      record.updates,
      record.startedAt,
      { stage: input.stage, occurredAt },
      now,
    );
    const errors = updateProblemFields(problems, record.startedAt, deps.timeZone);
    if (input.visibility && record.visibility === 'private')
      errors.visibility = 'A private incident stays private: its visibility cannot change.';
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);

    const states = nextComponentStates({
      previous: snapshotAt(record, occurredAt),
      selected: components.map((c) => c.id),
      status: input.componentStatus,
      impact: input.impact,
      stage: input.stage,
    });
    const everAffected = [
      ...record.components.map((c) => c.component),
      ...components.filter((c) => !record.components.some((a) => a.component.id === c.id)),
    ];
    const visibility =
      input.visibility && input.visibility !== record.visibility ? input.visibility : undefined;
    const channels = announceChannelsFor(deps.settings, everAffected, record.visibility);
    return {
      visibility,
      update: {
        stage: input.stage,
        message: input.message,
        occurredAt,
        authorId: input.authorId,
        impact: input.impact,
        components: states,
      },
      effects: (updateId) => {
        const id = record.id;
        const effects: QueuedEffect[] = [];
        if (deps.settings.createIncidentChannels) {
          const queue = channelQueue(id);
          effects.push({ queue, effect: { kind: 'channel.post_update', incidentId: id, updateId } });
          effects.push({ queue, effect: { kind: 'channel.set_topic', incidentId: id } });
        }
        for (const channelId of channels) {
          const queue = announceQueue(id, channelId);
          // A channel new to the incident gets its root message from the reply job, then the edit.
          effects.push({ queue, effect: { kind: 'announce.reply', incidentId: id, channelId, updateId } });
          effects.push({ queue, effect: { kind: 'announce.refresh', incidentId: id, channelId } });
        }
        // Subscribers hear of an update when the incident is public once it is written (SPEC §13).
        if ((visibility ?? record.visibility) === 'public') {
          effects.push({
            queue: subscriberFanoutQueue,
            effect: { kind: 'subscriber.fanout_incident', incidentId: id, updateId },
          });
        }
        return effects;
      },
    };
  });
}
