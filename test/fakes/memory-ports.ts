import type { Component, Note } from '../../src/incidents/model';
import type {
  Clock,
  ComponentCatalog,
  Housekeeping,
  NewNote,
  Notes,
  Outbox,
} from '../../src/incidents/ports';
import type { ComponentStatus, Impact } from '../../src/incidents/vocabulary';
import type { QueuedEffect } from '../../src/outbox/effects';

/** A clock that stands still. */
export class FixedClock implements Clock {
  constructor(private readonly current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

export class MemoryCatalog implements ComponentCatalog {
  constructor(
    readonly components: Component[],
    private readonly statuses = new Map<string, ComponentStatus>(),
  ) {}
  async listActive(): Promise<Component[]> {
    return this.components.filter((c) => c.archivedAt === null);
  }
  async findByKeys(keys: string[]): Promise<Component[]> {
    return this.components.filter((c) => keys.includes(c.key)).sort((a, b) => a.position - b.position);
  }
  async currentStatuses(): Promise<Map<string, ComponentStatus>> {
    return new Map(this.statuses);
  }
}

export class MemoryOutbox implements Outbox {
  readonly enqueued: { incidentId: string | null; effects: QueuedEffect[] }[] = [];
  async enqueue(incidentId: string | null, effects: QueuedEffect[]): Promise<void> {
    this.enqueued.push({ incidentId, effects });
  }
}

export class MemoryNotes implements Notes {
  readonly notes: Note[] = [];
  readonly processed = new Set<string>();
  async wasProcessed(requestKey: string): Promise<boolean> {
    return this.processed.has(requestKey);
  }
  async add(note: NewNote, requestKey: string): Promise<Note | null> {
    if (this.processed.has(requestKey)) return null;
    this.processed.add(requestKey);
    if (this.notes.some((n) => n.channelId === note.channelId && n.messageTs === note.messageTs)) return null;
    const saved: Note = {
      id: `note-${this.notes.length + 1}`,
      incidentId: note.incidentId,
      text: note.text,
      author: { id: note.authorId, name: null },
      occurredAt: note.occurredAt,
      createdAt: note.occurredAt,
      channelId: note.channelId,
      messageTs: note.messageTs,
    };
    this.notes.push(saved);
    return saved;
  }
}

/** Records what each pass asked for and answers with the counts it is given. */
export class MemoryHousekeeping implements Housekeeping {
  readonly calls: { method: string; now: Date; arg?: unknown }[] = [];
  constructor(private readonly counts = { reminders: 0, archives: 0, forgotten: 0 }) {}
  async claimReminders(now: Date, minutesByImpact: Partial<Record<Impact, number>>): Promise<number> {
    this.calls.push({ method: 'claimReminders', now, arg: minutesByImpact });
    return this.counts.reminders;
  }
  async claimArchives(now: Date, days: number): Promise<number> {
    this.calls.push({ method: 'claimArchives', now, arg: days });
    return this.counts.archives;
  }
  async forgetProcessedRequests(now: Date): Promise<number> {
    this.calls.push({ method: 'forgetProcessedRequests', now });
    return this.counts.forgotten;
  }
}
