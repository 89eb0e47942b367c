import type {
  AffectedComponent,
  Component,
  Incident,
  IncidentRecord,
  IncidentUpdate,
  Person,
} from '../../src/incidents/model';
import type {
  DeclareDraft,
  IncidentRepository,
  NewUpdate,
  OpenIncidents,
  People,
} from '../../src/incidents/ports';
import { deriveIncidentState } from '../../src/incidents/timeline';
import type { QueuedEffect } from '../../src/outbox/effects';

/**
 * IncidentRepository and People in memory, with the same contract as the Prisma adapter: numbers per
 * team, one write per source key, derived state recomputed from the timeline, effects queued with
 * the write (in `queued`).
 */
export class MemoryIncidents implements IncidentRepository, People {
  readonly records = new Map<string, IncidentRecord>();
  readonly queued: QueuedEffect[] = [];
  private readonly sourceKeys = new Map<string, { incidentId: string; updateId: string | null }>();
  private readonly people = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private ids = 0;

  constructor(
    /** Components known to the catalog, so records can name what they affect. */
    private readonly components: Component[] = [],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async declare(
    draft: DeclareDraft,
    effects: (incident: Incident, updateId: string) => QueuedEffect[],
  ): Promise<{ incident: Incident; created: boolean }> {
    const known = draft.sourceKey ? this.sourceKeys.get(draft.sourceKey) : undefined;
    if (known) return { incident: this.incident(known.incidentId), created: false };
    const number = (this.counters.get(draft.teamId) ?? 0) + 1;
    this.counters.set(draft.teamId, number);
    const id = this.nextId('inc');
    const at = this.now();
    const record: IncidentRecord = {
      id,
      teamId: draft.teamId,
      number,
      title: draft.title,
      visibility: draft.visibility,
      impact: draft.firstUpdate.impact,
      stage: draft.firstUpdate.stage,
      resolvedAt: null,
      startedAt: draft.startedAt,
      detectedBy: draft.detectedBy,
      detectedAt: draft.detectedAt,
      lead: this.person(draft.leadId),
      declaredBy: this.person(draft.declaredById),
      channelId: null,
      channelName: null,
      createdAt: at,
      updatedAt: at,
      components: [],
      updates: [],
      notes: [],
    };
    this.records.set(id, record);
    const updateId = this.push(record, draft.firstUpdate);
    for (const later of draft.laterUpdates ?? []) this.push(record, later);
    if (draft.sourceKey) this.sourceKeys.set(draft.sourceKey, { incidentId: id, updateId: null });
    const incident = this.incident(id);
    this.queued.push(...effects(incident, updateId));
    return { incident, created: true };
  }

  async appendUpdate(
    incidentId: string,
    sourceKey: string | null,
    build: Parameters<IncidentRepository['appendUpdate']>[2],
  ): Promise<{ incident: Incident; updateId: string; created: boolean }> {
    const known = sourceKey ? this.sourceKeys.get(sourceKey) : undefined;
    if (known?.updateId) {
      return { incident: this.incident(known.incidentId), updateId: known.updateId, created: false };
    }
    const record = this.records.get(incidentId);
    if (!record) throw new Error(`incident ${incidentId} vanished`);
    const { update, effects, visibility } = build(structuredClone(record));
    const updateId = this.push(record, update);
    if (visibility) record.visibility = visibility;
    if (sourceKey) this.sourceKeys.set(sourceKey, { incidentId, updateId });
    this.queued.push(...effects(updateId));
    return { incident: this.incident(incidentId), updateId, created: true };
  }

  async findByNumber(teamId: string, number: number): Promise<Incident | null> {
    const found = [...this.records.values()].find((r) => r.teamId === teamId && r.number === number);
    return found ? this.incident(found.id) : null;
  }

  async findByChannel(channelId: string): Promise<Incident | null> {
    const found = [...this.records.values()].find((r) => r.channelId === channelId);
    return found ? this.incident(found.id) : null;
  }

  async loadRecord(incidentId: string): Promise<IncidentRecord | null> {
    const record = this.records.get(incidentId);
    return record ? structuredClone(record) : null;
  }

  async listOpen(teamId: string, limit = 45): Promise<OpenIncidents> {
    const open = [...this.records.values()]
      .filter((r) => r.teamId === teamId && !r.resolvedAt)
      .sort((a, b) => a.number - b.number);
    return { incidents: open.slice(0, limit).map((r) => this.incident(r.id)), total: open.length };
  }

  async listOpenPrivate(teamId: string): Promise<Incident[]> {
    return [...this.records.values()]
      .filter((r) => r.teamId === teamId && !r.resolvedAt && r.visibility === 'private')
      .map((r) => this.incident(r.id));
  }

  async listRecentlyResolved(teamId: string, limit: number): Promise<Incident[]> {
    return [...this.records.values()]
      .filter((r) => r.teamId === teamId && r.resolvedAt)
      .sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0))
      .slice(0, limit)
      .map((r) => this.incident(r.id));
  }

  async setLead(incidentId: string, leadId: string, effects: QueuedEffect[]): Promise<Incident> {
    const record = this.mustGet(incidentId);
    record.lead = this.person(leadId);
    this.queued.push(...effects);
    return this.incident(incidentId);
  }

  async setChannel(incidentId: string, channelId: string, channelName: string): Promise<void> {
    const record = this.mustGet(incidentId);
    record.channelId = channelId;
    record.channelName = channelName;
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of ids) {
      const name = this.people.get(id);
      if (name) names.set(id, name);
    }
    return names;
  }

  async rememberPeople(people: Person[]): Promise<void> {
    for (const p of people) if (p.name) this.people.set(p.id, p.name);
  }

  private push(record: IncidentRecord, update: NewUpdate): string {
    const id = this.nextId('upd');
    const entry: IncidentUpdate = {
      id,
      incidentId: record.id,
      stage: update.stage,
      message: update.message,
      occurredAt: update.occurredAt,
      createdAt: this.now(),
      author: this.person(update.authorId),
      impact: update.impact,
      components: update.components,
      sequence: record.updates.length + 1,
    };
    record.updates = [...record.updates, entry].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.sequence - b.sequence,
    );
    const state = deriveIncidentState(record.updates);
    record.stage = state.stage;
    record.impact = state.impact;
    record.resolvedAt = state.resolvedAt;
    const current = new Map(state.components.map((c) => [c.componentId, c.status]));
    const ever = new Set([...record.components.map((c) => c.component.id), ...current.keys()]);
    record.components = [...ever]
      .map((componentId): AffectedComponent | null => {
        const component = this.components.find((c) => c.id === componentId);
        return component ? { component, status: current.get(componentId) ?? 'operational' } : null;
      })
      .filter((c): c is AffectedComponent => c !== null)
      .sort((a, b) => a.component.position - b.component.position);
    return id;
  }

  private incident(id: string): Incident {
    const { components: _c, updates: _u, notes: _n, ...incident } = structuredClone(this.mustGet(id));
    return incident;
  }

  private mustGet(id: string): IncidentRecord {
    const record = this.records.get(id);
    if (!record) throw new Error(`no incident ${id}`);
    return record;
  }

  private person(id: string): Person {
    return { id, name: this.people.get(id) ?? null };
  }

  private nextId(prefix: string): string {
    this.ids += 1;
    return `${prefix}-${this.ids}`;
  }
}
