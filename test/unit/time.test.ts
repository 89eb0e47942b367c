import {
  dayjs,
  formatDisplayTime,
  formatLongDate,
  isValidTimeZone,
  toIsoSeconds,
} from '../../src/incidents/time';

const started = new Date('2022-09-01T09:10:45Z');
const resolved = new Date('2022-09-01T13:57:12Z');
const winter = new Date('2022-01-15T18:05:00Z');

describe('formatDisplayTime', () => {
  it('shows Sep 01, 2022, 09:10 AM UTC by default', () => {
    expect(formatDisplayTime(started)).toBe('Sep 01, 2022, 09:10 AM UTC');
  });

  it('uses a 12-hour clock with PM', () => {
    expect(formatDisplayTime(resolved, 'UTC')).toBe('Sep 01, 2022, 01:57 PM UTC');
  });

  it('shows EDT for New York in summer and EST in winter', () => {
    expect(formatDisplayTime(started, 'America/New_York')).toBe('Sep 01, 2022, 05:10 AM EDT');
    expect(formatDisplayTime(winter, 'America/New_York')).toBe('Jan 15, 2022, 01:05 PM EST');
  });

  it('shows BST and GMT for London, CEST for Paris, not a GMT offset', () => {
    expect(formatDisplayTime(started, 'Europe/London')).toBe('Sep 01, 2022, 10:10 AM BST');
    expect(formatDisplayTime(winter, 'Europe/London')).toBe('Jan 15, 2022, 06:05 PM GMT');
    expect(formatDisplayTime(started, 'Europe/Paris')).toBe('Sep 01, 2022, 11:10 AM CEST');
  });

  it('shows IST for Kolkata and AEST for Sydney', () => {
    expect(formatDisplayTime(started, 'Asia/Kolkata')).toBe('Sep 01, 2022, 02:40 PM IST');
    expect(formatDisplayTime(started, 'Australia/Sydney')).toBe('Sep 01, 2022, 07:10 PM AEST');
  });

  it('falls back to the GMT offset where no abbreviation exists', () => {
    expect(formatDisplayTime(started, 'America/Sao_Paulo')).toBe('Sep 01, 2022, 06:10 AM GMT-3');
  });

  it('moves the date across midnight in the zone', () => {
    expect(formatDisplayTime(new Date('2022-09-01T23:19:00Z'), 'Asia/Tokyo')).toMatch(
      /^Sep 02, 2022, 08:19 AM /,
    );
  });
});

describe('formatLongDate', () => {
  it('writes September 1, 2022', () => {
    expect(formatLongDate(started, 'UTC')).toBe('September 1, 2022');
  });

  it('takes the date in the given zone', () => {
    expect(formatLongDate(new Date('2022-09-01T02:00:00Z'), 'America/Los_Angeles')).toBe('August 31, 2022');
  });
});

describe('toIsoSeconds', () => {
  it('writes UTC with seconds and no milliseconds', () => {
    expect(toIsoSeconds(new Date('2022-09-01T09:10:45.678Z'))).toBe('2022-09-01T09:10:45Z');
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['', 'Mars/Olympus_Mons', 'EDT+99', 'not a zone'])('rejects %p', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe('formatDisplayTime and formatLongDate against dayjs', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'Europe/London',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
  ];
  // Every 7h 13m over two years crosses each DST change of these zones at a different time of day.
  const instants = Array.from(
    { length: 2500 },
    (_, i) => new Date(Date.UTC(2021, 0, 1) + i * (7 * 60 + 13) * 60_000),
  );

  it.each(zones)('matches dayjs MMM DD, YYYY, hh:mm A and MMMM D, YYYY in %s', (zone) => {
    for (const instant of instants) {
      const local = dayjs(instant).tz(zone);
      expect(formatDisplayTime(instant, zone).startsWith(`${local.format('MMM DD, YYYY, hh:mm A')} `)).toBe(
        true,
      );
      expect(formatLongDate(instant, zone)).toBe(local.format('MMMM D, YYYY'));
    }
  });

  it('switches abbreviation at the DST change', () => {
    expect(formatDisplayTime(new Date('2022-03-13T06:59:00Z'), 'America/New_York')).toBe(
      'Mar 13, 2022, 01:59 AM EST',
    );
    expect(formatDisplayTime(new Date('2022-03-13T07:00:00Z'), 'America/New_York')).toBe(
      'Mar 13, 2022, 03:00 AM EDT',
    );
  });
});
