import { randomUUID } from 'node:crypto';
import type { QueuedEffect, SideEffect } from '../outbox/effects';
import { subscriberQueue } from '../outbox/queues';
import {
  deliveryKey,
  type Subscriber,
  type SubscriberChannel,
  type SubscriberDeliveries,
} from '../subscribers/ports';
import type { Prisma, PrismaClient } from './generated/client';
import { enqueueEffects, type OutboxSignal } from './outbox-store';
import { toSubscriber } from './prisma-subscribers';

/** Who hears of something touching these components: confirmed, enabled, and following one of them (or all). */
function audienceWhere(
  componentKeys: readonly string[],
  channels: readonly SubscriberChannel[],
): Prisma.SubscriberWhereInput {
  return {
    kind: { in: [...channels] },
    confirmedAt: { not: null },
    disabledAt: null,
    OR: [{ components: { isEmpty: true } }, { components: { hasSome: [...componentKeys] } }],
  };
}

const componentIds = (json: Prisma.JsonValue): string[] =>
  Array.isArray(json)
    ? json.flatMap((state) =>
        state && typeof state === 'object' && 'componentId' in state && typeof state.componentId === 'string'
          ? [state.componentId]
          : [],
      )
    : [];

/** The fan-outs and bookkeeping of subscriber deliveries (SPEC §13); see `SubscriberDeliveries`. */
export class PrismaSubscriberDeliveries implements SubscriberDeliveries {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async fanOutIncidentUpdate(
    incidentId: string,
    updateId: string,
    channels: readonly SubscriberChannel[],
  ): Promise<number> {
    const queued = await this.prisma.$transaction(async (tx) => {
      // Public incidents only, and an update still in the timeline: filtered here, not by the caller.
      const update = await tx.incidentUpdate.findFirst({
        where: { id: updateId, incidentId, deletedAt: null, incident: { visibility: 'public' } },
        select: { components: true, incident: { select: { number: true } } },
      });
      if (!update) return 0;
      const keys = await this.componentKeys(tx, componentIds(update.components));
      const incidentNumber = update.incident.number;
      return this.queue(
        tx,
        audienceWhere(keys, channels),
        deliveryKey('update', updateId),
        (subscriberId) => ({
          kind: 'subscriber.incident_update',
          subscriberId,
          incidentId,
          incidentNumber,
          updateId,
        }),
      );
    });
    if (queued > 0) this.signal();
    return queued;
  }

  async fanOutMaintenanceUpdate(
    maintenanceId: string,
    updateId: string,
    channels: readonly SubscriberChannel[],
  ): Promise<number> {
    const queued = await this.prisma.$transaction(async (tx) => {
      const update = await tx.maintenanceUpdate.findFirst({
        where: { id: updateId, maintenanceId, maintenance: { visibility: 'public' } },
        select: {
          maintenance: {
            select: { number: true, components: { select: { component: { select: { key: true } } } } },
          },
        },
      });
      if (!update) return 0;
      const keys = update.maintenance.components.map((c) => c.component.key);
      const maintenanceNumber = update.maintenance.number;
      return this.queue(
        tx,
        audienceWhere(keys, channels),
        deliveryKey('maintenance', updateId),
        (subscriberId) => ({
          kind: 'subscriber.maintenance_update',
          subscriberId,
          maintenanceId,
          maintenanceNumber,
          updateId,
        }),
      );
    });
    if (queued > 0) this.signal();
    return queued;
  }

  async fanOutComponentChanges(statuses: ReadonlyMap<string, string>, now: Date): Promise<number> {
    const queued = await this.prisma.$transaction(async (tx) => {
      const told = new Map(
        (await tx.subscriberComponentStatus.findMany()).map((row) => [row.componentKey, row.status]),
      );
      let count = 0;
      for (const key of new Set([...statuses.keys(), ...told.keys()])) {
        const oldStatus = told.get(key) ?? 'operational';
        const newStatus = statuses.get(key) ?? 'operational';
        if (oldStatus === newStatus) continue;
        const changeId = randomUUID();
        await tx.subscriberComponentStatus.upsert({
          where: { componentKey: key },
          create: { componentKey: key, status: newStatus, changeId, changedAt: now },
          update: { status: newStatus, changeId, changedAt: now },
        });
        const at = now.toISOString();
        count += await this.queue(
          tx,
          audienceWhere([key], ['webhook']),
          deliveryKey('component', changeId),
          (subscriberId) => ({
            kind: 'subscriber.component_update',
            subscriberId,
            componentKey: key,
            changeId,
            oldStatus,
            newStatus,
            at,
          }),
        );
      }
      return count;
    });
    if (queued > 0) this.signal();
    return queued;
  }

  async find(subscriberId: string): Promise<Subscriber | null> {
    const row = await this.prisma.subscriber.findUnique({ where: { id: subscriberId } });
    return row ? toSubscriber(row) : null;
  }

  async delivered(subscriberId: string, eventKey: string, now: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.subscriberDelivery.updateMany({
        where: { subscriberId, eventKey },
        data: { deliveredAt: now, lastError: null },
      }),
      this.prisma.subscriber.updateMany({
        where: { id: subscriberId, failingSince: { not: null } },
        data: { failingSince: null },
      }),
    ]);
  }

  async failed(subscriberId: string, eventKey: string, error: string, now: Date): Promise<Date> {
    return this.prisma.$transaction(async (tx) => {
      await tx.subscriberDelivery.updateMany({
        where: { subscriberId, eventKey },
        data: { lastError: error.slice(0, 2000) },
      });
      await tx.subscriber.updateMany({
        where: { id: subscriberId, failingSince: null },
        data: { failingSince: now },
      });
      const row = await tx.subscriber.findUnique({
        where: { id: subscriberId },
        select: { failingSince: true },
      });
      return row?.failingSince ?? now;
    });
  }

  async disable(subscriberId: string, now: Date, effects: QueuedEffect[]): Promise<boolean> {
    const done = await this.prisma.$transaction(async (tx) => {
      const changed = await tx.subscriber.updateMany({
        where: { id: subscriberId, disabledAt: null },
        data: { disabledAt: now },
      });
      if (changed.count === 0) return false;
      await enqueueEffects(tx, null, effects);
      return true;
    });
    if (done) this.signal();
    return done;
  }

  private async componentKeys(tx: Prisma.TransactionClient, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.component.findMany({ where: { id: { in: ids } }, select: { key: true } });
    return rows.map((row) => row.key);
  }

  /**
   * Records one delivery per subscriber of the audience and queues a job for each one not recorded
   * before (a fan-out run a second time queues nothing new).
   */
  private async queue(
    tx: Prisma.TransactionClient,
    where: Prisma.SubscriberWhereInput,
    eventKey: string,
    effect: (subscriberId: string) => SideEffect,
  ): Promise<number> {
    const audience = await tx.subscriber.findMany({
      where,
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    if (audience.length === 0) return 0;
    const ids = audience.map((s) => s.id);
    const fresh = await tx.$queryRaw<{ subscriber_id: string }[]>`
      INSERT INTO subscriber_delivery (id, subscriber_id, event_key)
      SELECT gen_random_uuid(), s, ${eventKey} FROM unnest(${ids}::uuid[]) AS s
      ON CONFLICT (subscriber_id, event_key) DO NOTHING
      RETURNING subscriber_id::text AS subscriber_id`;
    const queued = new Set(fresh.map((row) => row.subscriber_id));
    await enqueueEffects(
      tx,
      null,
      ids.filter((id) => queued.has(id)).map((id) => ({ queue: subscriberQueue(id), effect: effect(id) })),
    );
    return queued.size;
  }
}
