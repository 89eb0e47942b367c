import { z } from 'zod';

/**
 * The outbox's vocabulary (SPEC §8): every side effect the domain can plan — Slack posts and deliveries to
 * subscribers (SPEC §13) — as a zod schema, so a payload read back from the database is parsed rather
 * than trusted. Types and zod only: the domain imports it.
 */

const exportFormats = ['markdown', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const incident = { incidentId: z.string() };
const maintenance = { maintenanceId: z.string() };
const subscriber = { subscriberId: z.string() };

export const sideEffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('channel.create'), ...incident }),
  z.object({ kind: z.literal('channel.post_update'), ...incident, updateId: z.string() }),
  z.object({ kind: z.literal('channel.post_text'), ...incident, text: z.string() }),
  z.object({ kind: z.literal('channel.set_topic'), ...incident }),
  z.object({ kind: z.literal('channel.invite'), ...incident, userIds: z.array(z.string()) }),
  z.object({ kind: z.literal('announce.root'), ...incident, channelId: z.string() }),
  z.object({ kind: z.literal('announce.reply'), ...incident, channelId: z.string(), updateId: z.string() }),
  z.object({ kind: z.literal('announce.refresh'), ...incident, channelId: z.string() }),
  z.object({
    kind: z.literal('declarer.confirm'),
    ...incident,
    userId: z.string(),
    channelId: z.string().nullable(),
    /** An incident recorded after the fact (SPEC §11), not declared. */
    recorded: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('export.dm'), ...incident, userId: z.string(), format: z.enum(exportFormats) }),
  z.object({ kind: z.literal('lead.reminder'), ...incident, minutes: z.number() }),
  z.object({ kind: z.literal('channel.archive'), ...incident }),
  // A timeline note whose message could not be read when its event came: read it again.
  z.object({
    kind: z.literal('note.capture'),
    channelId: z.string(),
    ts: z.string(),
    requestKey: z.string(),
    carried: z.record(z.string(), z.unknown()).nullable(),
  }),
  z.object({ kind: z.literal('lead.announce'), ...incident, leadId: z.string(), byUserId: z.string() }),
  // Scheduled maintenance (SPEC §12): root message, threaded updates and reminder per stakeholder channel.
  z.object({ kind: z.literal('maintenance.root'), ...maintenance, channelId: z.string() }),
  z.object({
    kind: z.literal('maintenance.reply'),
    ...maintenance,
    channelId: z.string(),
    updateId: z.string(),
  }),
  z.object({ kind: z.literal('maintenance.refresh'), ...maintenance, channelId: z.string() }),
  z.object({ kind: z.literal('maintenance.reminder'), ...maintenance, channelId: z.string() }),
  // A corrected update's Slack copy edited in place; channelId null: the incident channel.
  z.object({
    kind: z.literal('update.correct'),
    ...incident,
    updateId: z.string(),
    channelId: z.string().nullable(),
  }),
  // Subscribers (SPEC §13). A public update's fan-out: one job that, once committed, queues one delivery
  // per subscriber of the audience (each in the subscriber's own queue) and the component changes it made.
  z.object({ kind: z.literal('subscriber.fanout_incident'), ...incident, updateId: z.string() }),
  z.object({ kind: z.literal('subscriber.fanout_maintenance'), ...maintenance, updateId: z.string() }),
  z.object({
    kind: z.literal('subscriber.incident_update'),
    ...subscriber,
    ...incident,
    incidentNumber: z.number().int(),
    updateId: z.string(),
  }),
  z.object({
    kind: z.literal('subscriber.maintenance_update'),
    ...subscriber,
    ...maintenance,
    maintenanceNumber: z.number().int(),
    updateId: z.string(),
  }),
  z.object({
    kind: z.literal('subscriber.component_update'),
    ...subscriber,
    componentKey: z.string(),
    /** Identifies the change (Statuspage's `component_update.id`). */
    changeId: z.string(),
    oldStatus: z.string(),
    newStatus: z.string(),
    at: z.iso.datetime(),
  }),
  // The double opt-in mail of a new email subscription; its link's token is made when the mail goes out,
  // so no usable token is ever stored (only its hash).
  z.object({ kind: z.literal('subscriber.confirm_email'), ...subscriber }),
  // A webhook disabled after failing for 24 h: a DM to one manager.
  z.object({
    kind: z.literal('subscriber.disabled_notice'),
    ...subscriber,
    userId: z.string(),
    url: z.string(),
    failingSince: z.iso.datetime(),
    lastError: z.string(),
  }),
]);

/** A Slack side effect to perform after the commit, through the durable outbox. */
export type SideEffect = z.infer<typeof sideEffectSchema>;
export type EffectKind = SideEffect['kind'];
export type EffectOf<K extends EffectKind> = Extract<SideEffect, { kind: K }>;

/** Effects run in order within one queue; different queues run independently. */
export interface QueuedEffect {
  queue: string;
  effect: SideEffect;
}
