import { replayVero } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

/** Titles in page order, and the month headings, of a `/history` page. */
function historyOf(page: string) {
  const html = page.replace(/&#61;/g, '=');
  return {
    months: [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]),
    titles: [...html.matchAll(/<a href="\/(?:incidents|maintenances)\/((?:INC|MNT)-\d+)">/g)].map(
      (m) => m[1],
    ),
    older: /<a href="\/history\?page=(\d+)" rel="next">/.exec(html)?.[1] ?? null,
    newer: /<a href="(\/history(?:\?page=\d+)?)" rel="prev">/.exec(html)?.[1] ?? null,
  };
}

describe('GET /history', () => {
  let app: TestApp;
  const get = (path: string) => fetch(`${app.url}${path}`);

  beforeAll(async () => {
    app = await startTestApp();
    // The SPEC §1 incident, years before the page's 90 days, through Slack as a responder records it.
    await replayVero(app);
    // 55 older incidents, one every four days from Jan 01, 2022: 56 incidents, with a maintenance two pages.
    const base = Date.parse('2022-01-01T12:00:00Z');
    await app.db.prisma.incident.createMany({
      data: Array.from({ length: 55 }, (_, i) => {
        const startedAt = new Date(base + i * 4 * 86_400_000);
        return {
          teamId: app.fake.teamId,
          number: i + 2,
          title: `Older incident ${i + 2}`,
          impact: 'minor',
          stage: 'resolved',
          startedAt,
          resolvedAt: new Date(startedAt.getTime() + 3_600_000),
          leadId: 'U0LEAD',
          declaredById: 'U0LEAD',
          lastUpdateAt: startedAt,
        };
      }),
    });
    // A public maintenance among them (Mar 15, between INC-20 and INC-21), and an internal one never shown.
    const maintenance = (number: number, visibility: string, title: string) => ({
      teamId: app.fake.teamId,
      number,
      title,
      visibility,
      stage: 'completed',
      scheduledFor: new Date('2022-03-15T02:00:00Z'),
      scheduledUntil: new Date('2022-03-15T04:00:00Z'),
      startedAt: new Date('2022-03-15T02:00:00Z'),
      endedAt: new Date('2022-03-15T03:00:00Z'),
      autoTransitions: true,
      createdById: 'U0LEAD',
    });
    await app.db.prisma.maintenance.createMany({
      data: [maintenance(1, 'public', 'Database upgrade'), maintenance(2, 'internal', 'Secret rack move')],
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists incidents newest first under month headings, 50 to a page, with the way to older ones', async () => {
    const res = await get('/history');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = historyOf(await res.text());
    expect(page.titles).toHaveLength(50);
    // The Vero incident of Sep 01, 2022 first, then the newest of the older ones (Aug 05, 2022: INC-56).
    expect(page.titles.slice(0, 3)).toEqual(['INC-1', 'INC-56', 'INC-55']);
    expect(page.months.slice(0, 3)).toEqual(['September 2022', 'August 2022', 'July 2022']);
    expect(page.titles.slice(36, 39)).toEqual(['INC-21', 'MNT-1', 'INC-20']);
    expect(page.titles.at(-1)).toBe('INC-9');
    expect(page.older).toBe('2');
    expect(page.newer).toBeNull();
  });

  it('reaches back to the first incident on the last page', async () => {
    const res = await get('/history?page=2');
    expect(res.status).toBe(200);
    const page = historyOf(await res.text());
    expect(page.titles).toEqual(['INC-8', 'INC-7', 'INC-6', 'INC-5', 'INC-4', 'INC-3', 'INC-2']);
    expect(page.months).toEqual(['January 2022']);
    expect(page.older).toBeNull();
    expect(page.newer).toBe('/history');
  });

  it('never shows an internal maintenance', async () => {
    const pages = await Promise.all([get('/history'), get('/history?page=2')]);
    for (const res of pages) expect(await res.text()).not.toContain('Secret rack move');
  });

  it('is linked from the status page', async () => {
    expect(await (await get('/')).text()).toContain('<a href="/history">');
  });

  it('answers 404 past the last page, saying how many there are', async () => {
    const res = await get('/history?page=3');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no page 3 of the incident history: it has 2 pages.');
  });

  it.each(['0', '-1', 'abc', '1.5', '', '99999999999'])(
    'answers 400 with a reason for ?page=%s',
    async (value) => {
      const res = await get(`/history?page=${encodeURIComponent(value)}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('bad query: page must be a whole number from 1');
    },
  );
});
