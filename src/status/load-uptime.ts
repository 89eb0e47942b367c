import { maintenanceRef } from '../maintenance/reference';
import { lastDays } from './calendar-days';
import type { PublicComponent } from './model';
import type { MaintenanceStatusReader } from './public-maintenance';
import type { StatusReader } from './status-reader';
import {
  incidentSpans,
  maintenanceSpans,
  UPTIME_DAYS,
  type UptimeHistory,
  uptimeHistory,
} from './uptime-history';

/**
 * The uptime bars' data, read through the public read models (so only public incidents and maintenances
 * count; a maintenance colours its days under maintenance and is never downtime). Only a
 * component first synced inside the window needs to know whether its history began earlier: one grouped
 * query answers that for all of them.
 */
export async function loadUptime(
  reader: Pick<StatusReader, 'incidentTimelinesSince' | 'componentsAffectedBefore'>,
  maintenances: Pick<MaintenanceStatusReader, 'windowsSince'>,
  components: readonly PublicComponent[],
  now: Date,
  timeZone: string,
): Promise<UptimeHistory> {
  const days = lastDays(now, timeZone, UPTIME_DAYS);
  const since = new Date(days[0]?.start ?? now.getTime());
  const recent = components.filter((c) => c.createdAt > since).map((c) => c.id);
  const [timelines, earlier, windows] = await Promise.all([
    reader.incidentTimelinesSince(since),
    reader.componentsAffectedBefore(recent, since),
    maintenances.windowsSince(since),
  ]);
  const beganEarlier = new Set(earlier);
  const maintained = windows.flatMap((window) => {
    const ref = maintenanceRef(window);
    return maintenanceSpans(
      {
        event: { ref, title: window.title, path: `/maintenances/${ref}` },
        componentIds: window.componentIds,
        from: window.startedAt,
        to: window.endedAt,
      },
      now,
    );
  });
  return uptimeHistory({
    components: components.map((c) => ({
      id: c.id,
      createdAt: c.createdAt,
      // Any time before the window reads the same: every day of it is observed.
      firstActivityAt: beganEarlier.has(c.id) ? since : null,
    })),
    spans: [...timelines.flatMap((timeline) => incidentSpans(timeline, now)), ...maintained],
    days,
    now,
  });
}
