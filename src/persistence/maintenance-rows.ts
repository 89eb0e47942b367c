import type { Maintenance, MaintenanceRecord, MaintenanceUpdate } from '../maintenance/model';
import type { NewMaintenanceUpdate, UpdatePlan } from '../maintenance/ports';
import { deriveMaintenanceState } from '../maintenance/timeline';
import type { MaintenanceStage, MaintenanceVisibility } from '../maintenance/vocabulary';
import type * as Db from './generated/client';
import type { Prisma, PrismaClient } from './generated/client';
import { toComponent } from './mappers';
import { enqueueEffects } from './outbox-store';

/** Rows of maintenances become domain types here; the writes shared by people and the clock live here too. */

type Tx = Prisma.TransactionClient;

export const maintenanceRecordInclude = {
  updates: { orderBy: [{ occurredAt: 'asc' }, { sequence: 'asc' }] },
  components: { include: { component: true } },
} satisfies Prisma.MaintenanceInclude;

type RecordRow = Prisma.MaintenanceGetPayload<{ include: typeof maintenanceRecordInclude }>;

export function toMaintenance(row: Db.Maintenance): Maintenance {
  return {
    id: row.id,
    teamId: row.teamId,
    number: row.number,
    title: row.title,
    visibility: row.visibility as MaintenanceVisibility,
    stage: row.stage as MaintenanceStage,
    impact: row.impact,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    autoTransitions: row.autoTransitions,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    remindAt: row.remindAt,
    createdBy: { id: row.createdById, name: null },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toMaintenanceUpdate(row: Db.MaintenanceUpdate): MaintenanceUpdate {
  return {
    id: row.id,
    maintenanceId: row.maintenanceId,
    stage: row.stage as MaintenanceStage,
    message: row.message,
    occurredAt: row.occurredAt,
    createdAt: row.createdAt,
    author: row.authorId ? { id: row.authorId, name: null } : null,
    sequence: row.sequence,
  };
}

export function toMaintenanceRecord(row: RecordRow): MaintenanceRecord {
  return {
    ...toMaintenance(row),
    components: row.components.map((mc) => toComponent(mc.component)).sort((a, b) => a.position - b.position),
    updates: row.updates.map(toMaintenanceUpdate),
  };
}

export async function loadMaintenanceRecord(
  client: Tx | PrismaClient,
  maintenanceId: string,
): Promise<MaintenanceRecord | null> {
  const row = await client.maintenance.findUnique({
    where: { id: maintenanceId },
    include: maintenanceRecordInclude,
  });
  return row ? toMaintenanceRecord(row) : null;
}

export function insertMaintenanceUpdate(
  tx: Tx,
  maintenanceId: string,
  sequence: number,
  update: NewMaintenanceUpdate,
  sourceKey: string | null,
) {
  return tx.maintenanceUpdate.create({
    data: {
      maintenanceId,
      sequence,
      stage: update.stage,
      message: update.message,
      occurredAt: update.occurredAt,
      authorId: update.authorId,
      sourceKey,
      statuspageId: update.statuspageId ?? null,
      ...(update.affectedComponents === undefined
        ? {}
        : { affectedComponents: update.affectedComponents as Prisma.InputJsonValue }),
    },
  });
}

/**
 * Writes the update `plan` decides on for a maintenance already locked by the caller's transaction:
 * inserts it, recomputes stage, start and end from the whole timeline, and queues its effects.
 */
export async function writePlannedUpdate(
  tx: Tx,
  record: MaintenanceRecord,
  plan: (record: MaintenanceRecord) => UpdatePlan,
  sourceKey: string | null,
): Promise<{ maintenance: Maintenance; updateId: string }> {
  const { update, effects } = plan(record);
  const sequence = record.updates.reduce((max, u) => Math.max(max, u.sequence), 0) + 1;
  const row = await insertMaintenanceUpdate(tx, record.id, sequence, update, sourceKey);
  const state = deriveMaintenanceState([...record.updates, toMaintenanceUpdate(row)]);
  const updated = await tx.maintenance.update({
    where: { id: record.id },
    data: { stage: state.stage, startedAt: state.startedAt, endedAt: state.endedAt },
  });
  await enqueueEffects(tx, null, effects(row.id));
  return { maintenance: toMaintenance(updated), updateId: row.id };
}
