import { randomUUID } from 'node:crypto';
import type { ImportPlan, PlannedChange, PlannedUpdate } from '../import/plan-import';
import { deriveMaintenanceState } from '../maintenance/timeline';
import { isFinalMaintenanceStage, type MaintenanceStage } from '../maintenance/vocabulary';
import { takeNumbers } from './counters';
import type { Prisma, PrismaClient } from './generated/client';
import { toMaintenanceUpdate } from './maintenance-rows';

/*
 * Maintenances of a Statuspage import (SPEC §14), written inside the import's transaction: public, the
 * source's stage and impact, auto transitions off (the page's clock already ran them), no reminder, no
 * announcement; updates keep the source's times and its affected_components, codes as catalog keys.
 */

type Tx = Prisma.TransactionClient;
type PlannedMaintenance = ImportPlan['maintenances'][number];
type Addition = ImportPlan['maintenanceAdditions'][number];

/** Statuspage maintenance id → the ids of its updates, for those imported before. */
export async function importedMaintenanceIds(
  prisma: PrismaClient,
  ids: string[],
): Promise<Map<string, Set<string>>> {
  const known = new Map<string, Set<string>>();
  if (ids.length === 0) return known;
  const rows = await prisma.maintenance.findMany({
    where: { statuspageId: { in: ids } },
    select: { statuspageId: true, updates: { select: { statuspageId: true } } },
  });
  for (const row of rows) {
    if (!row.statuspageId) continue;
    known.set(
      row.statuspageId,
      new Set(row.updates.flatMap((u) => (u.statuspageId ? [u.statuspageId] : []))),
    );
  }
  return known;
}

export async function createImportedMaintenances(
  tx: Tx,
  maintenances: PlannedMaintenance[],
  ids: Map<string, string>,
  teamId: string,
  createdById: string,
): Promise<void> {
  if (maintenances.length === 0) return;
  const first = await takeNumbers(tx, 'maintenance_counter', teamId, maintenances.length);
  const ordered = [...maintenances].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const [index, m] of ordered.entries()) {
    const maintenanceId = randomUUID();
    const updates = m.updates.map((u, i) => updateRow(maintenanceId, i + 1, u, ids));
    const { startedAt, endedAt } = times(m.stage, m, updates);
    await tx.maintenance.create({
      data: {
        id: maintenanceId,
        teamId,
        number: first + index,
        title: m.title,
        visibility: 'public',
        stage: m.stage,
        impact: m.impact,
        scheduledFor: m.scheduledFor,
        scheduledUntil: m.scheduledUntil,
        autoTransitions: false,
        startedAt,
        endedAt,
        remindAt: null,
        createdById,
        statuspageId: m.statuspageId,
        createdAt: m.createdAt,
      },
    });
    const componentIds = [...new Set(m.componentKeys.flatMap((key) => ids.get(key) ?? []))];
    if (componentIds.length > 0) {
      await tx.maintenanceComponent.createMany({
        data: componentIds.map((componentId) => ({ maintenanceId, componentId })),
      });
    }
    if (updates.length > 0) await tx.maintenanceUpdate.createMany({ data: updates });
  }
}

/** New updates of a maintenance imported before; it takes the source's current stage. */
export async function addImportedMaintenanceUpdates(
  tx: Tx,
  addition: Addition,
  ids: Map<string, string>,
): Promise<void> {
  const row = await tx.maintenance.findUnique({
    where: { statuspageId: addition.statuspageId },
    include: { updates: true },
  });
  if (!row) throw new Error(`maintenance ${addition.statuspageId} vanished during the import`);
  let sequence = row.updates.reduce((max, u) => Math.max(max, u.sequence), 0);
  const added = addition.updates.map((u) => updateRow(row.id, ++sequence, u, ids));
  await tx.maintenanceUpdate.createMany({ data: added });
  const all = [...row.updates.map(toMaintenanceUpdate), ...added];
  const { startedAt, endedAt } = times(addition.stage, { ...row, resolvedAt: row.endedAt }, all);
  await tx.maintenance.update({ where: { id: row.id }, data: { stage: addition.stage, startedAt, endedAt } });
}

type Row = Prisma.MaintenanceUpdateCreateManyInput & {
  stage: MaintenanceStage;
  occurredAt: Date;
  sequence: number;
};

function updateRow(
  maintenanceId: string,
  sequence: number,
  update: PlannedUpdate<MaintenanceStage>,
  ids: Map<string, string>,
): Row {
  return {
    id: randomUUID(),
    maintenanceId,
    sequence,
    stage: update.stage,
    message: update.message,
    occurredAt: update.occurredAt,
    createdAt: update.createdAt,
    authorId: null,
    statuspageId: update.statuspageId,
    affectedComponents: affected(update.changes, ids) as Prisma.InputJsonValue,
  };
}

/** Statuspage's own shape, `code` being the catalog key the component was placed at. */
function affected(changes: PlannedChange[], ids: Map<string, string>) {
  return changes
    .filter((c) => ids.has(c.key))
    .map((c) => ({ code: c.key, name: c.name, old_status: c.oldStatus, new_status: c.newStatus }));
}

/**
 * Start and end from the updates; where the source's stage is further on than any update says (a page may
 * mark a maintenance completed with its scheduling message alone), from the schedule and `resolved_at`.
 */
function times(
  stage: MaintenanceStage,
  m: { scheduledFor: Date; scheduledUntil: Date; resolvedAt: Date | null },
  updates: readonly { stage: MaintenanceStage; occurredAt: Date; sequence: number }[],
): { startedAt: Date | null; endedAt: Date | null } {
  const derived = updates.length > 0 ? deriveMaintenanceState(updates) : { startedAt: null, endedAt: null };
  const begun = stage !== 'scheduled' && stage !== 'cancelled';
  const final = isFinalMaintenanceStage(stage);
  return {
    startedAt: derived.startedAt ?? (begun ? m.scheduledFor : null),
    endedAt: final ? (derived.endedAt ?? m.resolvedAt ?? m.scheduledUntil) : null,
  };
}
