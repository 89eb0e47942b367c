import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export { dayjs };

export const DEFAULT_TIME_ZONE = 'UTC';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad2 = (value: number) => String(value).padStart(2, '0');

/*
 * Both formats below are dayjs's (`MMM DD, YYYY, hh:mm A` and `MMMM D, YYYY`), written out by hand:
 * dayjs's `.tz()` builds a new Intl formatter on every call (~100 µs) and its `format` costs a few µs
 * more, too slow for exports of thousands of updates. The tests pin the output to dayjs's.
 */

/** `Sep 01, 2022, 09:10 AM UTC`: the display format of SPEC §2, in the given zone. */
export function formatDisplayTime(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const offset = zoneOffsetMinutes(date, timeZone);
  const wall = wallClock(date, offset);
  const hours = wall.getUTCHours();
  const month = (monthNames[wall.getUTCMonth()] ?? '').slice(0, 3);
  const time = `${pad2(hours % 12 || 12)}:${pad2(wall.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${month} ${pad2(wall.getUTCDate())}, ${wall.getUTCFullYear()}, ${time} ${zoneAbbreviation(date, timeZone, offset)}`;
}

/** `September 1, 2022`, the date of the summary sentence. */
export function formatLongDate(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const wall = wallClock(date, zoneOffsetMinutes(date, timeZone));
  return `${monthNames[wall.getUTCMonth()]} ${wall.getUTCDate()}, ${wall.getUTCFullYear()}`;
}

/** A Date whose UTC fields read as the wall-clock time in the zone. */
function wallClock(date: Date, offsetMinutes: number): Date {
  return new Date(date.getTime() + offsetMinutes * 60_000);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 50_000;
// Zones change offset on quarter hours (UTC), so one lookup serves the whole quarter hour.
const QUARTER_HOUR_MS = 15 * 60_000;

/** Minutes the zone's wall clock is ahead of UTC at that instant. */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const key = `${timeZone}|${Math.floor(date.getTime() / QUARTER_HOUR_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset = computeOffsetMinutes(date, timeZone);
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

function computeOffsetMinutes(date: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const field: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter.formatToParts(date)) field[part.type] = Number(part.value);
  const wall = Date.UTC(
    field.year ?? 1970,
    (field.month ?? 1) - 1,
    field.day ?? 1,
    (field.hour ?? 0) % 24,
    field.minute ?? 0,
    field.second ?? 0,
  );
  const instant = date.getTime() - (((date.getTime() % 1000) + 1000) % 1000);
  return Math.round((wall - instant) / 60_000);
}

/** ISO 8601 in UTC with seconds and no milliseconds: `2022-09-01T09:10:45Z`. */
export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/*
 * dayjs's `z` (advancedFormat) asks Intl for en-US names only, which gives `EDT` but `GMT+1` for
 * London and `GMT+2` for Paris. CLDR knows an abbreviation for those only in the locale where it
 * is used, so ask those locales in turn and keep the first real abbreviation; `GMT+9` otherwise.
 */
const abbreviationLocales = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-SG', 'en-ZA'];
const abbreviationPattern = /^[A-Za-z]{2,6}$/;
const abbreviationCache = new Map<string, string>();
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = zoneNameFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneNameFormatters.set(key, formatter);
  }
  return formatter;
}

function zoneName(date: Date, locale: string, timeZone: string): string {
  const parts = zoneNameFormatter(locale, timeZone).formatToParts(date);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

function zoneAbbreviation(date: Date, timeZone: string, offsetMinutes: number): string {
  if (timeZone === 'UTC') return 'UTC';
  const key = `${timeZone}|${offsetMinutes}`;
  const cached = abbreviationCache.get(key);
  if (cached !== undefined) return cached;
  let abbreviation: string | undefined;
  for (const locale of abbreviationLocales) {
    const name = zoneName(date, locale, timeZone);
    if (abbreviationPattern.test(name)) {
      abbreviation = name;
      break;
    }
  }
  const result = abbreviation ?? zoneName(date, 'en-US', timeZone);
  abbreviationCache.set(key, result);
  return result;
}
