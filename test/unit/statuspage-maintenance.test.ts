import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicMaintenance } from '../../src/status/public-maintenance';
import { activeThenUpcoming } from '../../src/status/public-maintenance';
import { statuspageMaintenance } from '../../src/web/views/statuspage-maintenances';
import {
  scheduledMaintenancesDocument,
  sitrepTime,
  statuspageMaintenanceSchema,
} from '../support/statuspage-schemas';

const at = (time: string) => new Date(`2026-12-01T${time}Z`);
const db = { id: 'cmp-db', key: 'db', name: 'Primary', group: 'Database', position: 0 };

function aPublicMaintenance(overrides: Partial<PublicMaintenance> = {}): PublicMaintenance {
  return {
    number: 4,
    title: 'Database upgrade',
    stage: 'completed',
    impact: 'maintenance',
    scheduledFor: at('14:00:00'),
    scheduledUntil: at('15:00:00'),
    startedAt: at('14:00:00'),
    endedAt: at('14:50:00'),
    components: [db],
    updates: [
      {
        id: 'u1',
        stage: 'scheduled',
        message: 'Planned.',
        occurredAt: at('10:00:00'),
        createdAt: at('10:00:01'),
        sequence: 1,
        affectedComponents: null,
      },
      {
        id: 'u2',
        stage: 'in_progress',
        message: 'Started.',
        occurredAt: at('14:00:00'),
        createdAt: at('14:00:20'),
        sequence: 2,
        affectedComponents: null,
      },
      {
        id: 'u3',
        stage: 'verifying',
        message: 'Checking.',
        occurredAt: at('14:40:00'),
        createdAt: at('14:40:02'),
        sequence: 3,
        affectedComponents: null,
      },
      {
        id: 'u4',
        stage: 'completed',
        message: 'Done.',
        occurredAt: at('14:50:00'),
        createdAt: at('14:50:03'),
        sequence: 4,
        affectedComponents: null,
      },
    ],
    ...overrides,
  };
}

const options = {
  publicBaseUrl: 'https://status.example.test',
  pageId: 'vero',
  componentObject: (c: { key: string; name: string }) => ({
    id: c.key,
    name: c.name,
    status: 'operational' as const,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    position: 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: 'database',
    page_id: 'vero',
    group: false,
    only_show_if_degraded: false,
  }),
};

describe('statuspageMaintenance', () => {
  const document = statuspageMaintenance(aPublicMaintenance(), options);

  it('has Statuspage’s scheduled maintenance shape, with Sitrep’s UTC seconds', () => {
    expect(statuspageMaintenanceSchema.parse(document)).toBeTruthy();
    for (const value of [
      document.created_at,
      document.scheduled_for,
      document.scheduled_until,
      document.started_at,
    ])
      expect(value).toMatch(sitrepTime);
  });

  it('names it MNT-n with impact maintenance, its window, its verifying and completion times', () => {
    expect(document).toMatchObject({
      id: 'MNT-4',
      name: 'Database upgrade',
      status: 'completed',
      impact: 'maintenance',
      shortlink: 'https://status.example.test/maintenances/MNT-4',
      scheduled_for: '2026-12-01T14:00:00Z',
      scheduled_until: '2026-12-01T15:00:00Z',
      monitoring_at: '2026-12-01T14:40:00Z',
      resolved_at: '2026-12-01T14:50:00Z',
      created_at: '2026-12-01T10:00:01Z',
      updated_at: '2026-12-01T14:50:03Z',
      started_at: '2026-12-01T10:00:00Z',
    });
    expect(document.components.map((c) => c.id)).toEqual(['db']);
  });

  it('lists updates newest first, with components under maintenance while the work ran', () => {
    expect(document.incident_updates.map((u) => [u.status, u.incident_id, u.display_at])).toEqual([
      ['completed', 'MNT-4', '2026-12-01T14:50:00Z'],
      ['verifying', 'MNT-4', '2026-12-01T14:40:00Z'],
      ['in_progress', 'MNT-4', '2026-12-01T14:00:00Z'],
      ['scheduled', 'MNT-4', '2026-12-01T10:00:00Z'],
    ]);
    const change = (status: string) =>
      document.incident_updates.find((u) => u.status === status)?.affected_components;
    expect(change('scheduled')).toEqual([
      { code: 'db', name: 'Database: Primary', old_status: 'operational', new_status: 'operational' },
    ]);
    expect(change('in_progress')).toEqual([
      { code: 'db', name: 'Database: Primary', old_status: 'operational', new_status: 'under_maintenance' },
    ]);
    expect(change('completed')).toEqual([
      { code: 'db', name: 'Database: Primary', old_status: 'under_maintenance', new_status: 'operational' },
    ]);
  });

  it('serves an imported update’s affected components as the source gave them', () => {
    const given = [{ code: 'x1', name: 'API', old_status: 'operational', new_status: 'operational' }];
    const imported = aPublicMaintenance({
      stage: 'scheduled',
      endedAt: null,
      updates: [
        {
          id: 'u1',
          stage: 'scheduled',
          message: 'Planned.',
          occurredAt: at('10:00:00'),
          createdAt: at('10:00:00'),
          sequence: 1,
          affectedComponents: given,
        },
      ],
    });
    expect(statuspageMaintenance(imported, options).incident_updates[0]?.affected_components).toEqual(given);
  });
});

describe('activeThenUpcoming', () => {
  it('puts maintenances under way first, then upcoming ones, soonest first, and drops finished ones', () => {
    const list = activeThenUpcoming([
      aPublicMaintenance({ number: 1, stage: 'scheduled', scheduledFor: at('18:00:00') }),
      aPublicMaintenance({ number: 2, stage: 'completed' }),
      aPublicMaintenance({ number: 3, stage: 'scheduled', scheduledFor: at('16:00:00') }),
      aPublicMaintenance({ number: 4, stage: 'verifying', scheduledFor: at('13:00:00') }),
      aPublicMaintenance({ number: 5, stage: 'cancelled' }),
      aPublicMaintenance({ number: 6, stage: 'in_progress', scheduledFor: at('12:00:00') }),
    ]);
    expect(list.map((m) => m.number)).toEqual([6, 4, 3, 1]);
  });
});

// `../shared` beside the repository; a git worktree sits one level deeper.
const captures =
  ['../../../shared', '../../../../shared']
    .map((up) => join(__dirname, up, 'data/statuspage'))
    .find(existsSync) ?? '';
const describeCaptures = captures ? describe : describe.skip;

describeCaptures('the schemas against real Statuspage pages', () => {
  it('accept every captured scheduled-maintenances.json', () => {
    const files = readdirSync(captures)
      .map((dir) => join(captures, dir, 'scheduled-maintenances.json'))
      .filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) scheduledMaintenancesDocument.parse(JSON.parse(readFileSync(file, 'utf8')));
  });
});
