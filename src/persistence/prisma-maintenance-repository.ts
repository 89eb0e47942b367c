import type { MaintenanceCoverage } from '../maintenance/component-status';
import type { Maintenance, MaintenanceRecord } from '../maintenance/model';
import type {
  MaintenanceDraft,
  MaintenanceRepository,
  MaintenanceWrite,
  UpdatePlan,
} from '../maintenance/ports';
import { deriveMaintenanceState } from '../maintenance/timeline';
import type { MaintenanceStage } from '../maintenance/vocabulary';
import type { QueuedEffect } from '../outbox/effects';
import { takeNumbers } from './counters';
import type { PrismaClient } from './generated/client';
import {
  insertMaintenanceUpdate,
  loadMaintenanceRecord,
  maintenanceRecordInclude,
  toMaintenance,
  toMaintenanceRecord,
  writePlannedUpdate,
} from './maintenance-rows';
import { enqueueEffects, type OutboxSignal } from './outbox-store';
import { writeOnce } from './unique-violation';

/** Maintenances and their updates (SPEC §12); every write queues its Slack effects in the same transaction. */
export class PrismaMaintenanceRepository implements MaintenanceRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async schedule(
    draft: MaintenanceDraft,
    effects: (m: Maintenance, updateId: string) => QueuedEffect[],
  ): Promise<MaintenanceWrite> {
    return writeOnce(
      draft.sourceKey,
      (key) => this.findBySource(key),
      async () => {
        const result = await this.prisma.$transaction(async (tx) => {
          const number = await takeNumbers(tx, 'maintenance_counter', draft.teamId, 1);
          const first = draft.firstUpdate;
          const state = deriveMaintenanceState([{ ...first, sequence: 1 }]);
          const row = await tx.maintenance.create({
            data: {
              teamId: draft.teamId,
              number,
              title: draft.title,
              visibility: draft.visibility,
              stage: state.stage,
              impact: draft.impact ?? 'maintenance',
              scheduledFor: draft.scheduledFor,
              scheduledUntil: draft.scheduledUntil,
              autoTransitions: draft.autoTransitions,
              startedAt: state.startedAt,
              endedAt: state.endedAt,
              remindAt: draft.remindAt,
              createdById: draft.createdById,
              sourceKey: draft.sourceKey,
              statuspageId: draft.statuspageId ?? null,
            },
          });
          if (draft.componentIds.length > 0) {
            await tx.maintenanceComponent.createMany({
              data: [...new Set(draft.componentIds)].map((componentId) => ({
                maintenanceId: row.id,
                componentId,
              })),
            });
          }
          const update = await insertMaintenanceUpdate(tx, row.id, 1, first, null);
          const maintenance = toMaintenance(row);
          await enqueueEffects(tx, null, effects(maintenance, update.id));
          return { maintenance, updateId: update.id, created: true };
        });
        this.signal();
        return result;
      },
    );
  }

  async appendUpdate(
    maintenanceId: string,
    sourceKey: string | null,
    plan: (record: MaintenanceRecord) => UpdatePlan,
  ): Promise<MaintenanceWrite> {
    return writeOnce(
      sourceKey,
      (key) => this.findUpdateBySource(key),
      async () => {
        const result = await this.prisma.$transaction(async (tx) => {
          // Serialises people and the clock on one maintenance: whoever comes second sees the first's stage.
          await tx.$queryRaw`SELECT id FROM maintenance WHERE id = ${maintenanceId}::uuid FOR UPDATE`;
          const record = await loadMaintenanceRecord(tx, maintenanceId);
          if (!record) throw new Error(`maintenance ${maintenanceId} vanished`);
          return { ...(await writePlannedUpdate(tx, record, plan, sourceKey)), created: true };
        });
        this.signal();
        return result;
      },
    );
  }

  async findByNumber(teamId: string, number: number): Promise<Maintenance | null> {
    const row = await this.prisma.maintenance.findUnique({ where: { teamId_number: { teamId, number } } });
    return row ? toMaintenance(row) : null;
  }

  loadRecord(maintenanceId: string): Promise<MaintenanceRecord | null> {
    return loadMaintenanceRecord(this.prisma, maintenanceId);
  }

  async listCurrent(teamId: string, limit = 45): Promise<MaintenanceRecord[]> {
    const rows = await this.prisma.maintenance.findMany({
      where: { teamId, stage: { in: ['scheduled', 'in_progress', 'verifying'] } },
      orderBy: [{ scheduledFor: 'asc' }, { number: 'asc' }],
      take: limit,
      include: maintenanceRecordInclude,
    });
    return rows.map(toMaintenanceRecord);
  }

  async activeCoverage(): Promise<MaintenanceCoverage[]> {
    const rows = await this.prisma.maintenance.findMany({
      where: { stage: { in: ['in_progress', 'verifying'] } },
      select: { stage: true, components: { select: { componentId: true } } },
    });
    return rows.map((row) => ({
      stage: row.stage as MaintenanceStage,
      componentIds: row.components.map((c) => c.componentId),
    }));
  }

  private async findBySource(sourceKey: string): Promise<MaintenanceWrite | null> {
    const row = await this.prisma.maintenance.findUnique({
      where: { sourceKey },
      include: { updates: { where: { sequence: 1 }, select: { id: true } } },
    });
    const first = row?.updates[0];
    return row && first ? { maintenance: toMaintenance(row), updateId: first.id, created: false } : null;
  }

  private async findUpdateBySource(sourceKey: string): Promise<MaintenanceWrite | null> {
    const row = await this.prisma.maintenanceUpdate.findUnique({
      where: { sourceKey },
      include: { maintenance: true },
    });
    return row ? { maintenance: toMaintenance(row.maintenance), updateId: row.id, created: false } : null;
  }
}
