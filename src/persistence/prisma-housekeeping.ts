import type { Housekeeping } from '../incidents/ports';
import type { Impact } from '../incidents/vocabulary';
import { impacts } from '../incidents/vocabulary';
import type { QueuedEffect } from '../outbox/effects';
import { channelQueue } from '../outbox/queues';
import type { PrismaClient } from './generated/client';
import { enqueueEffects, type OutboxSignal } from './outbox-store';

/**
 * Reminders and channel archiving. Each due incident is claimed under a row lock with SKIP LOCKED
 * and marked in the same transaction that queues its effect, so replicas running this side by side
 * remind and archive once.
 */
export class PrismaHousekeeping implements Housekeeping {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async claimReminders(now: Date, minutesByImpact: Partial<Record<Impact, number>>): Promise<number> {
    let claimed = 0;
    for (const impact of impacts) {
      const minutes = minutesByImpact[impact];
      if (!minutes || minutes <= 0) continue;
      const due = new Date(now.getTime() - minutes * 60_000);
      claimed += await this.prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM incident
          WHERE resolved_at IS NULL AND impact = ${impact}
            AND last_update_at <= ${due}
            AND (last_reminder_at IS NULL OR last_reminder_at <= ${due})
          ORDER BY last_update_at
          LIMIT 100
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        await tx.incident.updateMany({ where: { id: { in: ids } }, data: { lastReminderAt: now } });
        const effects = (id: string): QueuedEffect[] => [
          { queue: channelQueue(id), effect: { kind: 'lead.reminder', incidentId: id, minutes } },
        ];
        for (const id of ids) await enqueueEffects(tx, id, effects(id));
        return ids.length;
      });
    }
    if (claimed > 0) this.signal();
    return claimed;
  }

  async claimArchives(now: Date, days: number): Promise<number> {
    if (days <= 0) return 0;
    const due = new Date(now.getTime() - days * 86_400_000);
    const claimed = await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM incident
        WHERE resolved_at IS NOT NULL AND resolved_at <= ${due}
          AND channel_id IS NOT NULL AND NOT archived_channel
        ORDER BY resolved_at
        LIMIT 100
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      await tx.incident.updateMany({ where: { id: { in: ids } }, data: { archivedChannel: true } });
      for (const id of ids) {
        await enqueueEffects(tx, id, [
          { queue: channelQueue(id), effect: { kind: 'channel.archive', incidentId: id } },
        ]);
      }
      return ids.length;
    });
    if (claimed > 0) this.signal();
    return claimed;
  }

  /** Idempotency keys outlive Slack's retries (minutes) by far after a day. */
  async forgetProcessedRequests(now: Date): Promise<number> {
    const { count } = await this.prisma.processedRequest.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - 86_400_000) } },
    });
    return count;
  }
}
