import { lastDays } from './calendar-days';
import type { PublicComponent } from './model';
import type { StatusReader } from './status-reader';
import { incidentSpans, UPTIME_DAYS, type UptimeHistory, uptimeHistory } from './uptime-history';

/**
 * The uptime bars' data, read through the public read model (so only public incidents count). Only a
 * component first synced inside the window needs to know whether its history began earlier: one grouped
 * query answers that for all of them.
 */
export async function loadUptime(
  reader: Pick<StatusReader, 'incidentTimelinesSince' | 'componentsAffectedBefore'>,
  components: readonly PublicComponent[],
  now: Date,
  timeZone: string,
): Promise<UptimeHistory> {
  const days = lastDays(now, timeZone, UPTIME_DAYS);
  const since = new Date(days[0]?.start ?? now.getTime());
  const recent = components.filter((c) => c.createdAt > since).map((c) => c.id);
  const [timelines, earlier] = await Promise.all([
    reader.incidentTimelinesSince(since),
    reader.componentsAffectedBefore(recent, since),
  ]);
  const beganEarlier = new Set(earlier);
  return uptimeHistory({
    components: components.map((c) => ({
      id: c.id,
      createdAt: c.createdAt,
      // Any time before the window reads the same: every day of it is observed.
      firstActivityAt: beganEarlier.has(c.id) ? since : null,
    })),
    spans: timelines.flatMap((timeline) => incidentSpans(timeline, now)),
    days,
    now,
  });
}
