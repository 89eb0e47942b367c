import { formatDuration } from '../incidents/duration';
import type { Incident } from '../incidents/model';
import { formatLongDate } from '../incidents/time';
import { type Impact, impactLabels, impacts } from '../incidents/vocabulary';

export interface DurationStats {
  /** How many incidents the figures are taken over. */
  count: number;
  medianMs: number;
  /** Nearest-rank 90th percentile. */
  p90Ms: number;
  meanMs: number;
}

export interface ResolutionStats {
  total: number;
  byImpact: Record<Impact, number>;
  /** Started → resolved, over resolved incidents; null when none is resolved. */
  timeToResolve: DurationStats | null;
  /** Started → detected, over incidents with a detected time; null when none has one. */
  timeToDetect: DurationStats | null;
}

type StatsInput = Pick<Incident, 'impact' | 'startedAt' | 'resolvedAt' | 'detectedAt'>;

export function resolutionStats(records: readonly StatsInput[]): ResolutionStats {
  const byImpact = Object.fromEntries(impacts.map((impact) => [impact, 0])) as Record<Impact, number>;
  const toResolve: number[] = [];
  const toDetect: number[] = [];
  for (const record of records) {
    byImpact[record.impact] += 1;
    const started = record.startedAt.getTime();
    if (record.resolvedAt) toResolve.push(Math.max(0, record.resolvedAt.getTime() - started));
    if (record.detectedAt) toDetect.push(Math.max(0, record.detectedAt.getTime() - started));
  }
  return {
    total: records.length,
    byImpact,
    timeToResolve: durationStats(toResolve),
    timeToDetect: durationStats(toDetect),
  };
}

function durationStats(values: number[]): DurationStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (index: number) => sorted[Math.min(sorted.length - 1, Math.max(0, index))] ?? 0;
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return {
    count: sorted.length,
    medianMs,
    p90Ms: at(Math.ceil(0.9 * sorted.length) - 1),
    meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

export interface BulkRange {
  since: Date;
  until: Date;
  /** Zone of the range's dates; UTC by default. */
  timeZone?: string;
}

/** The header of a bulk Markdown export: counts by impact, then time to resolve and to detect. */
export function renderBulkMarkdownHeader(
  stats: ResolutionStats,
  { since, until, timeZone = 'UTC' }: BulkRange,
): string {
  const lines = [
    `# Incidents from ${formatLongDate(since, timeZone)} to ${formatLongDate(until, timeZone)}`,
    '',
    '| Impact | Incidents |',
    '| --- | ---: |',
    ...impacts.map((impact) => `| ${impactLabels[impact]} | ${stats.byImpact[impact]} |`),
    `| **Total** | **${stats.total}** |`,
    '',
    '| | Median | p90 | Mean | Incidents |',
    '| --- | ---: | ---: | ---: | ---: |',
    durationRow('Time to resolve', stats.timeToResolve),
    durationRow('Time to detect', stats.timeToDetect),
  ];
  return `${lines.join('\n')}\n`;
}

function durationRow(name: string, stats: DurationStats | null): string {
  if (!stats) return `| ${name} | — | — | — | 0 |`;
  const cells = [stats.medianMs, stats.p90Ms, stats.meanMs].map(formatDuration);
  return `| ${name} | ${cells.join(' | ')} | ${stats.count} |`;
}
