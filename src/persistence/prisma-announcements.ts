import type { AnnouncementRoot, Announcements } from '../incidents/ports';
import type { PrismaClient } from './generated/client';

/** Root messages of incidents in stakeholder channels. */
export class PrismaAnnouncements implements Announcements {
  constructor(private readonly prisma: PrismaClient) {}

  async find(incidentId: string, channelId: string): Promise<AnnouncementRoot | null> {
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
}
