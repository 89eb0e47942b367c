import { formatDuration, incidentDuration } from '../../src/incidents/duration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it('floors 09:10:45 → 13:57:12 to 4h 46m', () => {
    const ms = Date.parse('2022-09-01T13:57:12Z') - Date.parse('2022-09-01T09:10:45Z');
    expect(formatDuration(ms)).toBe('4h 46m');
  });

  it.each([
    [2 * HOUR, '2h 0m'],
    [DAY + 5 * MINUTE, '1d 0h 5m'],
    [52 * MINUTE + 59_999, '52m'],
    [MINUTE, '1m'],
    [3 * DAY + 23 * HOUR + 59 * MINUTE, '3d 23h 59m'],
    [HOUR - 1, '59m'],
  ])('shows %i ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([0, 59_999, -5 * MINUTE, Number.NaN])('shows %p ms as <1m', (ms) => {
    expect(formatDuration(ms)).toBe('<1m');
  });
});

describe('incidentDuration', () => {
  const startedAt = new Date('2022-09-01T09:10:45Z');
  const now = new Date('2022-09-02T00:00:00Z');

  it('runs from start to resolution', () => {
    const resolvedAt = new Date('2022-09-01T13:57:12Z');
    expect(incidentDuration({ startedAt, resolvedAt }, now)).toBe(resolvedAt.getTime() - startedAt.getTime());
  });

  it('runs to now while open', () => {
    expect(incidentDuration({ startedAt, resolvedAt: null }, now)).toBe(now.getTime() - startedAt.getTime());
  });

  it('is never negative', () => {
    expect(incidentDuration({ startedAt, resolvedAt: null }, new Date('2022-09-01T00:00:00Z'))).toBe(0);
  });
});
