import type { MaintenanceStage } from '../maintenance/vocabulary';
import type {
  MaintenanceStatusReader,
  PublicMaintenance,
  PublicMaintenanceFeedEntry,
  PublicMaintenanceWindow,
} from '../status/public-maintenance';
import type { Prisma, PrismaClient } from './generated/client';

/*
 * What the public surfaces read of maintenances. Every query filters `visibility = 'public'` itself, so no
 * count, list or lookup can reveal an internal one; the selects leave out workspace, people and channels.
 */

const publicOnly = { visibility: 'public' } satisfies Prisma.MaintenanceWhereInput;

const select = {
  number: true,
  title: true,
  stage: true,
  impact: true,
  scheduledFor: true,
  scheduledUntil: true,
  startedAt: true,
  endedAt: true,
  components: {
    select: { component: { select: { id: true, key: true, name: true, group: true, position: true } } },
  },
  updates: {
    select: {
      id: true,
      stage: true,
      message: true,
      occurredAt: true,
      createdAt: true,
      sequence: true,
      affectedComponents: true,
    },
    orderBy: [{ occurredAt: 'asc' }, { sequence: 'asc' }],
  },
} satisfies Prisma.MaintenanceSelect;

type Row = Prisma.MaintenanceGetPayload<{ select: typeof select }>;

export class PrismaMaintenanceReader implements MaintenanceStatusReader {
  constructor(private readonly prisma: PrismaClient) {}

  /** Public maintenances scheduled, in progress or verifying (few: on the stage index). */
  async current(): Promise<PublicMaintenance[]> {
    const rows = await this.prisma.maintenance.findMany({
      where: { ...publicOnly, stage: { in: ['scheduled', 'in_progress', 'verifying'] } },
      orderBy: [{ scheduledFor: 'asc' }, { number: 'asc' }],
      select,
    });
    return rows.map(toPublic);
  }

  /** The `limit` public maintenances of any stage scheduled latest, newest first. */
  async recent(limit: number): Promise<PublicMaintenance[]> {
    const rows = await this.prisma.maintenance.findMany({
      where: publicOnly,
      orderBy: [{ scheduledFor: 'desc' }, { number: 'desc' }],
      take: limit,
      select,
    });
    return rows.map(toPublic);
  }

  /** `MNT-<number>` when public; with several workspaces in one database, the lowest team id's. */
  async find(number: number): Promise<PublicMaintenance | null> {
    const row = await this.prisma.maintenance.findFirst({
      where: { ...publicOnly, number },
      orderBy: { teamId: 'asc' },
      select,
    });
    return row ? toPublic(row) : null;
  }

  /** The `limit` latest updates of public maintenances by occurred time, newest first. */
  async recentUpdates(limit: number): Promise<PublicMaintenanceFeedEntry[]> {
    const rows = await this.prisma.maintenanceUpdate.findMany({
      where: { maintenance: publicOnly },
      orderBy: [{ occurredAt: 'desc' }, { sequence: 'desc' }],
      take: limit,
      select: {
        id: true,
        stage: true,
        message: true,
        occurredAt: true,
        createdAt: true,
        maintenance: { select: { number: true, title: true } },
      },
    });
    return rows.map(({ maintenance, ...update }) => ({
      maintenance,
      update: { ...update, stage: update.stage as MaintenanceStage },
    }));
  }

  async lastChangeAt(): Promise<Date | null> {
    const { _max } = await this.prisma.maintenanceUpdate.aggregate({
      where: { maintenance: publicOnly },
      _max: { createdAt: true },
    });
    return _max.createdAt;
  }

  async count(): Promise<number> {
    return this.prisma.maintenance.count({ where: publicOnly });
  }

  /** Started ones only: a cancelled maintenance never put anything under maintenance. */
  async windowsSince(since: Date): Promise<PublicMaintenanceWindow[]> {
    const rows = await this.prisma.maintenance.findMany({
      where: {
        ...publicOnly,
        startedAt: { not: null },
        OR: [{ endedAt: null }, { endedAt: { gt: since } }],
      },
      orderBy: [{ startedAt: 'asc' }, { number: 'asc' }],
      select: {
        number: true,
        title: true,
        startedAt: true,
        endedAt: true,
        components: { select: { componentId: true } },
      },
    });
    return rows.flatMap(({ startedAt, components, ...row }) =>
      startedAt ? [{ ...row, startedAt, componentIds: components.map((c) => c.componentId) }] : [],
    );
  }
}

function toPublic(row: Row): PublicMaintenance {
  return {
    number: row.number,
    title: row.title,
    stage: row.stage as MaintenanceStage,
    impact: row.impact,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    components: row.components.map((c) => c.component).sort((a, b) => a.position - b.position),
    updates: row.updates.map((u) => ({ ...u, stage: u.stage as MaintenanceStage })),
  };
}
