import { declareThroughSlack, outboxSettled, replayVero, veroComponentLabels } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

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
});
