import { runHousekeeping } from '../../../src/incidents/run-housekeeping';
import { FixedClock, MemoryHousekeeping } from '../../fakes/memory-ports';

const settings = { updateReminderMinutes: { critical: 15, major: 30 }, archiveChannelsAfterDays: 14 };

describe('runHousekeeping', () => {
  it('reminds, archives and forgets old request keys as of the clock, and says how many of each', async () => {
    const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
    const housekeeping = new MemoryHousekeeping({ reminders: 2, archives: 1, forgotten: 40 });
    expect(await runHousekeeping({ housekeeping, clock, settings })).toEqual({ reminders: 2, archives: 1 });
    expect(housekeeping.calls).toEqual([
      { method: 'claimReminders', now: clock.now(), arg: { critical: 15, major: 30 } },
      { method: 'claimArchives', now: clock.now(), arg: 14 },
      { method: 'forgetProcessedRequests', now: clock.now() },
    ]);
  });

  it('runs as of the time it is given', async () => {
    const housekeeping = new MemoryHousekeeping();
    const later = new Date('2026-03-05T00:00:00Z');
    await runHousekeeping({ housekeeping, clock: new FixedClock(new Date(0)), settings }, later);
    expect(housekeeping.calls.map((c) => c.now)).toEqual([later, later, later]);
  });
});
