import type { EffectHandler } from '../../outbox/outbox-worker';
import type { OutboxSlackContext } from '../slack-context';
import { showRoot } from './announcement';

/** The incident's root message in one stakeholder channel. */
export const announceRoot = (ctx: OutboxSlackContext): EffectHandler<'announce.root'> => ({
  does: 'announce the incident',
  async perform(effect, job) {
    const record = await ctx.incidents.loadRecord(effect.incidentId);
    if (record) await showRoot(ctx, job, record, effect.channelId);
  },
});
