import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { showMaintenanceRoot } from './maintenance-announcement';

/** The maintenance's root message in one stakeholder channel. */
export const maintenanceRoot = (ctx: OutboxSlackContext): EffectHandler<'maintenance.root'> => ({
  does: 'announce the maintenance',
  async perform(effect) {
    const record = await ctx.maintenances.loadRecord(effect.maintenanceId);
    if (record) await showMaintenanceRoot(ctx, record, effect.channelId);
  },
});
