import type { MaintenanceAnnouncements } from '../maintenance/ports';
import type { PrismaClient } from './generated/client';

/** Root messages of maintenances in stakeholder channels; their updates are threaded under them. */
export class PrismaMaintenanceAnnouncements implements MaintenanceAnnouncements {
  constructor(private readonly prisma: PrismaClient) {}

  async rootTs(maintenanceId: string, channelId: string): Promise<string | null> {
    const row = await this.prisma.maintenanceAnnouncement.findUnique({
      where: { maintenanceId_channelId: { maintenanceId, channelId } },
      select: { rootTs: true },
    });
    return row?.rootTs ?? null;
  }

  async saveRoot(maintenanceId: string, channelId: string, rootTs: string): Promise<void> {
    await this.prisma.maintenanceAnnouncement.upsert({
      where: { maintenanceId_channelId: { maintenanceId, channelId } },
      create: { maintenanceId, channelId, rootTs },
      update: { rootTs },
    });
  }
}
