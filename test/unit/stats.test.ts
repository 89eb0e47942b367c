import { renderBulkMarkdownHeader, resolutionStats } from '../../src/export/stats';
import type { Impact } from '../../src/incidents/vocabulary';
import { utc } from '../support/fixtures';

const MINUTE = 60_000;
const start = utc('2022-09-01T00:00:00Z');

function incident(
  impact: Impact,
  resolvedAfterMinutes: number | null,
  detectedAfterMinutes: number | null = null,
) {
  const after = (minutes: number | null) =>
    minutes === null ? null : new Date(start.getTime() + minutes * MINUTE);
  return {
    impact,
    startedAt: start,
    resolvedAt: after(resolvedAfterMinutes),
    detectedAt: after(detectedAfterMinutes),
  };
}

describe('resolutionStats', () => {
  it('counts incidents by impact', () => {
    const stats = resolutionStats([incident('minor', 10), incident('minor', null), incident('critical', 5)]);
    expect(stats.total).toBe(3);
    expect(stats.byImpact).toEqual({ none: 0, minor: 2, major: 0, critical: 1 });
  });

  it('takes median, nearest-rank p90 and mean time to resolve over resolved incidents only', () => {
    const minutes = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const stats = resolutionStats([...minutes.map((m) => incident('major', m)), incident('major', null)]);
    expect(stats.timeToResolve).toEqual({
      count: 10,
      medianMs: 55 * MINUTE,
      p90Ms: 90 * MINUTE,
      meanMs: 55 * MINUTE,
    });
  });

  it('takes the middle value as the median of an odd count and the top value as p90 of few', () => {
    const stats = resolutionStats([incident('minor', 30), incident('minor', 10), incident('minor', 20)]);
    expect(stats.timeToResolve).toEqual({
      count: 3,
      medianMs: 20 * MINUTE,
      p90Ms: 30 * MINUTE,
      meanMs: 20 * MINUTE,
    });
  });

  it('takes time to detect where a detected time exists', () => {
    const stats = resolutionStats([
      incident('minor', 60, 5),
      incident('minor', 60),
      incident('minor', null, 15),
    ]);
    expect(stats.timeToDetect).toEqual({
      count: 2,
      medianMs: 10 * MINUTE,
      p90Ms: 15 * MINUTE,
      meanMs: 10 * MINUTE,
    });
  });

  it('gives null figures when nothing qualifies', () => {
    const stats = resolutionStats([incident('none', null)]);
    expect(stats.timeToResolve).toBeNull();
    expect(stats.timeToDetect).toBeNull();
    expect(resolutionStats([]).total).toBe(0);
  });
});

describe('renderBulkMarkdownHeader', () => {
  const range = { since: utc('2022-09-01T00:00:00Z'), until: utc('2022-10-01T00:00:00Z') };

  it('shows the range, counts by impact and the time to resolve and detect', () => {
    const stats = resolutionStats([
      incident('minor', 286, 0),
      incident('major', 52),
      incident('minor', null),
    ]);
    expect(renderBulkMarkdownHeader(stats, range)).toBe(
      [
        '# Incidents from September 1, 2022 to October 1, 2022',
        '',
        '| Impact | Incidents |',
        '| --- | ---: |',
        '| None | 0 |',
        '| Minor | 2 |',
        '| Major | 1 |',
        '| Critical | 0 |',
        '| **Total** | **3** |',
        '',
        '| | Median | p90 | Mean | Incidents |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| Time to resolve | 2h 49m | 4h 46m | 2h 49m | 2 |',
        '| Time to detect | <1m | <1m | <1m | 1 |',
        '',
      ].join('\n'),
    );
  });

  it('shows dashes where nothing qualifies', () => {
    const header = renderBulkMarkdownHeader(resolutionStats([]), range);
    expect(header).toContain('| Time to resolve | — | — | — | 0 |');
    expect(header).toContain('| Time to detect | — | — | — | 0 |');
  });
});
