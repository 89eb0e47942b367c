import type { ComponentState } from '../../src/incidents/model';
import type { ComponentStatus, Stage } from '../../src/incidents/vocabulary';
import { lastDays } from '../../src/status/calendar-days';
import {
  formatUptime,
  incidentSpans,
  maintenanceSpans,
  type StatusSpan,
  UPTIME_DAYS,
  type UptimeComponent,
  type UptimeIncident,
  uptimeHistory,
} from '../../src/status/uptime-history';
import { utc, veroCatalog } from '../support/fixtures';

// Midnight UTC: the 90 days are Sep 03 … Dec 01, 2026, and 89 whole days (2,136 h) have been observed.
const NOW = utc('2026-12-01T00:00:00Z');
const LONG_AGO = utc('2025-01-01T00:00:00Z');

const component = (id: string, overrides: Partial<UptimeComponent> = {}): UptimeComponent => ({
  id,
  createdAt: LONG_AGO,
  firstActivityAt: null,
  ...overrides,
});

let incidentNumber = 0;

/** An incident whose one component holds `status` from `from` until it is resolved at `to`. */
function outage(componentId: string, status: ComponentStatus, from: string, to: string): UptimeIncident {
  incidentNumber += 1;
  return {
    number: incidentNumber,
    title: `Outage ${incidentNumber}`,
    updates: [
      { stage: 'investigating', occurredAt: utc(from), sequence: 1, components: [{ componentId, status }] },
      {
        stage: 'resolved',
        occurredAt: utc(to),
        sequence: 2,
        components: [{ componentId, status: 'operational' }],
      },
    ],
  };
}

const maintenance = (componentId: string, from: string, to: string | null) =>
  maintenanceSpans(
    {
      event: { ref: 'MNT-1', title: 'Database upgrade', path: '/maintenances/MNT-1' },
      componentIds: [componentId],
      from: utc(from),
      to: to === null ? null : utc(to),
    },
    NOW,
  );

function history(components: UptimeComponent[], spans: StatusSpan[], now = NOW, timeZone = 'UTC') {
  const result = uptimeHistory({ components, spans, now, days: lastDays(now, timeZone, UPTIME_DAYS) });
  const of = (id: string) => {
    const uptime = result.components.get(id);
    if (!uptime) throw new Error(`no uptime for ${id}`);
    return {
      ...uptime,
      percent: uptime.uptime === null ? null : formatUptime(uptime.uptime),
      day: (date: string) => uptime.days.find((day) => day.date === date),
    };
  };
  return { days: result.days, of };
}

describe('uptimeHistory', () => {
  it('shows 90 days of the display time zone, oldest first, today last', () => {
    const { days, of } = history([component('api')], []);
    expect(days).toHaveLength(90);
    expect(days[0]?.date).toBe('2026-09-03');
    expect(days[0]?.label).toBe('Sep 03, 2026');
    expect(days[89]?.date).toBe('2026-12-01');
    expect(of('api').days.map((day) => day.status)).toEqual(Array(90).fill('operational'));
    expect(of('api').percent).toBe('100.00%');
  });

  it('counts a 1-hour major outage fully as down: 2,135 of 2,136 hours is 99.95%', () => {
    const spans = incidentSpans(
      outage('api', 'major_outage', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'),
      NOW,
    );
    const api = history([component('api')], spans).of('api');
    expect(api.percent).toBe('99.95%');
    expect(api.day('2026-11-20')?.status).toBe('major_outage');
    expect(api.day('2026-11-19')?.status).toBe('operational');
    expect(api.day('2026-11-20')?.events).toEqual([
      {
        ref: `INC-${incidentNumber}`,
        title: `Outage ${incidentNumber}`,
        path: `/incidents/INC-${incidentNumber}`,
      },
    ]);
  });

  it('counts a 10-hour partial outage as 3 hours down: 2,133 of 2,136 hours is 99.86%', () => {
    const spans = incidentSpans(
      outage('api', 'partial_outage', '2026-11-20T08:00:00Z', '2026-11-20T18:00:00Z'),
      NOW,
    );
    const api = history([component('api')], spans).of('api');
    expect(api.percent).toBe('99.86%');
    expect(api.day('2026-11-20')?.status).toBe('partial_outage');
  });

  it('does not count maintenance as down, and colours its days as maintenance', () => {
    const api = history(
      [component('api')],
      maintenance('api', '2026-11-20T01:00:00Z', '2026-11-20T05:00:00Z'),
    ).of('api');
    expect(api.percent).toBe('100.00%');
    expect(api.day('2026-11-20')?.status).toBe('under_maintenance');
    expect(api.day('2026-11-20')?.events.map((event) => event.ref)).toEqual(['MNT-1']);
  });

  it('adds the outages up, maintenance aside: 2,136 − 1 − 3 hours is 99.81%', () => {
    const spans = [
      ...incidentSpans(outage('api', 'major_outage', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'), NOW),
      ...incidentSpans(outage('api', 'partial_outage', '2026-10-02T08:00:00Z', '2026-10-02T18:00:00Z'), NOW),
      ...maintenance('api', '2026-10-10T01:00:00Z', '2026-10-10T05:00:00Z'),
    ];
    expect(history([component('api')], spans).of('api').percent).toBe('99.81%');
  });

  it('counts an instant once, at the worst status in force, where incidents overlap', () => {
    // 10 h partial with a 1 h major inside: 1 h + 9 h × 30 % = 3.7 h down of 2,136 h → 99.8267…%.
    const spans = [
      ...incidentSpans(outage('api', 'partial_outage', '2026-11-20T08:00:00Z', '2026-11-20T18:00:00Z'), NOW),
      ...incidentSpans(outage('api', 'major_outage', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'), NOW),
      ...maintenance('api', '2026-11-20T09:00:00Z', '2026-11-20T12:00:00Z'),
    ];
    const api = history([component('api')], spans).of('api');
    expect(api.percent).toBe('99.83%');
    expect(api.day('2026-11-20')?.status).toBe('major_outage');
    expect(api.day('2026-11-20')?.events.map((event) => event.ref)).toHaveLength(3);
  });

  it('rounds half up in exact arithmetic: 399.7 of 400 hours is 99.925%, shown as 99.93%', () => {
    // Observed since its first sync, 400 hours ago; a 1-hour partial outage is 0.3 h down.
    const api = history(
      [component('api', { createdAt: utc('2026-11-14T08:00:00Z') })],
      incidentSpans(outage('api', 'partial_outage', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'), NOW),
    ).of('api');
    expect(api.percent).toBe('99.93%');
  });

  it('shows 60 "no data" days for a component added on the 30th day back, counting neither way', () => {
    const now = utc('2026-12-01T12:00:00Z');
    const added = utc('2026-11-02T08:00:00Z');
    // Synced 29 days and 4 hours before `now` (700 h); 7 h of major outage leaves 99.00% exactly.
    const spans = incidentSpans(
      outage('new', 'major_outage', '2026-11-10T00:00:00Z', '2026-11-10T07:00:00Z'),
      now,
    );
    const added30 = history([component('new', { createdAt: added })], spans, now).of('new');
    const statuses = added30.days.map((day) => day.status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(null));
    expect(statuses.slice(60).every((status) => status !== null)).toBe(true);
    expect(added30.days[60]?.date).toBe('2026-11-02');
    expect(added30.percent).toBe('99.00%');
  });

  it('begins a history at the first public incident when that came before the catalog sync', () => {
    const now = utc('2026-12-01T12:00:00Z');
    const syncedToday = utc('2026-12-01T06:00:00Z');
    const imported = history(
      [component('old', { createdAt: syncedToday, firstActivityAt: utc('2024-03-01T00:00:00Z') })],
      [],
      now,
    ).of('old');
    expect(imported.days.every((day) => day.status === 'operational')).toBe(true);
    const recent = history([component('new', { createdAt: syncedToday })], [], now).of('new');
    expect(recent.days.filter((day) => day.status === null)).toHaveLength(89);
  });

  it('has no percentage before anything was observed', () => {
    const future = history([component('api', { createdAt: utc('2027-01-01T00:00:00Z') })], []).of('api');
    expect(future.percent).toBeNull();
    expect(future.days.every((day) => day.status === null)).toBe(true);
  });

  it('uses the days of DISPLAY_TIMEZONE', () => {
    // 03:00 UTC on Nov 30 is 10 PM on Nov 29 in New York.
    const spans = incidentSpans(
      outage('api', 'major_outage', '2026-11-30T03:00:00Z', '2026-11-30T03:30:00Z'),
      NOW,
    );
    const api = history([component('api')], spans, NOW, 'America/New_York').of('api');
    expect(api.day('2026-11-29')?.status).toBe('major_outage');
    expect(api.day('2026-11-30')?.status).toBe('operational');
    // Midnight UTC on Dec 01 is still Nov 30 in New York: that is the rightmost bar.
    expect(api.days.at(-1)?.date).toBe('2026-11-30');
  });

  it('splits the days at midnight of DISPLAY_TIMEZONE, a span ending at midnight leaving the next day alone', () => {
    // Midnight in Berlin (UTC+1 in November) is 23:00 UTC the day before.
    const spans = [
      // 23:30–00:30 Berlin time across the night of Nov 24 to 25: both days.
      ...incidentSpans(outage('across', 'major_outage', '2026-11-24T22:30:00Z', '2026-11-24T23:30:00Z'), NOW),
      // 22:00 up to exactly midnight of Nov 26: that day only.
      ...incidentSpans(
        outage('until', 'partial_outage', '2026-11-26T21:00:00Z', '2026-11-26T23:00:00Z'),
        NOW,
      ),
      // From exactly midnight of Nov 28: that day only.
      ...incidentSpans(outage('from', 'partial_outage', '2026-11-27T23:00:00Z', '2026-11-28T01:00:00Z'), NOW),
    ];
    const result = history(
      [component('across'), component('until'), component('from')],
      spans,
      NOW,
      'Europe/Berlin',
    );
    const worst = (id: string) =>
      Object.fromEntries(
        result
          .of(id)
          .days.filter((day) => day.status !== 'operational')
          .map((day) => [day.date, day.status]),
      );
    expect(worst('across')).toEqual({ '2026-11-24': 'major_outage', '2026-11-25': 'major_outage' });
    expect(worst('until')).toEqual({ '2026-11-26': 'partial_outage' });
    expect(worst('from')).toEqual({ '2026-11-28': 'partial_outage' });
    // 01:00 Berlin time on Dec 01 is already Dec 01 there: the rightmost bar.
    expect(result.days.at(-1)?.date).toBe('2026-12-01');
    expect(result.days.at(-1)?.label).toBe('Dec 01, 2026');
  });

  it('shows the Vero incident of SPEC §1 as a degraded day on Sep 01, 2022 for its 8 components', () => {
    const catalog = veroCatalog();
    const ids = catalog.map((c) => c.id);
    const degraded = (count: number): ComponentState[] =>
      ids.slice(0, count).map((componentId) => ({ componentId, status: 'degraded_performance' }));
    const steps: [Stage, string, ComponentState[]][] = [
      ['investigating', '2022-09-01T09:10:45Z', degraded(3)],
      ['identified', '2022-09-01T09:30:00Z', degraded(5)],
      ['identified', '2022-09-01T09:45:00Z', degraded(8)],
      ['monitoring', '2022-09-01T10:57:00Z', degraded(8)],
      ['resolved', '2022-09-01T13:57:12Z', []],
      ['postmortem', '2022-09-01T23:19:00Z', []],
    ];
    const vero: UptimeIncident = {
      number: 1,
      title: 'Degraded performance across Vero platform',
      updates: steps.map(([stage, at, components], i) => ({
        stage,
        occurredAt: utc(at),
        sequence: i + 1,
        components,
      })),
    };
    const now = utc('2022-09-20T12:00:00Z');
    // The catalog was synced long after the incident (a replayed or imported record).
    const components = ids.map((id) => component(id, { createdAt: utc('2026-11-01T00:00:00Z') }));
    const result = history(components, incidentSpans(vero, now), now);
    for (const id of ids) {
      const { days, percent } = result.of(id);
      const sep01 = days.findIndex((day) => day.date === '2022-09-01');
      expect(days[sep01]).toEqual({
        date: '2022-09-01',
        label: 'Sep 01, 2022',
        status: 'degraded_performance',
        events: [{ ref: 'INC-1', title: vero.title, path: '/incidents/INC-1' }],
      });
      expect(days.slice(0, sep01).every((day) => day.status === null)).toBe(true);
      expect(days.slice(sep01 + 1).every((day) => day.status === 'operational')).toBe(true);
      expect(percent).toBe('100.00%');
    }
  });
});

describe('incidentSpans', () => {
  const state = (componentId: string, status: ComponentStatus): ComponentState => ({ componentId, status });
  const update = (stage: Stage, at: string, sequence: number, components: ComponentState[]) => ({
    stage,
    occurredAt: utc(at),
    sequence,
    components,
  });

  it("holds an open incident's statuses until now and ends a removed component at that update", () => {
    const spans = incidentSpans(
      {
        number: 7,
        title: 'Slow API',
        updates: [
          update('identified', '2026-11-30T10:00:00Z', 2, [state('api', 'major_outage')]),
          update('investigating', '2026-11-30T09:00:00Z', 1, [
            state('api', 'degraded_performance'),
            state('ui', 'degraded_performance'),
          ]),
        ],
      },
      NOW,
    );
    expect(spans.map(({ componentId, status, from, to }) => [componentId, status, from, to])).toEqual([
      ['api', 'degraded_performance', Date.parse('2026-11-30T09:00:00Z'), Date.parse('2026-11-30T10:00:00Z')],
      ['ui', 'degraded_performance', Date.parse('2026-11-30T09:00:00Z'), Date.parse('2026-11-30T10:00:00Z')],
      ['api', 'major_outage', Date.parse('2026-11-30T10:00:00Z'), NOW.getTime()],
    ]);
  });

  it('holds nothing between resolving and re-opening', () => {
    const spans = incidentSpans(
      {
        number: 8,
        title: 'Flapping',
        updates: [
          update('investigating', '2026-11-30T09:00:00Z', 1, [state('api', 'partial_outage')]),
          update('resolved', '2026-11-30T10:00:00Z', 2, [state('api', 'operational')]),
          update('investigating', '2026-11-30T12:00:00Z', 3, [state('api', 'partial_outage')]),
          update('resolved', '2026-11-30T13:00:00Z', 4, [state('api', 'operational')]),
        ],
      },
      NOW,
    );
    expect(spans.map((span) => (span.to - span.from) / 3_600_000)).toEqual([1, 1]);
  });
});

describe('lastDays', () => {
  it('gives the day daylight saving time ends its 25 hours', () => {
    const days = lastDays(utc('2026-11-03T12:00:00Z'), 'America/New_York', 4);
    expect(days.map((day) => day.date)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03']);
    expect(days.map((day) => (day.end - day.start) / 3_600_000)).toEqual([24, 25, 24, 24]);
    expect(new Date(days[1]?.start ?? 0).toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });
});
