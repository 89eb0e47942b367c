/**
 * SPEC §16: "uptime bars for 500 components × 90 days on `/` render < 100 ms uncached". On the seeded
 * database, with nothing cached: the bars' reads and computation (`loadUptime`) and their HTML
 * (`uptimeSection`), then the whole `/` as `PublicSite` renders it on a cache miss. Timed at two clocks:
 * now (the seeded maintenances' window) and at the end of the seeded incidents (their densest 90 days).
 */
import type { Database } from '../src/persistence/open-database';
import { PrismaMaintenanceReader } from '../src/persistence/prisma-maintenance-reader';
import { PrismaStatusReader } from '../src/persistence/prisma-status-reader';
import { lastDays } from '../src/status/calendar-days';
import { loadUptime } from '../src/status/load-uptime';
import { UPTIME_DAYS } from '../src/status/uptime-history';
import { PublicSite } from '../src/web/public-site';
import { uptimeSection } from '../src/web/views/uptime-html';
import { median } from './http-load';

export interface UptimeWindowFigures {
  /** The clock the page was rendered at. */
  at: string;
  /** Public incidents and maintenances started in its 90 days. */
  incidents: number;
  maintenances: number;
  /** `loadUptime`: the reads and the computation, median (ms). */
  loadMs: number;
  /** Each of its reads alone, median (ms): where the time goes. */
  readsMs: Record<string, number>;
  /** `uptimeSection` on the loaded data, median (ms). */
  barsMs: number;
  /** The whole `/` on a cache miss (every read, the bars included), median and max (ms). */
  pageMs: number;
  pageMaxMs: number;
  pageBytes: number;
}

export interface UptimeFigures {
  components: number;
  days: number;
  runs: number;
  windows: UptimeWindowFigures[];
}

const WARMUPS = 2;
const RUNS = 9;
const TIME_ZONE = 'UTC';

async function timeAsync(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUPS; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

export async function uptimePhase(db: Database, clocks: Date[]): Promise<UptimeFigures> {
  const reader = new PrismaStatusReader(db.prisma);
  const maintenances = new PrismaMaintenanceReader(db.prisma);
  const components = await reader.listComponents();
  const windows: UptimeWindowFigures[] = [];
  for (const at of clocks) {
    const since = new Date(at.getTime() - UPTIME_DAYS * 24 * 3_600_000);
    const [incidents, maintenanceCount] = await Promise.all([
      db.prisma.incident.count({ where: { visibility: 'public', startedAt: { gte: since, lte: at } } }),
      db.prisma.maintenance.count({ where: { visibility: 'public', startedAt: { gte: since, lte: at } } }),
    ]);
    const load = () => loadUptime(reader, maintenances, components, at, TIME_ZONE);
    const loadTimes = await timeAsync(load);
    const windowStart = lastDays(at, TIME_ZONE, UPTIME_DAYS)[0]?.start ?? at.getTime();
    const from = new Date(windowStart);
    const recent = components.filter((c) => c.createdAt > from).map((c) => c.id);
    const reads: Record<string, () => Promise<unknown>> = {
      incidentTimelinesSince: () => reader.incidentTimelinesSince(from),
      componentsAffectedBefore: () => reader.componentsAffectedBefore(recent, from),
      windowsSince: () => maintenances.windowsSince(from),
    };
    const readsMs: Record<string, number> = {};
    for (const [name, read] of Object.entries(reads)) readsMs[name] = median(await timeAsync(read));
    const uptime = await load();
    const barsTimes = await timeAsync(async () => uptimeSection(components, uptime));
    // A new site each time: nothing is kept between renders, as on a cache miss.
    const render = () =>
      new PublicSite({
        reader,
        maintenances,
        orgName: 'Vero',
        timeZone: TIME_ZONE,
        publicBaseUrl: 'http://127.0.0.1',
        clock: { now: () => at },
      }).render({ page: 'home' });
    const pageTimes = await timeAsync(render);
    const page = await render();
    windows.push({
      at: at.toISOString(),
      incidents,
      maintenances: maintenanceCount,
      loadMs: median(loadTimes),
      readsMs,
      barsMs: median(barsTimes),
      pageMs: median(pageTimes),
      pageMaxMs: Math.max(...pageTimes),
      pageBytes: Buffer.byteLength(page.body),
    });
  }
  return { components: components.length, days: UPTIME_DAYS, runs: RUNS, windows };
}

/**
 * The report's row: passes when the bars (reads, computation and HTML) take < 100 ms now, on the bench's
 * data; the second clock (about 27 incidents a day for 90 days) is a stress figure, shown without a verdict.
 */
export const uptimeRow = {
  what: '`/` uptime bars, 500 components × 90 days, uncached (SPEC §16)',
  target: 'render < 100 ms',
  cell(figures: UptimeFigures | undefined): { text: string; pass: boolean | null } | undefined {
    if (!figures) return undefined;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const parts = figures.windows.map(
      (w, i) =>
        `${i === 0 ? '' : 'stress, '}at ${w.at.slice(0, 10)} (${w.incidents} incidents, ${w.maintenances} maintenances in the window): bars ${ms(w.loadMs + w.barsMs)} (reads + computation ${ms(w.loadMs)}, HTML ${ms(w.barsMs)}); whole \`/\` ${ms(w.pageMs)} (max ${ms(w.pageMaxMs)}, ${Math.round(w.pageBytes / 1024)} KB)`,
    );
    return {
      text: `${figures.components} components, medians of ${figures.runs}; ${parts.join('; ')}`,
      pass: figures.windows[0] ? figures.windows[0].loadMs + figures.windows[0].barsMs < 100 : null,
    };
  },
};
