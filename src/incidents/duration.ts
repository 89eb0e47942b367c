import type { Incident } from './model';

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * SPEC §2: floored to the minute, from the largest non-zero unit down to minutes
 * (`1d 0h 5m`, `2h 0m`, `52m`); anything under a minute is `<1m`.
 */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(ms / MINUTE_MS);
  if (!Number.isFinite(totalMinutes) || totalMinutes < 1) return '<1m';
  const days = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const hours = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const minutes = totalMinutes % MINUTES_PER_HOUR;
  if (days > 0) return `${days}d ${hours}h ${minutes}m`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m`;
}

/** Started → resolved, or → now while open; never negative. */
export function incidentDuration(incident: Pick<Incident, 'startedAt' | 'resolvedAt'>, now: Date): number {
  const end = incident.resolvedAt ?? now;
  return Math.max(0, end.getTime() - incident.startedAt.getTime());
}
