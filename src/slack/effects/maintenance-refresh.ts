import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { showMaintenanceRoot } from './maintenance-announcement';

/** The root message edited to the maintenance's current state (stage, buttons). */
export const maintenanceRefresh = (ctx: OutboxSlackContext): EffectHandler<'maintenance.refresh'> => ({
  does: 'update the maintenance announcement',
  async perform(effect) {
    const record = await ctx.maintenances.loadRecord(effect.maintenanceId);
    if (record) await showMaintenanceRoot(ctx, record, effect.channelId);
  },
});
