import { randomUUID } from 'node:crypto';
import { importedSnapshots } from '../import/imported-snapshots';
import type { KnownComponent } from '../import/place-components';
import type { ImportedIds, PlannedChange, PlannedIncident, PlannedUpdate } from '../import/plan-import';
import type { ImportStore, ImportWrite } from '../import/run-import';
import type { ComponentState, IncidentUpdate, RecordedComponentChange } from '../incidents/model';
import { deriveIncidentState } from '../incidents/timeline';
import type { ComponentStatus } from '../incidents/vocabulary';
import { insertIncidentComponents, insertIncidents, insertIncidentUpdates } from './bulk-insert';
import { takeNumbers } from './counters';
import type { Prisma, PrismaClient } from './generated/client';
import { toUpdate } from './mappers';
import { syncCatalog } from './prisma-component-catalog';
import {
  addImportedMaintenanceUpdates,
  createImportedMaintenances,
  importedMaintenanceIds,
} from './prisma-statuspage-maintenances';

type Tx = Prisma.TransactionClient;

/** Who imported records are by (SPEC §14); exports show the id where no display name is known. */
const STATUSPAGE_AUTHOR = 'Statuspage';

/** Rows per multi-row insert: well under PostgreSQL's 65,535 bind parameters. */
const BATCH = 1_000;

/**
 * Writes a Statuspage import in one transaction (SPEC §14): the catalog sync, the Statuspage ids of
 * matched components, new incidents numbered after the existing ones, new updates of incidents imported
 * before. Nothing goes through the outbox: an import posts nothing and notifies no one.
 */
export class PrismaStatuspageImport implements ImportStore {
  /** Set when incidents were numbered in no known workspace (none had incidents and no team was given). */
  workspaceGuessed = false;

  constructor(
    private readonly prisma: PrismaClient,
    /** The workspace the incidents are numbered in; default the one that already has incidents. */
    private readonly teamId?: string,
  ) {}

  /** The workspace whose incidents an import continues: the one with the most incidents, if any. */
  workspaceInUse(): Promise<string | null> {
    return workspaceOf(this.prisma);
  }

  async catalog(): Promise<KnownComponent[]> {
    const rows = await this.prisma.component.findMany({
      orderBy: { position: 'asc' },
      select: { key: true, name: true, group: true, statuspageId: true, archivedAt: true },
    });
    return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
  }

  async importedIds(incidentIds: string[], maintenanceIds: string[]): Promise<ImportedIds> {
    const incidents = new Map<string, Set<string>>();
    for (const ids of chunks(incidentIds)) {
      const rows = await this.prisma.incident.findMany({
        where: { statuspageId: { in: ids } },
        select: { statuspageId: true, updates: { select: { statuspageId: true } } },
      });
      for (const row of rows) {
        if (!row.statuspageId) continue;
        incidents.set(
          row.statuspageId,
          new Set(row.updates.flatMap((u) => (u.statuspageId ? [u.statuspageId] : []))),
        );
      }
    }
    return { incidents, maintenances: await importedMaintenanceIds(this.prisma, maintenanceIds) };
  }

  async apply({ plan, catalog, links }: ImportWrite): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        if (catalog) await syncCatalog(tx, catalog);
        for (const { key, statuspageId } of links) {
          await tx.component.update({ where: { key }, data: { statuspageId } });
        }
        const ids = new Map(
          (await tx.component.findMany({ select: { id: true, key: true } })).map((c) => [c.key, c.id]),
        );
        if (plan.incidents.length > 0 || plan.maintenances.length > 0) {
          const teamId = await this.workspace(tx);
          await this.createIncidents(tx, plan.incidents, ids, teamId);
          await createImportedMaintenances(tx, plan.maintenances, ids, teamId, STATUSPAGE_AUTHOR);
        }
        for (const addition of plan.additions) await this.addUpdates(tx, addition, ids);
        for (const addition of plan.maintenanceAdditions) {
          await addImportedMaintenanceUpdates(tx, addition, ids);
        }
      },
      // A page's whole history is one transaction; the default 5 s is for interactive writes.
      { maxWait: 30_000, timeout: 600_000 },
    );
  }

  private async workspace(tx: Tx): Promise<string> {
    const known = this.teamId ?? (await workspaceOf(tx));
    this.workspaceGuessed = known === null;
    return known ?? STATUSPAGE_AUTHOR;
  }

  private async createIncidents(
    tx: Tx,
    incidents: PlannedIncident[],
    ids: Map<string, string>,
    teamId: string,
  ) {
    if (incidents.length === 0) return;
    const first = await takeNumbers(tx, 'incident_counter', teamId, incidents.length);
    const incidentRows: (Prisma.IncidentCreateManyInput & { id: string; createdAt: Date })[] = [];
    const updateRows: ReturnType<typeof updateRow>[] = [];
    const componentRows: Prisma.IncidentComponentCreateManyInput[] = [];
    for (const [index, incident] of incidents.entries()) {
      const incidentId = randomUUID();
      const updates = incident.updates.map((u, i) => asUpdate(incidentId, i + 1, u, incident, ids));
      const { state, snapshots } = project(updates);
      for (const update of updates) updateRows.push(updateRow(update, snapshots.get(update.id) ?? []));
      incidentRows.push({
        id: incidentId,
        teamId,
        number: first + index,
        title: incident.title,
        impact: incident.impact,
        stage: state.stage,
        resolvedAt: state.resolvedAt,
        startedAt: incident.startedAt,
        leadId: STATUSPAGE_AUTHOR,
        declaredById: STATUSPAGE_AUTHOR,
        lastUpdateAt: latestRecorded(incident.createdAt, updates),
        statuspageId: incident.statuspageId,
        createdAt: incident.createdAt,
      });
      for (const [componentId, status] of everAffected(updates, snapshots, state.components)) {
        componentRows.push({ incidentId, componentId, status });
      }
    }
    await insertIncidents(tx, incidentRows);
    await insertIncidentUpdates(tx, updateRows);
    await insertIncidentComponents(tx, componentRows);
  }

  /** New updates of an incident imported before: the projection is recomputed from the whole timeline. */
  private async addUpdates(
    tx: Tx,
    addition: { statuspageId: string; updates: PlannedUpdate[] },
    ids: Map<string, string>,
  ) {
    const row = await tx.incident.findUnique({
      where: { statuspageId: addition.statuspageId },
      include: { updates: true },
    });
    if (!row) throw new Error(`incident ${addition.statuspageId} vanished during the import`);
    await tx.$queryRaw`SELECT id FROM incident WHERE id = ${row.id}::uuid FOR UPDATE`;
    const existing = row.updates.map((u) => toUpdate(u));
    let sequence = existing.reduce((max, u) => Math.max(max, u.sequence), 0);
    const context = { impact: row.impact as PlannedIncident['impact'] };
    const added = addition.updates.map((u) => asUpdate(row.id, ++sequence, u, context, ids));
    const updates = [...existing, ...added];
    const { state, snapshots } = project(updates);
    for (const update of existing) {
      const snapshot = snapshots.get(update.id) ?? [];
      if (update.recordedChanges && JSON.stringify(snapshot) !== JSON.stringify(update.components)) {
        await tx.incidentUpdate.update({
          where: { id: update.id },
          data: { components: snapshot as unknown as Prisma.InputJsonValue },
        });
      }
    }
    await insertIncidentUpdates(
      tx,
      added.map((u) => updateRow(u, snapshots.get(u.id) ?? [])),
    );
    await tx.incident.update({
      where: { id: row.id },
      data: {
        impact: state.impact,
        stage: state.stage,
        resolvedAt: state.resolvedAt,
        lastUpdateAt: latestRecorded(row.lastUpdateAt, added),
      },
    });
    for (const [componentId, status] of everAffected(updates, snapshots, state.components)) {
      await tx.incidentComponent.upsert({
        where: { incidentId_componentId: { incidentId: row.id, componentId } },
        create: { incidentId: row.id, componentId, status },
        update: { status },
      });
    }
  }
}

async function workspaceOf(tx: Tx | PrismaClient): Promise<string | null> {
  const [busiest] = await tx.incidentCounter.findMany({ orderBy: { lastNumber: 'desc' }, take: 1 });
  return busiest?.teamId ?? null;
}

type ImportedUpdate = IncidentUpdate & { statuspageId: string };

function asUpdate(
  incidentId: string,
  sequence: number,
  update: PlannedUpdate,
  incident: Pick<PlannedIncident, 'impact'>,
  ids: Map<string, string>,
): ImportedUpdate {
  return {
    statuspageId: update.statuspageId,
    id: randomUUID(),
    incidentId,
    stage: update.stage,
    message: update.message,
    occurredAt: update.occurredAt,
    createdAt: update.createdAt,
    author: { id: STATUSPAGE_AUTHOR, name: STATUSPAGE_AUTHOR },
    impact: incident.impact,
    components: [],
    sequence,
    recordedChanges: recorded(update.changes, ids),
  };
}

function recorded(changes: PlannedChange[], ids: Map<string, string>): RecordedComponentChange[] {
  return changes.flatMap(({ key, name, oldStatus, newStatus }) => {
    const componentId = ids.get(key);
    return componentId ? [{ componentId, name, oldStatus, newStatus }] : [];
  });
}

function project(updates: IncidentUpdate[]) {
  const snapshots = importedSnapshots(updates);
  const state = deriveIncidentState(
    updates.map((u) => ({ ...u, components: snapshots.get(u.id) ?? u.components })),
  );
  return { state, snapshots };
}

function updateRow(
  update: ImportedUpdate,
  snapshot: ComponentState[],
): Prisma.IncidentUpdateCreateManyInput & { id: string } {
  return {
    id: update.id,
    incidentId: update.incidentId,
    sequence: update.sequence,
    stage: update.stage,
    message: update.message,
    occurredAt: update.occurredAt,
    createdAt: update.createdAt,
    authorId: STATUSPAGE_AUTHOR,
    impact: update.impact,
    components: snapshot as unknown as Prisma.InputJsonValue,
    statuspageId: update.statuspageId,
    sourceComponents: (update.recordedChanges ?? []) as unknown as Prisma.InputJsonValue,
  };
}

/** Every component the timeline names, with its status after the latest update (operational if absent). */
function everAffected(
  updates: readonly IncidentUpdate[],
  snapshots: Map<string, ComponentState[]>,
  current: readonly ComponentState[],
): Map<string, ComponentStatus> {
  const now = new Map(current.map((c) => [c.componentId, c.status]));
  const all = new Map<string, ComponentStatus>();
  for (const update of updates) {
    for (const c of snapshots.get(update.id) ?? update.components) {
      all.set(c.componentId, now.get(c.componentId) ?? 'operational');
    }
    for (const c of update.recordedChanges ?? []) {
      all.set(c.componentId, now.get(c.componentId) ?? 'operational');
    }
  }
  return all;
}

function latestRecorded(since: Date, updates: readonly Pick<IncidentUpdate, 'createdAt'>[]): Date {
  let at = since;
  for (const u of updates) if (u.createdAt > at) at = u.createdAt;
  return at;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}
