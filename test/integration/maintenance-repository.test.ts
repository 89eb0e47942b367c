import type { MaintenanceDraft } from '../../src/maintenance/ports';
import type { Database } from '../../src/persistence/open-database';
import { PrismaComponentCatalog } from '../../src/persistence/prisma-component-catalog';
import { PrismaMaintenanceClock } from '../../src/persistence/prisma-maintenance-clock';
import { PrismaMaintenanceRepository } from '../../src/persistence/prisma-maintenance-repository';
import { freshEmbeddedDatabase } from '../support/test-database';

const T = new Date('2026-12-01T12:00:00Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

describe('PrismaMaintenanceRepository', () => {
  let db: Database;
  let repo: PrismaMaintenanceRepository;
  let clock: PrismaMaintenanceClock;
  let componentIds: Record<string, string>;

  beforeAll(async () => {
    db = await freshEmbeddedDatabase();
    const catalog = new PrismaComponentCatalog(db.prisma);
    await catalog.sync(
      ['db', 'api', 'ui'].map((key) => ({
        key,
        name: key.toUpperCase(),
        group: null,
        description: null,
        announceChannels: [],
      })),
    );
    componentIds = Object.fromEntries((await catalog.listActive()).map((c) => [c.key, c.id]));
    repo = new PrismaMaintenanceRepository(db.prisma);
    clock = new PrismaMaintenanceClock(db.prisma);
  });

  afterAll(async () => {
    await db.close();
  });

  const draft = (overrides: Partial<MaintenanceDraft> = {}): MaintenanceDraft => ({
    teamId: 'T1',
    title: 'Database upgrade',
    visibility: 'public',
    scheduledFor: at(60),
    scheduledUntil: at(120),
    autoTransitions: true,
    remindAt: null,
    createdById: 'U0OPS',
    sourceKey: null,
    componentIds: [componentIds.ui ?? '', componentIds.db ?? ''],
    firstUpdate: {
      stage: 'scheduled',
      message: 'We upgrade the database.',
      occurredAt: T,
      authorId: 'U0OPS',
    },
    ...overrides,
  });

  const jobs = () => db.prisma.outboxJob.findMany({ orderBy: { id: 'asc' } });

  it('numbers maintenances MNT-1, MNT-2… per workspace, apart from incidents', async () => {
    const first = await repo.schedule(draft({ teamId: 'T-num' }), () => []);
    const second = await repo.schedule(draft({ teamId: 'T-num' }), () => []);
    const other = await repo.schedule(draft({ teamId: 'T-other' }), () => []);
    expect([first.maintenance.number, second.maintenance.number, other.maintenance.number]).toEqual([
      1, 2, 1,
    ]);
    expect(await db.prisma.incidentCounter.count()).toBe(0);
  });

  it('stores the first update, its components in catalog order, and queues effects atomically', async () => {
    const { maintenance, updateId } = await repo.schedule(draft({ teamId: 'T-rec' }), (m, id) => [
      { queue: `maintenance:${m.id}`, effect: { kind: 'channel.post_text', incidentId: m.id, text: id } },
    ]);
    const record = await repo.loadRecord(maintenance.id);
    expect(record).toMatchObject({
      title: 'Database upgrade',
      stage: 'scheduled',
      impact: 'maintenance',
      visibility: 'public',
      startedAt: null,
      endedAt: null,
    });
    expect(record?.components.map((c) => c.key)).toEqual(['db', 'ui']);
    expect(record?.updates).toEqual([
      expect.objectContaining({
        id: updateId,
        stage: 'scheduled',
        sequence: 1,
        author: { id: 'U0OPS', name: null },
      }),
    ]);
    const queued = (await jobs()).filter((j) => j.queue === `maintenance:${maintenance.id}`);
    expect(queued.map((j) => j.payload)).toEqual([expect.objectContaining({ text: updateId })]);
  });

  it('schedules once per source key', async () => {
    const a = await repo.schedule(draft({ teamId: 'T-once', sourceKey: 'view-1' }), () => []);
    const b = await repo.schedule(draft({ teamId: 'T-once', sourceKey: 'view-1' }), () => []);
    expect(b).toEqual({ ...a, created: false });
    expect(await db.prisma.maintenance.count({ where: { teamId: 'T-once' } })).toBe(1);
  });

  it('appends updates, derives stage, start and end, and refuses what the plan throws on', async () => {
    const { maintenance } = await repo.schedule(draft({ teamId: 'T-upd' }), () => []);
    const post = (stage: 'in_progress' | 'completed', minutes: number, sourceKey: string | null = null) =>
      repo.appendUpdate(maintenance.id, sourceKey, () => ({
        update: { stage, message: `${stage} now`, occurredAt: at(minutes), authorId: null },
        effects: () => [],
      }));
    const started = await post('in_progress', 60, 'view-start');
    expect(started.maintenance).toMatchObject({ stage: 'in_progress', startedAt: at(60), endedAt: null });
    expect((await post('in_progress', 61, 'view-start')).created).toBe(false);
    const done = await post('completed', 110);
    expect(done.maintenance).toMatchObject({ stage: 'completed', startedAt: at(60), endedAt: at(110) });

    await expect(
      repo.appendUpdate(maintenance.id, null, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await repo.loadRecord(maintenance.id))?.updates.map((u) => u.sequence)).toEqual([1, 2, 3]);
  });

  it('lists upcoming and active maintenances of a workspace, internal ones included, soonest first', async () => {
    const later = await repo.schedule(draft({ teamId: 'T-list', scheduledFor: at(300) }), () => []);
    const soon = await repo.schedule(draft({ teamId: 'T-list', visibility: 'internal' }), () => []);
    const done = await repo.schedule(draft({ teamId: 'T-list' }), () => []);
    await repo.appendUpdate(done.maintenance.id, null, () => ({
      update: { stage: 'cancelled', message: 'Not needed.', occurredAt: at(1), authorId: 'U0OPS' },
      effects: () => [],
    }));
    const listed = await repo.listCurrent('T-list');
    expect(listed.map((m) => m.number)).toEqual([soon.maintenance.number, later.maintenance.number]);
    expect(await repo.findByNumber('T-list', soon.maintenance.number)).toMatchObject({
      visibility: 'internal',
    });
  });

  describe('the clock', () => {
    const started = (record: { title: string }) => ({
      update: {
        stage: 'in_progress' as const,
        message: `${record.title} has begun.`,
        occurredAt: at(60),
        authorId: null,
      },
      effects: () => [],
    });

    it('starts a due auto-transition maintenance once, and leaves manual ones alone', async () => {
      const auto = await repo.schedule(draft({ teamId: 'T-clock' }), () => []);
      const manual = await repo.schedule(draft({ teamId: 'T-clock', autoTransitions: false }), () => []);
      expect(await clock.claimDueStarts(at(59), started)).toBe(0);
      expect(await clock.claimDueStarts(at(60), started)).toBeGreaterThanOrEqual(1);
      expect(await clock.claimDueStarts(at(61), started)).toBe(0);
      expect((await repo.loadRecord(auto.maintenance.id))?.stage).toBe('in_progress');
      expect((await repo.loadRecord(manual.maintenance.id))?.stage).toBe('scheduled');
    });

    it('completes an active auto-transition maintenance once its end has come', async () => {
      const { maintenance } = await repo.schedule(
        draft({
          teamId: 'T-end',
          firstUpdate: { stage: 'in_progress', message: 'Under way.', occurredAt: T, authorId: 'U0OPS' },
        }),
        () => [],
      );
      const complete = () => ({
        update: { stage: 'completed' as const, message: 'Done.', occurredAt: at(120), authorId: null },
        effects: () => [],
      });
      expect(await clock.claimDueCompletions(at(119), complete)).toBe(0);
      expect(await clock.claimDueCompletions(at(120), complete)).toBeGreaterThanOrEqual(1);
      expect(await clock.claimDueCompletions(at(121), complete)).toBe(0);
      expect((await repo.loadRecord(maintenance.id))?.updates.map((u) => u.stage)).toEqual([
        'in_progress',
        'completed',
      ]);
    });

    it('sends a due reminder once, and none after the start', async () => {
      const { maintenance } = await repo.schedule(
        draft({ teamId: 'T-remind', scheduledFor: at(500), scheduledUntil: at(600), remindAt: at(440) }),
        () => [],
      );
      const reminded: string[] = [];
      const effects = (record: { id: string }) => {
        reminded.push(record.id);
        return [];
      };
      expect(await clock.claimDueReminders(at(439), effects)).toBe(0);
      expect(await clock.claimDueReminders(at(440), effects)).toBe(1);
      expect(await clock.claimDueReminders(at(441), effects)).toBe(0);
      expect(reminded).toEqual([maintenance.id]);

      await repo.schedule(
        draft({ teamId: 'T-remind', scheduledFor: at(700), scheduledUntil: at(800), remindAt: at(640) }),
        () => [],
      );
      expect(await clock.claimDueReminders(at(701), effects)).toBe(0);
    });
  });
});
