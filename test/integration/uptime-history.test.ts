import { MAINTENANCE_SCHEDULE_CALLBACK } from '../../src/slack/ids';
import { declareThroughSlack, outboxSettled, replayVero, veroComponentLabels } from '../support/scenarios';
import { checkboxes, dateTime, multiSelect, select, stateValues, text } from '../support/slack-driver';
import { startTestApp, type TestApp, veroCatalog } from '../support/test-app';

// Three weeks after the SPEC §1 incident: its day is among the page's 90 bars.
const NOW = Date.parse('2022-09-20T12:00:00Z');
const offset = Date.now() - NOW;
const clock = { now: () => new Date(Date.now() - offset) };

interface Bar {
  status: string;
  events: boolean;
  text: string;
  links: string[];
}

/** Each component's label, percentage and bars, read from the page's uptime section. */
function uptimeRows(html: string): Map<string, { percent: string; bars: Bar[] }> {
  const section = html.slice(html.indexOf('<section class="uptime"'));
  const rows = new Map<string, { percent: string; bars: Bar[] }>();
  const row =
    /<div class="row-head"><span>([^<]*)<\/span><span class="meta">([^<]*)<\/span><\/div><ol class="bars"[^>]*>(.*?)<\/ol>/g;
  for (const [, label = '', percent = '', bars = ''] of section.matchAll(row)) {
    const parsed = [
      ...bars.matchAll(
        /<li class="bar ([a-z_]+)( events)?" tabindex="0"><span class="tip">(.*?)<\/span><\/li>/g,
      ),
    ].map(([, status = '', events, tip = '']) => ({
      status,
      events: events !== undefined,
      text: tip.replace(/<[^>]*>/g, ''),
      links: [...tip.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? ''),
    }));
    rows.set(label.replace(/&#38;/g, '&'), { percent, bars: parsed });
  }
  return rows;
}

describe('uptime history on the status page', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    await replayVero(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the Vero incident as a degraded day on Sep 01, 2022 for its 8 components, with no data before', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.status).toBe(200);
    const rows = uptimeRows(await res.text());
    expect([...rows.keys()].sort()).toEqual([...veroComponentLabels].sort());
    for (const label of veroComponentLabels) {
      const row = rows.get(label);
      expect(row?.bars).toHaveLength(90);
      const bars = row?.bars ?? [];
      const sep01 = bars.findIndex((bar) => bar.text.startsWith('Sep 01, 2022'));
      // Sep 01 is 19 days before the rightmost bar, Sep 20.
      expect(sep01).toBe(70);
      expect(bars[sep01]).toEqual({
        status: 'degraded_performance',
        events: true,
        text: 'Sep 01, 2022: Degraded performance. INC-1 Degraded performance across Vero platform',
        links: ['/incidents/INC-1'],
      });
      // The catalog was synced after the clock's "now": its history begins with the incident.
      expect(bars.slice(0, sep01).every((bar) => bar.status === 'no_data')).toBe(true);
      expect(bars.slice(sep01 + 1).every((bar) => bar.status === 'operational' && !bar.events)).toBe(true);
      expect(bars[89]?.text).toBe('Sep 20, 2022: Operational');
      // Degraded performance is not downtime.
      expect(row?.percent).toBe('100.00% uptime');
    }
  });

  it('counts an open major outage as down until now and links the section to the history', async () => {
    await declareThroughSlack(app, {
      title: 'Checkout is down',
      impact: 'critical',
      components: ['general-ui'],
      message: 'Nobody can check out.',
      startedAt: '2022-09-20T10:00:00Z',
    });
    await outboxSettled(app);
    // The page counts the outage until the moment it renders: between these two readings of the clock.
    const uptimeAt = (now: number) => {
      const observed = now - Date.parse('2022-09-01T09:10:45Z');
      const down = now - Date.parse('2022-09-20T10:00:00Z');
      return `${(Math.round(((observed - down) / observed) * 10_000) / 100).toFixed(2)}% uptime`;
    };
    const before = uptimeAt(clock.now().getTime());
    const html = await (await fetch(`${app.url}/`)).text();
    const after = uptimeAt(clock.now().getTime());
    const generalUi = uptimeRows(html).get('General UI access and speed');
    const today = generalUi?.bars[89];
    expect(today?.status).toBe('major_outage');
    expect(today?.links).toEqual(['/incidents/INC-2']);
    // About 2 h down of 459 h observed since the Vero incident: 99.56 %.
    expect([before, after]).toContain(generalUi?.percent);
    expect(generalUi?.percent).toMatch(/^99\.5\d% uptime$/);
    expect(uptimeRows(html).get('Workflows')?.bars[89]?.status).toBe('operational');
    expect(html).toMatch(/<section class="uptime"[\s\S]*<a href="\/history">/);
  });

  it('shows a public maintenance’s day as under maintenance, not as downtime, and nothing of an internal one', async () => {
    const seconds = (ms: number) => Math.floor(ms / 1000);
    const nowMs = clock.now().getTime();
    for (const [title, key, visibility] of [
      ['Workflow engine upgrade', 'workflows', 'public'],
      ['Secret email relay work', 'transactional-emails', 'internal'],
    ] as const) {
      const before = app.fake.views().length;
      await app.slack.command('maintenance');
      await app.fake.waitFor(() => app.fake.views().length > before);
      await app.slack.viewSubmission({
        callbackId: MAINTENANCE_SCHEDULE_CALLBACK,
        values: stateValues({
          title: text(title),
          components: multiSelect([key]),
          message: text('The work has begun.'),
          scheduled_for: dateTime(seconds(nowMs - 3 * 3_600_000)),
          scheduled_until: dateTime(seconds(nowMs + 3_600_000)),
          already_started: checkboxes(['started']),
          visibility: select(visibility),
          auto_transitions: checkboxes(['auto']),
        }),
      });
    }
    await outboxSettled(app);
    expect(await app.db.prisma.maintenance.count({ where: { stage: 'in_progress' } })).toBe(2);

    const html = await (await fetch(`${app.url}/`)).text();
    const rows = uptimeRows(html);
    const today = rows.get('Workflows')?.bars[89];
    expect(today?.status).toBe('under_maintenance');
    expect(today?.text).toBe('Sep 20, 2022: Under maintenance. MNT-1 Workflow engine upgrade');
    expect(today?.links).toEqual(['/maintenances/MNT-1']);
    // Maintenance is not downtime.
    expect(rows.get('Workflows')?.percent).toBe('100.00% uptime');
    expect(rows.get('Transactional emails')?.bars[89]?.status).toBe('operational');
    expect(html).not.toContain('Secret email relay work');
  });
});

describe('uptime history that began before the 90 days', () => {
  // Mid-December 2022: the Vero incident of Sep 01 is before the window.
  const december = Date.parse('2022-12-15T12:00:00Z');
  const shift = Date.now() - december;
  let app: TestApp;

  beforeAll(async () => {
    const catalog = `${veroCatalog}  - key: status-api\n    name: Status API\n  - key: billing\n    name: Billing\n`;
    app = await startTestApp({ clock: { now: () => new Date(Date.now() - shift) }, catalog });
    await replayVero(app);
    // Maintenances of May 2022, completed, as an import stores them: one public, one internal.
    for (const [number, key, visibility] of [
      [1, 'status-api', 'public'],
      [2, 'billing', 'internal'],
    ] as const) {
      const component = await app.db.prisma.component.findUniqueOrThrow({ where: { key } });
      await app.db.prisma.maintenance.create({
        data: {
          teamId: app.fake.teamId,
          number,
          title: `Old work ${number}`,
          visibility,
          stage: 'completed',
          scheduledFor: new Date('2022-05-01T02:00:00Z'),
          scheduledUntil: new Date('2022-05-01T04:00:00Z'),
          startedAt: new Date('2022-05-01T02:00:00Z'),
          endedAt: new Date('2022-05-01T04:00:00Z'),
          autoTransitions: false,
          createdById: 'U0LEAD',
          components: { create: [{ componentId: component.id }] },
        },
      });
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it('observes all 90 days of a component whose first public incident or maintenance came before them', async () => {
    const rows = uptimeRows(await (await fetch(`${app.url}/`)).text());
    for (const label of [...veroComponentLabels, 'Status API']) {
      const bars = rows.get(label)?.bars ?? [];
      expect([label, bars.length, bars.filter((bar) => bar.status !== 'operational').length]).toEqual([
        label,
        90,
        0,
      ]);
      expect(rows.get(label)?.percent).toBe('100.00% uptime');
    }
    // An internal maintenance begins no public history: the catalog sync (after the clock's now) does.
    expect(rows.get('Billing')?.bars.every((bar) => bar.status === 'no_data')).toBe(true);
    expect(rows.get('Billing')?.percent).toBe('No data yet');
  });
});
