import type { MaintenanceRecord } from '../maintenance/model';
import type { MaintenanceClockStore, UpdatePlan } from '../maintenance/ports';
import type { QueuedEffect } from '../outbox/effects';
import type { Prisma, PrismaClient } from './generated/client';
import { loadMaintenanceRecord, writePlannedUpdate } from './maintenance-rows';
import { enqueueEffects, type OutboxSignal } from './outbox-store';

type Tx = Prisma.TransactionClient;
type Claim = (tx: Tx) => Promise<{ id: string }[]>;

const BATCH = 50;

/**
 * The maintenance clock's claims. Each due maintenance is locked with SKIP LOCKED and moved (or marked
 * reminded) in the same transaction that queues its effects, so replicas running the clock side by side
 * post each transition and each reminder once; the stage condition in the query keeps a maintenance a
 * person moved meanwhile from being moved again.
 */
export class PrismaMaintenanceClock implements MaintenanceClockStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  claimDueStarts(now: Date, plan: (record: MaintenanceRecord) => UpdatePlan): Promise<number> {
    return this.transition(
      (tx) => tx.$queryRaw`
        SELECT id FROM maintenance
        WHERE auto_transitions AND stage = 'scheduled' AND scheduled_for <= ${now}
        ORDER BY scheduled_for
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`,
      plan,
    );
  }

  claimDueCompletions(now: Date, plan: (record: MaintenanceRecord) => UpdatePlan): Promise<number> {
    return this.transition(
      (tx) => tx.$queryRaw`
        SELECT id FROM maintenance
        WHERE auto_transitions AND stage IN ('in_progress', 'verifying') AND scheduled_until <= ${now}
        ORDER BY scheduled_until
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`,
      plan,
    );
  }

  async claimDueReminders(
    now: Date,
    effects: (record: MaintenanceRecord) => QueuedEffect[],
  ): Promise<number> {
    const claimed = await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM maintenance
        WHERE stage = 'scheduled' AND remind_at IS NOT NULL AND remind_at <= ${now}
          AND reminded_at IS NULL AND scheduled_for > ${now}
        ORDER BY remind_at
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`;
      for (const { id } of rows) {
        const record = await loadMaintenanceRecord(tx, id);
        if (!record) continue;
        await tx.maintenance.update({ where: { id }, data: { remindedAt: now } });
        await enqueueEffects(tx, null, effects(record));
      }
      return rows.length;
    });
    if (claimed > 0) this.signal();
    return claimed;
  }

  private async transition(claim: Claim, plan: (record: MaintenanceRecord) => UpdatePlan): Promise<number> {
    const claimed = await this.prisma.$transaction(async (tx) => {
      const rows = await claim(tx);
      for (const { id } of rows) {
        const record = await loadMaintenanceRecord(tx, id);
        if (record) await writePlannedUpdate(tx, record, plan, null);
      }
      return rows.length;
    });
    if (claimed > 0) this.signal();
    return claimed;
  }
}
