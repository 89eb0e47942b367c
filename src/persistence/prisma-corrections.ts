import type { Correction, Corrections } from '../incidents/corrections-port';
import { IncidentNotFound } from '../incidents/errors';
import type { IncidentRecord, IncidentUpdate } from '../incidents/model';
import type { QueuedEffect } from '../outbox/effects';
import type { PrismaClient } from './generated/client';
import { enqueueEffects, type OutboxSignal } from './outbox-store';
import type { PrismaIncidentRepository } from './prisma-incident-repository';
import { writeProjection } from './projection';

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Corrections of the record (SPEC §11) and the Slack messages that show each update. */
export class PrismaCorrections implements Corrections {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly incidents: PrismaIncidentRepository,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async findUpdate(updateId: string) {
    if (!isUuid(updateId)) return null;
    const row = await this.prisma.incidentUpdate.findUnique({
      where: { id: updateId },
      select: { incidentId: true, deletedAt: true },
    });
    if (!row) return null;
    const record = await this.incidents.loadRecord(row.incidentId);
    if (!record) return null;
    return { record, update: record.updates.find((u) => u.id === updateId) ?? null };
  }

  async correct(
    incidentId: string,
    editorId: string,
    build: (record: IncidentRecord) => { correction: Correction; effects: QueuedEffect[] } | null,
  ): Promise<void> {
    if (!isUuid(incidentId)) throw new IncidentNotFound('That incident');
    const applied = await this.prisma.$transaction(async (tx) => {
      // The same lock as new updates take: one writer of a timeline at a time.
      await tx.$queryRaw`SELECT id FROM incident WHERE id = ${incidentId}::uuid FOR UPDATE`;
      const record = await this.incidents.loadRecordWith(tx, incidentId);
      if (!record) throw new IncidentNotFound('That incident');
      const built = build(record);
      if (!built) return false;
      const { correction, effects } = built;
      const now = new Date();
      let updates: IncidentUpdate[] = record.updates;
      let incidentData = {};
      if (correction.kind === 'edit') {
        const { components, ...patch } = correction.patch;
        await tx.incidentUpdate.update({
          where: { id: correction.updateId },
          data: { ...patch, components: components as never, editedAt: now },
        });
        updates = record.updates.map((u) =>
          u.id === correction.updateId ? { ...u, ...patch, components, editedAt: now } : u,
        );
      } else if (correction.kind === 'delete') {
        await tx.incidentUpdate.update({ where: { id: correction.updateId }, data: { deletedAt: now } });
        updates = record.updates.filter((u) => u.id !== correction.updateId);
      } else {
        incidentData = correction.patch;
      }
      await tx.revision.create({
        data: {
          incidentId,
          updateId: correction.kind === 'incident' ? null : correction.updateId,
          kind: correction.kind,
          editorId,
          before: correction.before,
          after: correction.after,
          createdAt: now,
        },
      });
      await writeProjection(tx, incidentId, updates, incidentData);
      await enqueueEffects(tx, incidentId, effects);
      return true;
    });
    if (applied) this.signal();
  }

  async messageTs(updateId: string, channelId: string): Promise<string | null> {
    const row = await this.prisma.updateMessage.findUnique({
      where: { updateId_channelId: { updateId, channelId } },
    });
    return row?.ts ?? null;
  }

  async saveMessageTs(updateId: string, channelId: string, ts: string): Promise<void> {
    await this.prisma.updateMessage.upsert({
      where: { updateId_channelId: { updateId, channelId } },
      create: { updateId, channelId, ts },
      update: { ts },
    });
  }
}
