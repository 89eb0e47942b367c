import type { Clock, Housekeeping } from './ports';
import type { Impact } from './vocabulary';

export interface HousekeepingSettings {
  updateReminderMinutes: Partial<Record<Impact, number>>;
  archiveChannelsAfterDays: number;
}

/** One pass of the periodic work: nudge leads of quiet incidents, archive old incident channels. */
export async function runHousekeeping(
  deps: { housekeeping: Housekeeping; clock: Clock; settings: HousekeepingSettings },
  now: Date = deps.clock.now(),
): Promise<{ reminders: number; archives: number }> {
  const reminders = await deps.housekeeping.claimReminders(now, deps.settings.updateReminderMinutes);
  const archives = await deps.housekeeping.claimArchives(now, deps.settings.archiveChannelsAfterDays);
  await deps.housekeeping.forgetProcessedRequests(now);
  return { reminders, archives };
}
