import type { ComponentState } from '../../src/incidents/model';
import {
  affectedComponentIds,
  affectedComponents,
  checkNewUpdate,
  componentChanges,
  deriveIncidentState,
  nextComponentStates,
  sortTimeline,
} from '../../src/incidents/timeline';
import type { Stage } from '../../src/incidents/vocabulary';
import { aComponent, anUpdate, utc, veroCatalog, veroIncident } from '../support/fixtures';

const at = (time: string) => utc(`2022-09-01T${time}Z`);

function timeline(...entries: [Stage, string][]) {
  return entries.map(([stage, time], index) =>
    anUpdate({ stage, occurredAt: at(time), sequence: index + 1 }),
  );
}

describe('sortTimeline', () => {
  it('orders by occurred time, ties by sequence, without touching the input', () => {
    const late = anUpdate({ id: 'late', occurredAt: at('10:00:00'), sequence: 1 });
    const tieSecond = anUpdate({ id: 'tie-2', occurredAt: at('09:00:00'), sequence: 3 });
    const tieFirst = anUpdate({ id: 'tie-1', occurredAt: at('09:00:00'), sequence: 2 });
    const input = [late, tieSecond, tieFirst];

    expect(sortTimeline(input).map((update) => update.id)).toEqual(['tie-1', 'tie-2', 'late']);
    expect(input.map((update) => update.id)).toEqual(['late', 'tie-2', 'tie-1']);
  });
});

describe('deriveIncidentState', () => {
  it('takes stage and impact from the latest update by occurred time, not by commit order', () => {
    const updates = [
      anUpdate({ stage: 'investigating', impact: 'minor', occurredAt: at('09:00:00'), sequence: 1 }),
      anUpdate({ stage: 'monitoring', impact: 'major', occurredAt: at('11:00:00'), sequence: 2 }),
      anUpdate({ stage: 'identified', impact: 'critical', occurredAt: at('10:00:00'), sequence: 3 }),
    ];

    expect(deriveIncidentState(updates)).toMatchObject({
      stage: 'monitoring',
      impact: 'major',
      resolvedAt: null,
    });
  });

  it('lets any stage follow any open stage', () => {
    const state = deriveIncidentState(timeline(['monitoring', '09:00:00'], ['investigating', '09:30:00']));
    expect(state.stage).toBe('investigating');
  });

  it('sets resolvedAt to the occurred time of the update that resolves it', () => {
    const state = deriveIncidentState(timeline(['investigating', '09:00:00'], ['resolved', '13:57:12']));
    expect(state).toMatchObject({ stage: 'resolved', resolvedAt: at('13:57:12') });
  });

  it('keeps the first time when a second resolved update follows', () => {
    const state = deriveIncidentState(
      timeline(['investigating', '09:00:00'], ['resolved', '12:00:00'], ['resolved', '13:00:00']),
    );
    expect(state.resolvedAt).toEqual(at('12:00:00'));
  });

  it('keeps resolvedAt through a postmortem', () => {
    const state = deriveIncidentState(
      timeline(['investigating', '09:00:00'], ['resolved', '12:00:00'], ['postmortem', '23:19:00']),
    );
    expect(state).toMatchObject({ stage: 'postmortem', resolvedAt: at('12:00:00') });
  });

  it('clears resolvedAt when an open stage re-opens the incident', () => {
    const state = deriveIncidentState(
      timeline(['investigating', '09:00:00'], ['resolved', '12:00:00'], ['monitoring', '12:30:00']),
    );
    expect(state).toMatchObject({ stage: 'monitoring', resolvedAt: null });
  });

  it('takes the time of the new resolution after a re-open', () => {
    const state = deriveIncidentState(
      timeline(
        ['investigating', '09:00:00'],
        ['resolved', '12:00:00'],
        ['identified', '12:30:00'],
        ['resolved', '14:00:00'],
      ),
    );
    expect(state.resolvedAt).toEqual(at('14:00:00'));
  });

  it('takes the components of the latest update', () => {
    const components: ComponentState[] = [{ componentId: 'a', status: 'major_outage' }];
    const updates = [
      anUpdate({ occurredAt: at('09:00:00'), components: [], sequence: 1 }),
      anUpdate({ occurredAt: at('10:00:00'), components, sequence: 2 }),
    ];
    expect(deriveIncidentState(updates).components).toEqual(components);
  });

  it('derives the SPEC §1 incident as a postmortem resolved at 13:57:12', () => {
    expect(deriveIncidentState(veroIncident().updates)).toMatchObject({
      stage: 'postmortem',
      impact: 'minor',
      resolvedAt: utc('2022-09-01T13:57:12Z'),
    });
  });
});

describe('checkNewUpdate', () => {
  const startedAt = at('09:00:00');
  const now = at('12:00:00');
  const open = timeline(['investigating', '09:00:00'], ['identified', '10:00:00']);
  const resolved = [...open, anUpdate({ stage: 'resolved', occurredAt: at('11:00:00'), sequence: 3 })];

  it('accepts a back-dated update between the start and now', () => {
    expect(checkNewUpdate(open, startedAt, { stage: 'monitoring', occurredAt: at('09:30:00') }, now)).toEqual(
      [],
    );
  });

  it('accepts an update at exactly now and at exactly the start', () => {
    expect(checkNewUpdate(open, startedAt, { stage: 'monitoring', occurredAt: now }, now)).toEqual([]);
    expect(checkNewUpdate(open, startedAt, { stage: 'monitoring', occurredAt: startedAt }, now)).toEqual([]);
  });

  it('refuses an update in the future', () => {
    const problems = checkNewUpdate(
      open,
      startedAt,
      { stage: 'monitoring', occurredAt: at('12:00:01') },
      now,
    );
    expect(problems).toEqual([{ code: 'occurred_in_future', now }]);
  });

  it('refuses an update before the start', () => {
    const problems = checkNewUpdate(
      open,
      startedAt,
      { stage: 'monitoring', occurredAt: at('08:59:59') },
      now,
    );
    expect(problems).toEqual([{ code: 'occurred_before_start', startedAt }]);
  });

  it('refuses a postmortem while the incident is open', () => {
    const problems = checkNewUpdate(open, startedAt, { stage: 'postmortem', occurredAt: now }, now);
    expect(problems).toEqual([{ code: 'postmortem_before_resolved' }]);
  });

  it('accepts a postmortem after the resolution', () => {
    expect(
      checkNewUpdate(resolved, startedAt, { stage: 'postmortem', occurredAt: at('11:30:00') }, now),
    ).toEqual([]);
  });

  it('accepts a postmortem at the very time of the resolution', () => {
    expect(
      checkNewUpdate(resolved, startedAt, { stage: 'postmortem', occurredAt: at('11:00:00') }, now),
    ).toEqual([]);
  });

  it('refuses a postmortem back-dated to before the resolution', () => {
    const problems = checkNewUpdate(
      resolved,
      startedAt,
      { stage: 'postmortem', occurredAt: at('10:30:00') },
      now,
    );
    expect(problems).toEqual([{ code: 'postmortem_before_resolved' }]);
  });

  it('accepts a postmortem after an earlier postmortem', () => {
    const withPostmortem = [
      ...resolved,
      anUpdate({ stage: 'postmortem', occurredAt: at('11:15:00'), sequence: 4 }),
    ];
    const candidate = { stage: 'postmortem' as const, occurredAt: at('11:45:00') };
    expect(checkNewUpdate(withPostmortem, startedAt, candidate, now)).toEqual([]);
  });

  it('refuses a postmortem after a re-open', () => {
    const reopened = [
      ...resolved,
      anUpdate({ stage: 'investigating', occurredAt: at('11:30:00'), sequence: 4 }),
    ];
    const problems = checkNewUpdate(
      reopened,
      startedAt,
      { stage: 'postmortem', occurredAt: at('11:45:00') },
      now,
    );
    expect(problems).toEqual([{ code: 'postmortem_before_resolved' }]);
  });

  it('refuses a postmortem on an empty timeline', () => {
    expect(checkNewUpdate([], startedAt, { stage: 'postmortem', occurredAt: now }, now)).toEqual([
      { code: 'postmortem_before_resolved' },
    ]);
  });

  it('reports every problem at once', () => {
    const problems = checkNewUpdate(
      open,
      at('13:00:00'),
      { stage: 'postmortem', occurredAt: at('12:30:00') },
      now,
    );
    expect(problems.map((problem) => problem.code)).toEqual([
      'occurred_in_future',
      'occurred_before_start',
      'postmortem_before_resolved',
    ]);
  });
});

describe('nextComponentStates', () => {
  const previous: ComponentState[] = [
    { componentId: 'api', status: 'partial_outage' },
    { componentId: 'ui', status: 'degraded_performance' },
  ];

  it('gives new components the status from the form', () => {
    const next = nextComponentStates({
      previous: [],
      selected: ['api'],
      status: 'major_outage',
      impact: 'minor',
      stage: 'investigating',
    });
    expect(next).toEqual([{ componentId: 'api', status: 'major_outage' }]);
  });

  it.each([
    ['none', 'operational'],
    ['minor', 'degraded_performance'],
    ['major', 'partial_outage'],
    ['critical', 'major_outage'],
  ] as const)('gives new components the default of impact %s (%s) without a status', (impact, status) => {
    const next = nextComponentStates({
      previous: [],
      selected: ['api'],
      status: null,
      impact,
      stage: 'identified',
    });
    expect(next).toEqual([{ componentId: 'api', status }]);
  });

  it('gives components still selected the status from the form', () => {
    const next = nextComponentStates({
      previous,
      selected: ['api', 'ui'],
      status: 'major_outage',
      impact: 'minor',
      stage: 'monitoring',
    });
    expect(next).toEqual([
      { componentId: 'api', status: 'major_outage' },
      { componentId: 'ui', status: 'major_outage' },
    ]);
  });

  it('lets components still selected keep their status without one on the form', () => {
    const next = nextComponentStates({
      previous,
      selected: ['api', 'ui'],
      status: null,
      impact: 'critical',
      stage: 'monitoring',
    });
    expect(next).toEqual(previous);
  });

  it('returns components removed from the selection to operational, keeping them in the snapshot', () => {
    const next = nextComponentStates({
      previous,
      selected: ['ui'],
      status: null,
      impact: 'minor',
      stage: 'identified',
    });
    expect(next).toEqual([
      { componentId: 'api', status: 'operational' },
      { componentId: 'ui', status: 'degraded_performance' },
    ]);
  });

  it('gives a re-selected component back at operational the status or the impact default', () => {
    const withRecovered: ComponentState[] = [{ componentId: 'api', status: 'operational' }];
    expect(
      nextComponentStates({
        previous: withRecovered,
        selected: ['api'],
        status: null,
        impact: 'major',
        stage: 'identified',
      }),
    ).toEqual([{ componentId: 'api', status: 'partial_outage' }]);
  });

  it('adds new components after the previous ones', () => {
    const next = nextComponentStates({
      previous,
      selected: ['ui', 'db', 'api'],
      status: null,
      impact: 'major',
      stage: 'identified',
    });
    expect(next.map((state) => state.componentId)).toEqual(['api', 'ui', 'db']);
    expect(next[2]).toEqual({ componentId: 'db', status: 'partial_outage' });
  });

  it.each(['resolved', 'postmortem'] as const)(
    'returns every affected component to operational on %s, whatever the form says',
    (stage) => {
      const next = nextComponentStates({
        previous,
        selected: ['api', 'db'],
        status: 'major_outage',
        impact: 'critical',
        stage,
      });
      expect(next).toEqual([
        { componentId: 'api', status: 'operational' },
        { componentId: 'ui', status: 'operational' },
        { componentId: 'db', status: 'operational' },
      ]);
    },
  );
});

describe('componentChanges', () => {
  it('lists, per update, the components it added or changed relative to the previous one in occurred order', () => {
    const first = anUpdate({
      id: 'first',
      occurredAt: at('09:00:00'),
      sequence: 1,
      components: [{ componentId: 'api', status: 'degraded_performance' }],
    });
    const backDated = anUpdate({
      id: 'back-dated',
      occurredAt: at('09:30:00'),
      sequence: 3,
      components: [
        { componentId: 'api', status: 'partial_outage' },
        { componentId: 'ui', status: 'degraded_performance' },
      ],
    });
    const later = anUpdate({
      id: 'later',
      occurredAt: at('10:00:00'),
      sequence: 2,
      components: [
        { componentId: 'api', status: 'partial_outage' },
        { componentId: 'ui', status: 'operational' },
      ],
    });

    const changes = componentChanges([first, later, backDated]);

    expect(changes.get('first')).toEqual([
      { componentId: 'api', oldStatus: 'operational', newStatus: 'degraded_performance' },
    ]);
    expect(changes.get('back-dated')).toEqual([
      { componentId: 'api', oldStatus: 'degraded_performance', newStatus: 'partial_outage' },
      { componentId: 'ui', oldStatus: 'operational', newStatus: 'degraded_performance' },
    ]);
    expect(changes.get('later')).toEqual([
      { componentId: 'ui', oldStatus: 'degraded_performance', newStatus: 'operational' },
    ]);
  });

  it('lists a component added as operational', () => {
    const update = anUpdate({ id: 'u', components: [{ componentId: 'api', status: 'operational' }] });
    expect(componentChanges([update]).get('u')).toEqual([
      { componentId: 'api', oldStatus: 'operational', newStatus: 'operational' },
    ]);
  });

  it('gives an empty list to an update that changes nothing', () => {
    const components: ComponentState[] = [{ componentId: 'api', status: 'major_outage' }];
    const updates = [
      anUpdate({ id: 'a', occurredAt: at('09:00:00'), sequence: 1, components }),
      anUpdate({ id: 'b', occurredAt: at('10:00:00'), sequence: 2, components }),
    ];
    expect(componentChanges(updates).get('b')).toEqual([]);
  });

  it('counts a component dropped from a snapshot as back to operational', () => {
    const updates = [
      anUpdate({
        id: 'a',
        occurredAt: at('09:00:00'),
        sequence: 1,
        components: [{ componentId: 'api', status: 'major_outage' }],
      }),
      anUpdate({ id: 'b', occurredAt: at('10:00:00'), sequence: 2, components: [] }),
    ];
    expect(componentChanges(updates).get('b')).toEqual([
      { componentId: 'api', oldStatus: 'major_outage', newStatus: 'operational' },
    ]);
  });
});

describe('affectedComponentIds', () => {
  it('is the union of every snapshot, in the order first seen along the timeline', () => {
    const updates = [
      anUpdate({
        occurredAt: at('10:00:00'),
        sequence: 1,
        components: [{ componentId: 'c', status: 'operational' }],
      }),
      anUpdate({
        occurredAt: at('09:00:00'),
        sequence: 2,
        components: [
          { componentId: 'b', status: 'major_outage' },
          { componentId: 'a', status: 'major_outage' },
        ],
      }),
      anUpdate({
        occurredAt: at('11:00:00'),
        sequence: 3,
        components: [{ componentId: 'a', status: 'operational' }],
      }),
    ];
    expect(affectedComponentIds(updates)).toEqual(['b', 'a', 'c']);
  });
});

describe('affectedComponents', () => {
  it('lists every component ever affected in catalog order with its latest status', () => {
    const catalog = [
      aComponent({ key: 'b', position: 1 }),
      aComponent({ key: 'a', position: 0 }),
      aComponent({ key: 'z', position: 2 }),
    ];
    const updates = [
      anUpdate({
        occurredAt: at('09:00:00'),
        sequence: 1,
        components: [{ componentId: 'cmp-b', status: 'major_outage' }],
      }),
      anUpdate({
        occurredAt: at('10:00:00'),
        sequence: 2,
        components: [
          { componentId: 'cmp-b', status: 'degraded_performance' },
          { componentId: 'cmp-a', status: 'partial_outage' },
        ],
      }),
    ];
    expect(
      affectedComponents(catalog, updates).map(({ component, status }) => [component.key, status]),
    ).toEqual([
      ['a', 'partial_outage'],
      ['b', 'degraded_performance'],
    ]);
  });

  it('puts the eight Vero components in catalog order, operational after the resolution', () => {
    const record = veroIncident();
    expect(record.components.map(({ component }) => component.key)).toEqual(veroCatalog().map((c) => c.key));
    expect(new Set(record.components.map(({ status }) => status))).toEqual(new Set(['operational']));
  });
});
