import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { showRoot } from './announcement';

/** The root message edited to the incident's current state (posted if it is missing). */
export const announceRefresh = (ctx: OutboxSlackContext): EffectHandler<'announce.refresh'> => ({
  does: 'refresh the announcement',
  async perform(effect, job) {
    const record = await ctx.incidents.loadRecord(effect.incidentId);
    if (record) await showRoot(ctx, job, record, effect.channelId);
  },
});
