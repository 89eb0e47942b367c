import { zoneOffsetMinutes } from '../incidents/time';

/** One calendar day of a time zone, as the instants it spans: [start, end). */
export interface CalendarDay {
  /** `2022-09-01`, the date in the zone. */
  date: string;
  /** `Sep 01, 2022`, as SPEC §2 writes dates. */
  label: string;
  start: number;
  end: number;
}

const monthAbbreviations = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * The `count` days of the zone that end with the day holding `now`, oldest first. Days are not all 24
 * hours long: a daylight-saving change gives one of 23 or 25.
 */
export function lastDays(now: Date, timeZone: string, count: number): CalendarDay[] {
  const wall = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth();
  const today = wall.getUTCDate();
  const days: CalendarDay[] = [];
  let start = localMidnight(year, month, today - count + 1, timeZone);
  for (let offset = count - 1; offset >= 0; offset -= 1) {
    const end = localMidnight(year, month, today - offset + 1, timeZone);
    // Date.UTC carries day overflow into months and years: day 0 of March is the last of February.
    const date = new Date(Date.UTC(year, month, today - offset));
    days.push({
      date: date.toISOString().slice(0, 10),
      label: `${monthAbbreviations[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, '0')}, ${date.getUTCFullYear()}`,
      start,
      end,
    });
    start = end;
  }
  return days;
}

/** The instant the zone's clocks show 00:00 on that date (or the first instant after, if they skip it). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month, day);
  // The offset at UTC midnight may differ from the one at local midnight; a second look settles it.
  const guess = asUtc - zoneOffsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return asUtc - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
}
