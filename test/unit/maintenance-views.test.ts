import type { KnownBlock } from '@slack/types';
import type { MaintenanceRecord } from '../../src/maintenance/model';
import type { MaintenanceStage } from '../../src/maintenance/vocabulary';
import { maintenanceUpdateForm, scheduleForm } from '../../src/slack/forms/maintenance-form';
import { blockFor } from '../../src/slack/forms/view-state';
import { MAINTENANCE_SCHEDULE_CALLBACK, MAINTENANCE_UPDATE_CALLBACK } from '../../src/slack/ids';
import {
  maintenanceList,
  maintenanceRootMessage,
  maintenanceUpdateMessage,
} from '../../src/slack/views/maintenance-messages';
import { maintenanceUpdateModal, scheduleMaintenanceModal } from '../../src/slack/views/maintenance-modals';
import { aComponent, veroCatalog } from '../support/fixtures';

const ctx = {
  orgName: 'Vero',
  timeZone: 'UTC',
  publicBaseUrl: 'https://status.vero.test',
  now: new Date('2026-12-01T12:00:00Z'),
};

type AnyBlock = {
  block_id?: string;
  element?: Record<string, unknown>;
  elements?: { action_id?: string; value?: string }[];
  type: string;
};
const inputs = (blocks: unknown[]) => (blocks as AnyBlock[]).filter((b) => b.type === 'input');
const element = (blocks: unknown[], id: string) =>
  inputs(blocks).find((b) => b.block_id === id)?.element ?? {};
const buttons = (blocks: KnownBlock[]) =>
  (blocks as AnyBlock[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => [e.action_id, e.value]);

function aMaintenance(overrides: Partial<MaintenanceRecord> = {}): MaintenanceRecord {
  return {
    id: 'mnt-uuid-1',
    teamId: 'T1',
    number: 3,
    title: 'Database <upgrade>',
    visibility: 'public',
    stage: 'scheduled',
    impact: 'maintenance',
    scheduledFor: new Date('2026-12-01T14:00:00Z'),
    scheduledUntil: new Date('2026-12-01T15:00:00Z'),
    autoTransitions: true,
    startedAt: null,
    endedAt: null,
    remindAt: null,
    createdBy: { id: 'U0OPS', name: null },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    components: [aComponent({ key: 'db', name: 'Database', group: 'Core' })],
    updates: [
      {
        id: 'u1',
        maintenanceId: 'mnt-uuid-1',
        stage: 'scheduled',
        message: 'We upgrade <!channel> the database.',
        occurredAt: ctx.now,
        createdAt: ctx.now,
        author: { id: 'U0OPS', name: null },
        sequence: 1,
      },
    ],
    ...overrides,
  };
}

describe('scheduleMaintenanceModal', () => {
  const view = scheduleMaintenanceModal({
    catalog: veroCatalog(),
    visibility: 'public',
    privateMetadata: '{}',
  });

  it('carries the callback and block ids of SPEC §12, each block id equal to its action id', () => {
    expect(view.callback_id).toBe(MAINTENANCE_SCHEDULE_CALLBACK);
    expect(inputs(view.blocks).map((b) => [b.block_id, b.element?.action_id])).toEqual(
      [
        'title',
        'components',
        'message',
        'scheduled_for',
        'scheduled_until',
        'already_started',
        'visibility',
        'auto_transitions',
      ].map((id) => [id, id]),
    );
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('offers catalog keys, datetimepickers, "started" unticked, public/internal and "auto" ticked', () => {
    expect(JSON.stringify(element(view.blocks, 'components'))).toContain('"value":"vero1-ingestion-api"');
    expect(element(view.blocks, 'scheduled_for').type).toBe('datetimepicker');
    expect(element(view.blocks, 'scheduled_until').type).toBe('datetimepicker');
    const started = element(view.blocks, 'already_started');
    expect(started.type).toBe('checkboxes');
    expect((started.options as { value: string }[]).map((o) => o.value)).toEqual(['started']);
    expect(started.initial_options).toBeUndefined();
    const visibility = element(view.blocks, 'visibility');
    expect((visibility.options as { value: string }[]).map((o) => o.value)).toEqual(['public', 'internal']);
    expect((visibility.initial_option as { value: string }).value).toBe('public');
    const auto = element(view.blocks, 'auto_transitions');
    expect((auto.initial_options as { value: string }[]).map((o) => o.value)).toEqual(['auto']);
  });
});

describe('maintenanceUpdateModal', () => {
  it('offers only the stages the maintenance may move to, the next one preselected', () => {
    const view = maintenanceUpdateModal(aMaintenance({ stage: 'in_progress' }));
    expect(view.callback_id).toBe(MAINTENANCE_UPDATE_CALLBACK);
    expect(view.private_metadata).toBe('mnt-uuid-1');
    const stage = element(view.blocks, 'stage');
    expect((stage.options as { value: string }[]).map((o) => o.value)).toEqual([
      'in_progress',
      'verifying',
      'completed',
    ]);
    expect((stage.initial_option as { value: string }).value).toBe('verifying');
  });
});

describe('maintenance messages', () => {
  const expected: Record<MaintenanceStage, string[]> = {
    scheduled: ['maintenance_update_open', 'maintenance_start_now', 'maintenance_cancel'],
    in_progress: ['maintenance_update_open', 'maintenance_complete'],
    verifying: ['maintenance_update_open', 'maintenance_complete'],
    completed: [],
    cancelled: [],
  };

  it.each(Object.entries(expected))('shows the buttons SPEC §12 gives a %s maintenance', (stage, actions) => {
    const message = maintenanceRootMessage(aMaintenance({ stage: stage as MaintenanceStage }), ctx);
    expect(buttons(message.blocks)).toEqual(actions.map((a) => [a, 'mnt-uuid-1']));
  });

  it('escapes user text, names the window in each reader’s time zone and links public ones', () => {
    const message = maintenanceRootMessage(aMaintenance(), ctx);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('MNT-3: Database &lt;upgrade&gt;');
    expect(text).toContain(`<!date^${Date.parse('2026-12-01T14:00:00Z') / 1000}^`);
    expect(text).toContain('https://status.vero.test/maintenances/MNT-3');
    expect(message.text).toContain('Core: Database');
    const internal = JSON.stringify(maintenanceRootMessage(aMaintenance({ visibility: 'internal' }), ctx));
    expect(internal).not.toContain('/maintenances/MNT-3');
  });

  it('threads an update with its author, or says the clock posted it', () => {
    const record = aMaintenance();
    const [first] = record.updates;
    if (!first) throw new Error('fixture');
    const byPerson = JSON.stringify(maintenanceUpdateMessage(record, first, ctx).blocks);
    expect(byPerson).toContain('<@U0OPS>');
    expect(byPerson).toContain('&lt;!channel&gt;');
    const byClock = maintenanceUpdateMessage(record, { ...first, author: null, stage: 'in_progress' }, ctx);
    expect(JSON.stringify(byClock.blocks)).toContain('on schedule');
  });

  it('lists maintenances under way before upcoming ones, internal ones marked', () => {
    const list = maintenanceList(
      [
        aMaintenance({ number: 1, visibility: 'internal' }),
        aMaintenance({ number: 2, stage: 'in_progress' }),
      ],
      ctx,
    );
    const text = JSON.stringify(list.blocks);
    expect(text.indexOf('MNT-2')).toBeLessThan(text.indexOf('MNT-1'));
    expect(text).toContain('internal');
    expect(list.text).toBe('1 under way, 1 upcoming');
    expect(maintenanceList([], ctx).text).toContain('No maintenance is scheduled');
  });
});

describe('scheduleForm', () => {
  const values = {
    title: { title: { type: 'plain_text_input', value: 'DB upgrade' } },
    components: { components: { type: 'multi_static_select', selected_options: [{ value: 'db' }] } },
    message: { message: { type: 'plain_text_input', value: 'Upgrade.' } },
    scheduled_for: { scheduled_for: { type: 'datetimepicker', selected_date_time: 1_800_000_000 } },
    scheduled_until: { scheduled_until: { type: 'datetimepicker', selected_date_time: 1_800_003_600 } },
    already_started: { already_started: { type: 'checkboxes', selected_options: [] } },
    visibility: { visibility: { type: 'static_select', selected_option: { value: 'internal' } } },
    auto_transitions: { auto_transitions: { type: 'checkboxes', selected_options: [{ value: 'auto' }] } },
  };

  it('reads every input', () => {
    expect(scheduleForm.parse(values)).toEqual({
      title: 'DB upgrade',
      componentKeys: ['db'],
      message: 'Upgrade.',
      scheduledFor: new Date(1_800_000_000_000),
      scheduledUntil: new Date(1_800_003_600_000),
      alreadyStarted: false,
      visibility: 'internal',
      autoTransitions: true,
    });
  });

  it('reads unticked auto transitions as off, ticked "started" as on, and no visibility as public', () => {
    const { visibility: _, ...rest } = values;
    const form = scheduleForm.parse({
      ...rest,
      already_started: { already_started: { type: 'checkboxes', selected_options: [{ value: 'started' }] } },
      auto_transitions: { auto_transitions: { type: 'checkboxes', selected_options: [] } },
    });
    expect(form).toMatchObject({ alreadyStarted: true, autoTransitions: false, visibility: 'public' });
  });

  it('puts the schedule rules’ problems on the blocks that show them', () => {
    expect(['componentKeys', 'scheduledFor', 'scheduledUntil'].map((k) => blockFor(k, 'title'))).toEqual([
      'components',
      'scheduled_for',
      'scheduled_until',
    ]);
  });

  it('reads the update form and refuses an unknown stage', () => {
    const stage = (value: string) => ({
      stage: { stage: { type: 'static_select', selected_option: { value } } },
    });
    expect(maintenanceUpdateForm.parse({ ...stage('verifying'), message: values.message })).toEqual({
      stage: 'verifying',
      message: 'Upgrade.',
    });
    const refused = maintenanceUpdateForm.safeParse(stage('resolved'));
    expect(refused.error?.issues.map((i) => [i.path[0], i.message])).toEqual([['stage', 'Pick a stage.']]);
  });
});
