import type { CatalogEntry } from '../catalog/load-catalog';
import type { Component } from '../incidents/model';
import type { ComponentCatalog } from '../incidents/ports';
import { type ComponentStatus, worseStatus } from '../incidents/vocabulary';
import type { Prisma, PrismaClient } from './generated/client';
import { toComponent } from './mappers';

export interface CatalogSyncResult {
  added: number;
  updated: number;
  archived: number;
  total: number;
}

export class PrismaComponentCatalog implements ComponentCatalog {
  constructor(private readonly prisma: PrismaClient) {}

  /** Upserts by key in file order and archives keys no longer in the file (history keeps them). */
  async sync(entries: CatalogEntry[]): Promise<CatalogSyncResult> {
    return this.prisma.$transaction((tx) => syncCatalog(tx, entries));
  }

  async listActive(): Promise<Component[]> {
    const rows = await this.prisma.component.findMany({
      where: { archivedAt: null },
      orderBy: { position: 'asc' },
    });
    return rows.map(toComponent);
  }

  async findByKeys(keys: string[]): Promise<Component[]> {
    if (keys.length === 0) return [];
    const rows = await this.prisma.component.findMany({
      where: { key: { in: keys } },
      orderBy: { position: 'asc' },
    });
    return rows.map(toComponent);
  }

  /** Each component's status across open incidents: the worst one wins; absent means operational. */
  async currentStatuses(hiddenIncidentIds: string[] = []): Promise<Map<string, ComponentStatus>> {
    const rows = await this.prisma.incidentComponent.findMany({
      where: {
        incident: { resolvedAt: null },
        status: { not: 'operational' },
        ...(hiddenIncidentIds.length > 0 ? { incidentId: { notIn: hiddenIncidentIds } } : {}),
      },
      select: { componentId: true, status: true },
    });
    const statuses = new Map<string, ComponentStatus>();
    for (const row of rows) {
      const status = row.status as ComponentStatus;
      const known = statuses.get(row.componentId);
      statuses.set(row.componentId, known ? worseStatus(known, status) : status);
    }
    return statuses;
  }
}

/** The catalog sync of start-up, inside a caller's transaction (the Statuspage import's). */
export async function syncCatalog(
  tx: Prisma.TransactionClient,
  entries: CatalogEntry[],
): Promise<CatalogSyncResult> {
  const existing = new Map((await tx.component.findMany()).map((row) => [row.key, row]));
  let added = 0;
  let updated = 0;
  for (const [position, entry] of entries.entries()) {
    const data = {
      name: entry.name,
      group: entry.group,
      description: entry.description,
      announceChannels: entry.announceChannels,
      position,
      archivedAt: null,
    };
    const row = existing.get(entry.key);
    if (!row) {
      await tx.component.create({ data: { key: entry.key, ...data } });
      added++;
    } else if (
      row.name !== data.name ||
      row.group !== data.group ||
      row.description !== data.description ||
      row.position !== position ||
      row.archivedAt !== null ||
      row.announceChannels.join(',') !== data.announceChannels.join(',')
    ) {
      await tx.component.update({ where: { key: entry.key }, data });
      updated++;
    }
  }
  const keys = new Set(entries.map((e) => e.key));
  const gone = [...existing.values()].filter((row) => !keys.has(row.key) && row.archivedAt === null);
  if (gone.length > 0) {
    await tx.component.updateMany({
      where: { id: { in: gone.map((row) => row.id) } },
      data: { archivedAt: new Date() },
    });
  }
  return { added, updated, archived: gone.length, total: entries.length };
}
