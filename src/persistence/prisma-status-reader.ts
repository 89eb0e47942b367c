import type { ComponentState } from '../incidents/model';
import type { Impact, Stage } from '../incidents/vocabulary';
import type {
  PublicComponent,
  PublicFeedEntry,
  PublicIncident,
  PublicIncidentHeader,
  PublicIncidentTimeline,
} from '../status/model';
import type { PublicChanges, StatusReader } from '../status/status-reader';
import type { Prisma, PrismaClient } from './generated/client';
import { toComponentStatus, toRecordedChanges } from './mappers';

/*
 * Reads what the public status page shows, through explicit selects that leave out people, channels and
 * notes. Every query is bounded: by open incidents (few, on the resolved_at index), by a start-time window
 * or a `take` on the started_at index, or by one incident number.
 */

const componentSelect = {
  id: true,
  key: true,
  name: true,
  group: true,
  description: true,
  position: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ComponentSelect;

const incidentSelect = {
  number: true,
  title: true,
  impact: true,
  stage: true,
  startedAt: true,
  resolvedAt: true,
  detectedBy: true,
  detectedAt: true,
  createdAt: true,
  updates: {
    select: {
      id: true,
      stage: true,
      message: true,
      occurredAt: true,
      createdAt: true,
      impact: true,
      components: true,
      sequence: true,
      sourceComponents: true,
      editedAt: true,
    },
    // A deleted update (SPEC §11) is gone from every public surface.
    where: { deletedAt: null },
    orderBy: [{ occurredAt: 'asc' }, { sequence: 'asc' }],
  },
  components: { select: { status: true, component: { select: componentSelect } } },
} satisfies Prisma.IncidentSelect;

/** Only public incidents reach a public surface (SPEC §10): every query below starts from this filter. */
const publicOnly = { visibility: 'public' } satisfies Prisma.IncidentWhereInput;

type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;

const headerSelect = {
  number: true,
  title: true,
  impact: true,
  stage: true,
  startedAt: true,
  resolvedAt: true,
} satisfies Prisma.IncidentSelect;

const newestStartFirst = [
  { startedAt: 'desc' },
  { number: 'desc' },
] satisfies Prisma.IncidentOrderByWithRelationInput[];

export class PrismaStatusReader implements StatusReader, PublicChanges {
  private catalog: { version: string; components: PublicComponent[] } | undefined;

  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The active catalog in catalog order. Reading 500 rows costs more than the rest of a summary, and the
   * catalog changes only when a replica syncs it at start, so the list is kept while the table's row
   * count and latest `updated_at` (which every sync write moves) stay the same: one aggregate row a call.
   */
  async listComponents(): Promise<PublicComponent[]> {
    const { _count, _max } = await this.prisma.component.aggregate({
      _count: true,
      _max: { updatedAt: true },
    });
    const version = `${_count}|${_max.updatedAt?.getTime() ?? ''}`;
    if (this.catalog?.version === version) return this.catalog.components;
    const components = await this.prisma.component.findMany({
      where: { archivedAt: null },
      orderBy: { position: 'asc' },
      select: componentSelect,
    });
    this.catalog = { version, components };
    return components;
  }

  /** Unresolved incidents, newest start first, with their timelines. */
  async openIncidents(): Promise<PublicIncident[]> {
    const rows = await this.prisma.incident.findMany({
      where: { ...publicOnly, resolvedAt: null },
      orderBy: newestStartFirst,
      select: incidentSelect,
    });
    return rows.map(toPublicIncident);
  }

  /** The `limit` most recently started incidents, open or resolved, with their timelines. */
  async recentIncidents(limit: number): Promise<PublicIncident[]> {
    const rows = await this.prisma.incident.findMany({
      where: publicOnly,
      orderBy: newestStartFirst,
      take: limit,
      select: incidentSelect,
    });
    return rows.map(toPublicIncident);
  }

  /** Incidents started at or after `since`, newest first, at most `limit`; without timelines. */
  async incidentsStartedSince(since: Date, limit: number): Promise<PublicIncidentHeader[]> {
    const rows = await this.prisma.incident.findMany({
      where: { ...publicOnly, startedAt: { gte: since } },
      orderBy: newestStartFirst,
      take: limit,
      select: headerSelect,
    });
    return rows.map(toHeader);
  }

  /** `INC-<number>`; with several workspaces in one database, the lowest team id's (as exports do). */
  async findIncident(number: number): Promise<PublicIncident | null> {
    const row = await this.prisma.incident.findFirst({
      where: { ...publicOnly, number },
      orderBy: { teamId: 'asc' },
      select: incidentSelect,
    });
    return row ? toPublicIncident(row) : null;
  }

  /** The `limit` latest updates of any incident by occurred time, newest first. */
  async recentUpdates(limit: number): Promise<PublicFeedEntry[]> {
    const rows = await this.prisma.incidentUpdate.findMany({
      where: { deletedAt: null, incident: publicOnly },
      orderBy: [{ occurredAt: 'desc' }, { sequence: 'desc' }],
      take: limit,
      select: {
        id: true,
        stage: true,
        message: true,
        occurredAt: true,
        createdAt: true,
        editedAt: true,
        incident: { select: { number: true, title: true } },
      },
    });
    return rows.map(({ incident, ...update }) => ({
      incident,
      update: { ...update, stage: update.stage as Stage },
    }));
  }

  /**
   * Every write to an incident or a maintenance (each update rewrites its row) or to the catalog moves
   * a row count or the sum of `updated_at`; one sequential read of each table, on the server, once a
   * second. A new public table belongs here too.
   */
  async version(): Promise<string> {
    const [row] = await this.prisma.$queryRaw<{ version: string }[]>`
      SELECT (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM updated_at)), 0) FROM incident)
        || '|' || (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM updated_at)), 0) FROM component)
        || '|' || (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM updated_at)), 0) FROM maintenance)
        AS version`;
    return row?.version ?? '';
  }

  /** The latest update recorded (on the created_at index) or catalog edit, whichever is later. */
  async lastPublicChange(): Promise<Date | null> {
    const [update, catalog] = await Promise.all([
      this.prisma.incidentUpdate.aggregate({ where: { incident: publicOnly }, _max: { createdAt: true } }),
      this.prisma.component.aggregate({ _max: { updatedAt: true } }),
    ]);
    const times = [update._max.createdAt, catalog._max.updatedAt].filter((t): t is Date => t !== null);
    return times.length === 0 ? null : new Date(Math.max(...times.map((t) => t.getTime())));
  }

  /** The latest resolution time of any incident (on the resolved_at index), or null. */
  async lastResolvedAt(): Promise<Date | null> {
    const row = await this.prisma.incident.findFirst({
      where: { ...publicOnly, resolvedAt: { not: null } },
      orderBy: { resolvedAt: 'desc' },
      select: { resolvedAt: true },
    });
    return row?.resolvedAt ?? null;
  }

  /** Open incidents and those resolved since `since` (on the resolved_at index), with their timelines. */
  async incidentTimelinesSince(since: Date): Promise<PublicIncidentTimeline[]> {
    const rows = await this.prisma.incident.findMany({
      where: { ...publicOnly, OR: [{ resolvedAt: null }, { resolvedAt: { gte: since } }] },
      select: {
        number: true,
        title: true,
        updates: { select: { stage: true, occurredAt: true, sequence: true, components: true } },
      },
    });
    return rows.map((row) => ({
      number: row.number,
      title: row.title,
      updates: row.updates.map((update) => ({
        ...update,
        stage: update.stage as Stage,
        components: update.components as unknown as ComponentState[],
      })),
    }));
  }

  /**
   * A public incident, or a public maintenance that had begun: one query, with an EXISTS per component
   * (on the component_id indexes) that stops at the first one found.
   */
  async componentsAffectedBefore(componentIds: readonly string[], before: Date): Promise<string[]> {
    if (componentIds.length === 0) return [];
    const rows = await this.prisma.component.findMany({
      where: {
        id: { in: [...componentIds] },
        OR: [
          { incidents: { some: { incident: { ...publicOnly, startedAt: { lt: before } } } } },
          { maintenances: { some: { maintenance: { ...publicOnly, startedAt: { lt: before } } } } },
        ],
      },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  async incidentHeaders(offset: number, limit: number): Promise<PublicIncidentHeader[]> {
    const rows = await this.prisma.incident.findMany({
      where: publicOnly,
      orderBy: newestStartFirst,
      skip: offset,
      take: limit,
      select: headerSelect,
    });
    return rows.map(toHeader);
  }

  async countIncidents(): Promise<number> {
    return this.prisma.incident.count({ where: publicOnly });
  }
}

function toHeader(row: Prisma.IncidentGetPayload<{ select: typeof headerSelect }>): PublicIncidentHeader {
  return { ...row, impact: row.impact as Impact, stage: row.stage as Stage };
}

function toPublicIncident(row: IncidentRow): PublicIncident {
  return {
    number: row.number,
    title: row.title,
    impact: row.impact as Impact,
    stage: row.stage as Stage,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    detectedBy: row.detectedBy,
    detectedAt: row.detectedAt,
    createdAt: row.createdAt,
    components: row.components
      .map((ic) => ({ component: ic.component, status: toComponentStatus(ic.status) }))
      .sort((a, b) => a.component.position - b.component.position),
    updates: row.updates.map(({ sourceComponents, ...update }) => ({
      ...update,
      stage: update.stage as Stage,
      impact: update.impact as Impact,
      components: update.components as unknown as ComponentState[],
      recordedChanges: toRecordedChanges(sourceComponents),
    })),
  };
}
