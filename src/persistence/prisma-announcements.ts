import type { PrismaClient } from './generated/client';

export interface AnnouncementRow {
  incidentId: string;
  channelId: string;
  rootTs: string | null;
}

/** Root messages of incidents in stakeholder channels. */
export class PrismaAnnouncements {
  constructor(private readonly prisma: PrismaClient) {}

  async find(incidentId: string, channelId: string): Promise<AnnouncementRow | null> {
    return this.prisma.announcement.findUnique({
      where: { incidentId_channelId: { incidentId, channelId } },
      select: { incidentId: true, channelId: true, rootTs: true },
    });
  }

  async saveRoot(incidentId: string, channelId: string, rootTs: string): Promise<void> {
    await this.prisma.announcement.upsert({
      where: { incidentId_channelId: { incidentId, channelId } },
      create: { incidentId, channelId, rootTs },
      update: { rootTs },
    });
  }

  async channels(incidentId: string): Promise<string[]> {
    const rows = await this.prisma.announcement.findMany({
      where: { incidentId },
      orderBy: { createdAt: 'asc' },
      select: { channelId: true },
    });
    return rows.map((r) => r.channelId);
  }
}
