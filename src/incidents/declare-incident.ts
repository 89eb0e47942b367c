import type { QueuedEffect } from '../outbox/effects';
import { announceQueue, channelQueue, subscriberFanoutQueue, userQueue } from '../outbox/queues';
import { announceChannelsFor, type IncidentSettings } from './announce-channels';
import { InvalidInput } from './errors';
import { CLOCK_SKEW_MS, checkLine, checkText, findComponents, hasVisibleText } from './input-rules';
import type { Component, Incident, Person } from './model';
import type { Clock, ComponentCatalog, IncidentRepository } from './ports';
import { nextComponentStates } from './timeline';
import type { ComponentStatus, Impact, OpenStage, Visibility } from './vocabulary';

export interface DeclareInput {
  teamId: string;
  title: string;
  impact: Impact;
  visibility: Visibility;
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

export interface DeclareDeps {
  incidents: IncidentRepository;
  catalog: ComponentCatalog;
  clock: Clock;
  settings: IncidentSettings;
}

/** What declare and record check alike: texts, start, detection, components. */
type Declaration = Pick<
  DeclareInput,
  'title' | 'message' | 'startedAt' | 'detectedBy' | 'detectedAt' | 'componentKeys'
>;

/**
 * The problems with a declaration, reported on `fields` by domain field name, and what it names:
 * the catalog components and the start (now when left empty), detection and detector as stored.
 */
export async function checkDeclaration(
  catalog: ComponentCatalog,
  input: Declaration,
  now: Date,
  fields: Record<string, string>,
): Promise<{ components: Component[]; startedAt: Date; detectedAt: Date | null; detectedBy: string | null }> {
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
  if (input.detectedBy) {
    if (input.detectedBy.length > 200) fields.detectedBy = 'Keep this to 200 characters.';
    else checkLine(fields, 'detectedBy', 'detector', input.detectedBy, 200);
  }
  const components = await findComponents(catalog, input.componentKeys, fields, { allowArchived: false });
  const clamp = (date: Date) => new Date(Math.min(date.getTime(), now.getTime()));
  return {
    components,
    startedAt: clamp(startedAt),
    detectedAt: input.detectedAt ? clamp(input.detectedAt) : null,
    detectedBy: input.detectedBy && hasVisibleText(input.detectedBy) ? input.detectedBy.trim() : null,
  };
}

/** Declares an incident: validated, committed with its first update, then announced through the outbox. */
export async function declareIncident(
  deps: DeclareDeps,
  input: DeclareInput,
): Promise<{ incident: Incident; created: boolean }> {
  const fields: Record<string, string> = {};
  const { components, startedAt, detectedAt, detectedBy } = await checkDeclaration(
    deps.catalog,
    input,
    deps.clock.now(),
    fields,
  );
  if (Object.keys(fields).length > 0) throw new InvalidInput(fields);

  const states = nextComponentStates({
    previous: [],
    selected: components.map((c) => c.id),
    status: input.componentStatus,
    impact: input.impact,
    stage: input.stage,
  });
  const leadId = input.leadId ?? input.declaredBy.id;
  const channels = announceChannelsFor(deps.settings, components, input.visibility);

  return deps.incidents.declare(
    {
      teamId: input.teamId,
      title: input.title.trim(),
      visibility: input.visibility,
      startedAt,
      detectedBy,
      detectedAt,
      leadId,
      declaredById: input.declaredBy.id,
      sourceKey: input.sourceKey,
      firstUpdate: {
        stage: input.stage,
        message: input.message,
        occurredAt: startedAt,
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
      // Subscribers hear of public incidents only, the declare message included (SPEC §13).
      if (input.visibility === 'public') {
        effects.push({
          queue: subscriberFanoutQueue,
          effect: { kind: 'subscriber.fanout_incident', incidentId: id, updateId },
        });
      }
      return effects;
    },
  );
}
