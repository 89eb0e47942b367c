import { InvalidInput } from './errors';
import type { Component, Incident, Person } from './model';
import type { Clock, ComponentCatalog, IncidentRepository, QueuedEffect } from './ports';
import { announceQueue, channelQueue, userQueue } from './queues';
import { nextComponentStates } from './timeline';
import type { ComponentStatus, Impact, OpenStage } from './vocabulary';

export interface DeclareInput {
  teamId: string;
  title: string;
  impact: Impact;
  componentKeys: string[];
  componentStatus: ComponentStatus | null;
  stage: OpenStage;
  message: string;
  startedAt: Date | null;
  detectedBy: string | null;
  detectedAt: Date | null;
  leadId: string | null;
  declaredBy: Person;
  /** Where the declarer typed the command (their confirmation goes there). */
  originChannelId: string | null;
  /** One incident per key (the Slack view id): a double submission declares once. */
  sourceKey: string | null;
}

export interface IncidentSettings {
  announceChannelIds: string[];
  createIncidentChannels: boolean;
}

export interface DeclareDeps {
  incidents: IncidentRepository;
  catalog: ComponentCatalog;
  clock: Clock;
  settings: IncidentSettings;
}

export const TITLE_MAX = 150;
export const MESSAGE_MAX = 3000;
/** A time picked "now" on a minute-granular picker may run a little ahead of the server's clock. */
export const CLOCK_SKEW_MS = 60_000;

/** Stakeholder channels of an incident: the global ones, then each affected component's. */
export function announceChannelsFor(settings: IncidentSettings, components: Component[]): string[] {
  return [...new Set([...settings.announceChannelIds, ...components.flatMap((c) => c.announceChannels)])];
}

export function checkText(fields: Record<string, string>, title: string | undefined, message: string): void {
  if (title !== undefined) {
    if (title.trim().length === 0) fields.title = 'Give the incident a title.';
    else if (title.length > TITLE_MAX)
      fields.title = `Keep the title to ${TITLE_MAX} characters (it has ${title.length}).`;
  }
  if (message.trim().length === 0) fields.message = 'Write what is happening.';
  else if (message.length > MESSAGE_MAX)
    fields.message = `Keep the message to ${MESSAGE_MAX} characters (it has ${message.length}).`;
}

/**
 * The catalog components named by keys, in catalog order; unknown keys are reported on `fields`.
 * Archived components stay valid where history already holds them (updates), not for new incidents.
 */
export async function findComponents(
  catalog: ComponentCatalog,
  keys: string[],
  fields: Record<string, string>,
  options: { allowArchived: boolean },
): Promise<Component[]> {
  const unique = [...new Set(keys)];
  const found = (await catalog.findByKeys(unique)).filter(
    (c) => options.allowArchived || c.archivedAt === null,
  );
  const known = new Set(found.map((c) => c.key));
  const unknown = unique.filter((key) => !known.has(key));
  if (unknown.length > 0) fields.components = `Unknown component: ${unknown.join(', ')}.`;
  return found;
}

/** Declares an incident: validated, committed with its first update, then announced through the outbox. */
export async function declareIncident(
  deps: DeclareDeps,
  input: DeclareInput,
): Promise<{ incident: Incident; created: boolean }> {
  const now = deps.clock.now();
  const fields: Record<string, string> = {};
  checkText(fields, input.title, input.message);
  const startedAt = input.startedAt ?? now;
  if (startedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    fields.startedAt = 'The start cannot be in the future.';
  if (input.detectedAt) {
    if (input.detectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      fields.detectedAt = 'The detection time cannot be in the future.';
    else if (input.detectedAt.getTime() < startedAt.getTime())
      fields.detectedAt = 'The incident cannot be detected before it started.';
  }
  if (input.detectedBy && input.detectedBy.length > 200) fields.detectedBy = 'Keep this to 200 characters.';
  const components = await findComponents(deps.catalog, input.componentKeys, fields, {
    allowArchived: false,
  });
  if (Object.keys(fields).length > 0) throw new InvalidInput(fields);

  const clampedStart = new Date(Math.min(startedAt.getTime(), now.getTime()));
  const detectedAt = input.detectedAt ? new Date(Math.min(input.detectedAt.getTime(), now.getTime())) : null;
  const states = nextComponentStates({
    previous: [],
    selected: components.map((c) => c.id),
    status: input.componentStatus,
    impact: input.impact,
    stage: input.stage,
  });
  const leadId = input.leadId ?? input.declaredBy.id;
  const channels = announceChannelsFor(deps.settings, components);

  return deps.incidents.declare(
    {
      teamId: input.teamId,
      title: input.title.trim(),
      startedAt: clampedStart,
      detectedBy: input.detectedBy?.trim() || null,
      detectedAt,
      leadId,
      declaredById: input.declaredBy.id,
      sourceKey: input.sourceKey,
      firstUpdate: {
        stage: input.stage,
        message: input.message,
        occurredAt: clampedStart,
        authorId: input.declaredBy.id,
        impact: input.impact,
        components: states,
      },
    },
    (incident, updateId) => {
      const effects: QueuedEffect[] = [];
      const id = incident.id;
      const confirm = {
        kind: 'declarer.confirm' as const,
        incidentId: id,
        userId: input.declaredBy.id,
        channelId: input.originChannelId,
      };
      if (deps.settings.createIncidentChannels) {
        const queue = channelQueue(id);
        effects.push({ queue, effect: { kind: 'channel.create', incidentId: id } });
        effects.push({ queue, effect: { kind: 'channel.post_update', incidentId: id, updateId } });
        effects.push({ queue, effect: confirm });
      } else {
        effects.push({ queue: userQueue(input.declaredBy.id), effect: confirm });
      }
      for (const channelId of channels) {
        const queue = announceQueue(id, channelId);
        effects.push({ queue, effect: { kind: 'announce.root', incidentId: id, channelId } });
        effects.push({ queue, effect: { kind: 'announce.reply', incidentId: id, channelId, updateId } });
      }
      return effects;
    },
  );
}
