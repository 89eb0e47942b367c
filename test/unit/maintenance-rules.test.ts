import type { ComponentStatus } from '../../src/incidents/vocabulary';
import { withMaintenances } from '../../src/maintenance/component-status';
import { maintenanceRef, parseMaintenanceRef } from '../../src/maintenance/reference';
import { checkSchedule, initialStage, reminderDueAt } from '../../src/maintenance/schedule-rules';
import { deriveMaintenanceState } from '../../src/maintenance/timeline';
import { canMoveTo, type MaintenanceStage, nextMaintenanceStages } from '../../src/maintenance/vocabulary';

const now = new Date('2026-12-01T12:00:00Z');
const inMinutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('maintenance stages', () => {
  it('moves forward, skipping any stage, and allows a further message in the same stage', () => {
    expect(canMoveTo('scheduled', 'in_progress')).toBe(true);
    expect(canMoveTo('scheduled', 'completed')).toBe(true);
    expect(canMoveTo('in_progress', 'verifying')).toBe(true);
    expect(canMoveTo('in_progress', 'in_progress')).toBe(true);
    expect(canMoveTo('verifying', 'completed')).toBe(true);
  });

  it('never moves back', () => {
    expect(canMoveTo('in_progress', 'scheduled')).toBe(false);
    expect(canMoveTo('verifying', 'in_progress')).toBe(false);
  });

  it('cancels only a maintenance that is still scheduled', () => {
    expect(canMoveTo('scheduled', 'cancelled')).toBe(true);
    expect(canMoveTo('in_progress', 'cancelled')).toBe(false);
    expect(canMoveTo('verifying', 'cancelled')).toBe(false);
  });

  it('accepts nothing once completed or cancelled', () => {
    for (const to of [
      'scheduled',
      'in_progress',
      'verifying',
      'completed',
      'cancelled',
    ] as MaintenanceStage[]) {
      expect(canMoveTo('completed', to)).toBe(false);
      expect(canMoveTo('cancelled', to)).toBe(false);
    }
  });

  it('offers the stages an update may choose, in order', () => {
    expect(nextMaintenanceStages('scheduled')).toEqual([
      'scheduled',
      'in_progress',
      'verifying',
      'completed',
      'cancelled',
    ]);
    expect(nextMaintenanceStages('verifying')).toEqual(['verifying', 'completed']);
    expect(nextMaintenanceStages('completed')).toEqual([]);
  });
});

describe('maintenance references', () => {
  it('reads MNT-7 and mnt-7 alike and writes MNT-7', () => {
    expect(parseMaintenanceRef('MNT-7')).toBe(7);
    expect(parseMaintenanceRef('mnt-7')).toBe(7);
    expect(parseMaintenanceRef(' MNT-120 ')).toBe(120);
    expect(maintenanceRef({ number: 7 })).toBe('MNT-7');
  });

  it('refuses what is not a maintenance reference', () => {
    for (const text of ['INC-7', '7', '#7', 'MNT-', 'MNT-0', 'MNT-07', 'MNT-7x', 'MNT 7', '']) {
      expect(parseMaintenanceRef(text)).toBeNull();
    }
  });
});

describe('withMaintenances', () => {
  const incidents = new Map<string, ComponentStatus>([
    ['api', 'major_outage'],
    ['ui', 'degraded_performance'],
  ]);

  it('puts the components of an active maintenance under maintenance', () => {
    const statuses = withMaintenances(new Map(), [{ stage: 'in_progress', componentIds: ['db', 'queue'] }]);
    expect(Object.fromEntries(statuses)).toEqual({ db: 'under_maintenance', queue: 'under_maintenance' });
    const verifying = withMaintenances(new Map(), [{ stage: 'verifying', componentIds: ['db'] }]);
    expect(verifying.get('db')).toBe('under_maintenance');
  });

  it('lets an open incident with a worse status win', () => {
    const statuses = withMaintenances(incidents, [
      { stage: 'in_progress', componentIds: ['api', 'ui', 'db'] },
    ]);
    expect(Object.fromEntries(statuses)).toEqual({
      api: 'major_outage',
      ui: 'degraded_performance',
      db: 'under_maintenance',
    });
  });

  it('changes nothing for scheduled, completed or cancelled maintenances', () => {
    const stages: MaintenanceStage[] = ['scheduled', 'completed', 'cancelled'];
    const statuses = withMaintenances(
      incidents,
      stages.map((stage) => ({ stage, componentIds: ['api', 'db'] })),
    );
    expect(Object.fromEntries(statuses)).toEqual({ api: 'major_outage', ui: 'degraded_performance' });
  });

  it('leaves the incidents map it is given untouched', () => {
    const given = new Map<string, ComponentStatus>();
    withMaintenances(given, [{ stage: 'in_progress', componentIds: ['db'] }]);
    expect(given.size).toBe(0);
  });
});

describe('checkSchedule', () => {
  const valid = {
    title: 'Database upgrade',
    componentKeys: ['db'],
    message: 'We upgrade the primary database.',
    scheduledFor: inMinutes(60),
    scheduledUntil: inMinutes(120),
    alreadyStarted: false,
  };

  it('accepts a well-formed request', () => {
    expect(checkSchedule(valid, now)).toEqual({});
  });

  it('puts an end that is not after the start on scheduledUntil', () => {
    expect(checkSchedule({ ...valid, scheduledUntil: valid.scheduledFor }, now)).toEqual({
      scheduledUntil: 'The end must come after the start.',
    });
    expect(checkSchedule({ ...valid, scheduledUntil: inMinutes(30) }, now)).toHaveProperty('scheduledUntil');
  });

  it('puts a past start on scheduledFor unless the work has already started', () => {
    const past = { ...valid, scheduledFor: inMinutes(-30) };
    expect(checkSchedule(past, now).scheduledFor).toMatch(/already started/);
    expect(checkSchedule({ ...past, alreadyStarted: true }, now)).toEqual({});
  });

  it('tolerates a start picked in the current minute', () => {
    expect(checkSchedule({ ...valid, scheduledFor: new Date(now.getTime() - 30_000) }, now)).toEqual({});
  });

  it('refuses an already-started maintenance that starts later, or one whose end is past', () => {
    expect(checkSchedule({ ...valid, alreadyStarted: true }, now)).toHaveProperty('scheduledFor');
    expect(
      checkSchedule(
        { ...valid, alreadyStarted: true, scheduledFor: inMinutes(-120), scheduledUntil: inMinutes(-60) },
        now,
      ),
    ).toEqual({ scheduledUntil: 'The end is already past: pick a time in the future.' });
  });

  it('requires a component, a title, a message and both times', () => {
    expect(
      checkSchedule(
        { ...valid, componentKeys: [], title: ' ', message: '', scheduledFor: null, scheduledUntil: null },
        now,
      ),
    ).toEqual({
      componentKeys: 'Pick at least one component.',
      title: 'Give the maintenance a title.',
      message: 'Say what will happen and what users will notice.',
      scheduledFor: 'Pick when the maintenance starts.',
      scheduledUntil: 'Pick when the maintenance ends.',
    });
  });

  it('limits the title to 150 and the message to 3000 characters', () => {
    const problems = checkSchedule({ ...valid, title: 'x'.repeat(151), message: 'y'.repeat(3001) }, now);
    expect(problems.title).toBe('Keep the title to 150 characters (it has 151).');
    expect(problems.message).toBe('Keep the message to 3000 characters (it has 3001).');
  });
});

describe('scheduling', () => {
  it('begins in progress when already started, scheduled otherwise', () => {
    expect(initialStage(true)).toBe('in_progress');
    expect(initialStage(false)).toBe('scheduled');
  });

  it('reminds an hour before the start only when scheduled more than an hour ahead', () => {
    expect(reminderDueAt(inMinutes(90), false, now)).toEqual(inMinutes(30));
    expect(reminderDueAt(inMinutes(60), false, now)).toBeNull();
    expect(reminderDueAt(inMinutes(2), false, now)).toBeNull();
    expect(reminderDueAt(inMinutes(-5), true, now)).toBeNull();
  });
});

describe('deriveMaintenanceState', () => {
  const update = (stage: MaintenanceStage, minutes: number, sequence: number) => ({
    stage,
    occurredAt: inMinutes(minutes),
    sequence,
  });

  it('takes the stage of the latest update by occurred time', () => {
    const state = deriveMaintenanceState([
      update('scheduled', 0, 1),
      update('verifying', 20, 3),
      update('in_progress', 10, 2),
    ]);
    expect(state).toEqual({ stage: 'verifying', startedAt: inMinutes(10), endedAt: null });
  });

  it('records the start and end of a maintenance that skipped straight to completed', () => {
    const state = deriveMaintenanceState([update('scheduled', 0, 1), update('completed', 30, 2)]);
    expect(state).toEqual({ stage: 'completed', startedAt: inMinutes(30), endedAt: inMinutes(30) });
  });

  it('ends a cancelled maintenance without ever starting it', () => {
    const state = deriveMaintenanceState([update('scheduled', 0, 1), update('cancelled', 5, 2)]);
    expect(state).toEqual({ stage: 'cancelled', startedAt: null, endedAt: inMinutes(5) });
  });
});
