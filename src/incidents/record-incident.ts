import type { QueuedEffect } from '../outbox/effects';
import { announceQueue, userQueue } from '../outbox/queues';
import { announceChannelsFor } from './announce-channels';
import { checkDeclaration, type DeclareDeps } from './declare-incident';
import { InvalidInput } from './errors';
import { CLOCK_SKEW_MS } from './input-rules';
import type { Incident, Person } from './model';
import { nextComponentStates } from './timeline';
import type { ComponentStatus, Impact, Visibility } from './vocabulary';

export const RECORDED_MESSAGE = 'This incident was recorded after it was resolved.';

export interface RecordInput {
  teamId: string;
  title: string;
  impact: Impact;
  visibility: Visibility;
  componentKeys: string[];
  componentStatus: ComponentStatus | null;
  message: string;
  startedAt: Date | null;
  resolvedAt: Date | null;
  detectedBy: string | null;
  detectedAt: Date | null;
  /** Ticked: the root messages go out to the announce channels; nothing else is ever posted. */
  announce: boolean;
  recordedBy: Person;
  /** Where the command was typed: the recorder's confirmation goes there, seen by them alone. */
  originChannelId: string | null;
  /** One incident per key (the Slack view id): a double submission records once. */
  sourceKey: string | null;
}

/**
 * Records an incident that is already over (SPEC §11): investigating at the start with the message,
 * resolved at the end. No channel, no invites, no thread replies, no subscriber news; only the
 * recorder hears of it — and, when asked for, the announce channels' root messages.
 */
export async function recordIncident(
  deps: DeclareDeps,
  input: RecordInput,
): Promise<{ incident: Incident; created: boolean }> {
  const now = deps.clock.now();
  const fields: Record<string, string> = {};
  if (!input.startedAt) fields.startedAt = 'Say when the incident started.';
  const checked = await checkDeclaration(deps.catalog, input, now, fields);
  const { components, startedAt } = checked;
  if (!input.resolvedAt) fields.resolvedAt = 'Say when the incident was resolved.';
  else if (input.resolvedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    fields.resolvedAt = 'The resolution cannot be in the future: declare an incident that is still going on.';
  else if (input.startedAt && input.resolvedAt.getTime() <= input.startedAt.getTime())
    fields.resolvedAt = 'The resolution must come after the start.';
  if (Object.keys(fields).length > 0 || !input.resolvedAt) throw new InvalidInput(fields);

  const resolvedAt = new Date(Math.min(input.resolvedAt.getTime(), now.getTime()));
  const selection = { selected: components.map((c) => c.id), status: input.componentStatus };
  const opened = nextComponentStates({
    ...selection,
    previous: [],
    impact: input.impact,
    stage: 'investigating',
  });
  const closed = nextComponentStates({
    ...selection,
    previous: opened,
    impact: input.impact,
    stage: 'resolved',
  });
  const by = input.recordedBy.id;
  const update = { authorId: by, impact: input.impact };
  const channels = input.announce ? announceChannelsFor(deps.settings, components, input.visibility) : [];

  return deps.incidents.declare(
    {
      teamId: input.teamId,
      title: input.title.trim(),
      visibility: input.visibility,
      startedAt,
      detectedBy: checked.detectedBy,
      detectedAt: checked.detectedAt,
      leadId: by,
      declaredById: by,
      sourceKey: input.sourceKey,
      firstUpdate: {
        ...update,
        stage: 'investigating',
        message: input.message,
        occurredAt: startedAt,
        components: opened,
      },
      laterUpdates: [
        {
          ...update,
          stage: 'resolved',
          message: RECORDED_MESSAGE,
          occurredAt: resolvedAt,
          components: closed,
        },
      ],
    },
    (incident) => {
      const id = incident.id;
      const effects: QueuedEffect[] = [
        {
          queue: userQueue(by),
          effect: {
            kind: 'declarer.confirm',
            incidentId: id,
            userId: by,
            channelId: input.originChannelId,
            recorded: true,
          },
        },
      ];
      for (const channelId of channels)
        effects.push({
          queue: announceQueue(id, channelId),
          effect: { kind: 'announce.root', incidentId: id, channelId },
        });
      return effects;
    },
  );
}
