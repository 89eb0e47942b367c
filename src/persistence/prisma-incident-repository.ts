import { IncidentNotFound } from '../incidents/errors';
import type { Incident, IncidentRecord, IncidentUpdate, Person } from '../incidents/model';
import { isStorableIncidentNumber } from '../incidents/naming';
import type { DeclareDraft, IncidentRepository, NewUpdate, OpenIncidents, People } from '../incidents/ports';
import type { QueuedEffect } from '../outbox/effects';
import { takeNumbers } from './counters';
import type { Prisma, PrismaClient } from './generated/client';
import { recordInclude, recordPeople, toIncident, toRecord, toUpdate } from './mappers';
import { enqueueEffects, type OutboxSignal } from './outbox-store';
import { writeProjection } from './projection';
import { writeOnce } from './unique-violation';

type Tx = Prisma.TransactionClient;

/** Ids are uuid columns: anything else (a stale button, bogus metadata) names no incident. */
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

const OPEN_LIST_TTL_MS = 1_000;

export class PrismaIncidentRepository implements IncidentRepository, People {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly signal: OutboxSignal = () => {},
  ) {}

  async declare(
    draft: DeclareDraft,
    effects: (incident: Incident, updateId: string) => QueuedEffect[],
  ): Promise<{ incident: Incident; created: boolean }> {
    return writeOnce(
      draft.sourceKey,
      (key) => this.findBySource(key),
      async () => {
        const incident = await this.prisma.$transaction(async (tx) => {
          const number = await takeNumbers(tx, 'incident_counter', draft.teamId, 1);
          const first = draft.firstUpdate;
          const row = await tx.incident.create({
            data: {
              teamId: draft.teamId,
              number,
              title: draft.title,
              visibility: draft.visibility,
              impact: first.impact,
              stage: first.stage,
              resolvedAt: null,
              startedAt: draft.startedAt,
              detectedBy: draft.detectedBy,
              detectedAt: draft.detectedAt,
              leadId: draft.leadId,
              declaredById: draft.declaredById,
              sourceKey: draft.sourceKey,
              lastUpdateAt: new Date(),
            },
          });
          const update = await this.insertUpdate(tx, row.id, 1, first, null);
          if (first.components.length > 0) {
            await tx.incidentComponent.createMany({
              data: first.components.map((c) => ({
                incidentId: row.id,
                componentId: c.componentId,
                status: c.status,
              })),
            });
          }
          const later = draft.laterUpdates ?? [];
          const updates = [toUpdate(update)];
          for (const [i, next] of later.entries())
            updates.push(toUpdate(await this.insertUpdate(tx, row.id, i + 2, next, null)));
          const projected = later.length > 0 ? await writeProjection(tx, row.id, updates) : row;
          const incident = toIncident(projected);
          await enqueueEffects(tx, row.id, effects(incident, update.id));
          return incident;
        });
        this.changed();
        return { incident, created: true };
      },
    );
  }

  async appendUpdate(
    incidentId: string,
    sourceKey: string | null,
    build: Parameters<IncidentRepository['appendUpdate']>[2],
  ): Promise<{ incident: Incident; updateId: string; created: boolean }> {
    if (!isUuid(incidentId)) throw new IncidentNotFound('That incident');
    return writeOnce(
      sourceKey,
      (key) => this.findUpdateBySource(key),
      async () => {
        const result = await this.prisma.$transaction(async (tx) => {
          // Serialises writers of one incident so sequences and the derived state stay consistent.
          await tx.$queryRaw`SELECT id FROM incident WHERE id = ${incidentId}::uuid FOR UPDATE`;
          const record = await this.loadRecordWith(tx, incidentId);
          if (!record) throw new IncidentNotFound('That incident');
          const { update, effects, visibility } = build(record);
          // Deleted updates keep their sequence: count them too.
          const { _max } = await tx.incidentUpdate.aggregate({
            where: { incidentId },
            _max: { sequence: true },
          });
          const sequence = (_max.sequence ?? 0) + 1;
          const row = await this.insertUpdate(tx, incidentId, sequence, update, sourceKey);
          const updates: IncidentUpdate[] = [...record.updates, toUpdate(row)];
          const incidentRow = await writeProjection(tx, incidentId, updates, {
            lastUpdateAt: new Date(),
            ...(visibility ? { visibility } : {}),
          });
          await enqueueEffects(tx, incidentId, effects(row.id));
          return { incident: toIncident(incidentRow), updateId: row.id, created: true };
        });
        this.changed();
        return result;
      },
    );
  }

  async findByNumber(teamId: string, number: number): Promise<Incident | null> {
    if (!isStorableIncidentNumber(number)) return null;
    const row = await this.prisma.incident.findUnique({ where: { teamId_number: { teamId, number } } });
    return row ? toIncident(row, await this.names([row.leadId, row.declaredById])) : null;
  }

  async findByChannel(channelId: string): Promise<Incident | null> {
    const row = await this.prisma.incident.findFirst({ where: { channelId } });
    return row ? toIncident(row, await this.names([row.leadId, row.declaredById])) : null;
  }

  private readonly openLists = new Map<string, { at: number; read: Promise<OpenIncidents> }>();

  /** A write went through: wake the outbox and forget cached lists. */
  private changed(): void {
    this.openLists.clear();
    this.signal();
  }

  /**
   * The first `limit` open incidents (oldest first) and how many are open in all. On embedded
   * PostgreSQL every query runs on the event loop, so a burst of `/incident list` must not become a
   * burst of identical reads: a list is shared by concurrent callers and kept for a moment, and any
   * write through this repository drops it (other replicas' writes show within OPEN_LIST_TTL_MS).
   */
  listOpen(teamId: string, limit = 45): Promise<OpenIncidents> {
    const key = `${teamId}:${limit}`;
    const cached = this.openLists.get(key);
    if (cached && Date.now() - cached.at < OPEN_LIST_TTL_MS) return cached.read;
    const read = this.readOpen(teamId, limit);
    const entry = { at: Date.now(), read };
    this.openLists.set(key, entry);
    read.catch(() => {
      if (this.openLists.get(key) === entry) this.openLists.delete(key);
    });
    return read;
  }

  private async readOpen(teamId: string, limit: number): Promise<OpenIncidents> {
    const where = { teamId, resolvedAt: null };
    const [rows, total] = await Promise.all([
      this.prisma.incident.findMany({ where, orderBy: { number: 'asc' }, take: limit }),
      this.prisma.incident.count({ where }),
    ]);
    const names = await this.names(rows.flatMap((r) => [r.leadId, r.declaredById]));
    return { incidents: rows.map((row) => toIncident(row, names)), total };
  }

  async listOpenPrivate(teamId: string): Promise<Incident[]> {
    const rows = await this.prisma.incident.findMany({
      where: { teamId, resolvedAt: null, visibility: 'private' },
      orderBy: { startedAt: 'asc' },
    });
    return rows.map((row) => toIncident(row));
  }

  async listRecentlyResolved(teamId: string, limit: number): Promise<Incident[]> {
    const rows = await this.prisma.incident.findMany({
      where: { teamId, resolvedAt: { not: null } },
      orderBy: { resolvedAt: 'desc' },
      take: limit,
    });
    const names = await this.names(rows.flatMap((r) => [r.leadId, r.declaredById]));
    return rows.map((row) => toIncident(row, names));
  }

  async loadRecord(incidentId: string): Promise<IncidentRecord | null> {
    return isUuid(incidentId) ? this.loadRecordWith(this.prisma, incidentId) : null;
  }

  async setLead(incidentId: string, leadId: string, effects: QueuedEffect[]): Promise<Incident> {
    const row = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.incident.update({ where: { id: incidentId }, data: { leadId } });
      await enqueueEffects(tx, incidentId, effects);
      return updated;
    });
    this.changed();
    return toIncident(row, await this.names([row.leadId, row.declaredById]));
  }

  async setChannel(incidentId: string, channelId: string, channelName: string): Promise<void> {
    await this.prisma.incident.update({ where: { id: incidentId }, data: { channelId, channelName } });
    this.openLists.clear();
  }

  async rememberPeople(people: Person[]): Promise<void> {
    for (const p of people) {
      if (!p.name) continue;
      await this.prisma.slackUser.upsert({
        where: { id: p.id },
        create: { id: p.id, name: p.name },
        update: { name: p.name },
      });
    }
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.prisma.slackUser.findMany({ where: { id: { in: unique } } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async findBySource(sourceKey: string) {
    const row = await this.prisma.incident.findUnique({ where: { sourceKey } });
    return row ? { incident: toIncident(row), created: false } : null;
  }

  private async findUpdateBySource(sourceKey: string) {
    const row = await this.prisma.incidentUpdate.findUnique({
      where: { sourceKey },
      include: { incident: true },
    });
    return row ? { incident: toIncident(row.incident), updateId: row.id, created: false } : null;
  }

  private insertUpdate(
    tx: Tx,
    incidentId: string,
    sequence: number,
    update: NewUpdate,
    sourceKey: string | null,
  ) {
    return tx.incidentUpdate.create({
      data: {
        incidentId,
        sequence,
        stage: update.stage,
        message: update.message,
        occurredAt: update.occurredAt,
        authorId: update.authorId,
        impact: update.impact,
        components: update.components as unknown as Prisma.InputJsonValue,
        sourceKey,
      },
    });
  }

  /** The record as `client` (a transaction, for one) sees it. */
  async loadRecordWith(client: Tx | PrismaClient, incidentId: string): Promise<IncidentRecord | null> {
    const row = await client.incident.findUnique({ where: { id: incidentId }, include: recordInclude });
    return row ? toRecord(row, await this.namesWith(client, recordPeople(row))) : null;
  }

  private async namesWith(client: Tx | PrismaClient, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const rows = await client.slackUser.findMany({ where: { id: { in: unique } } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
