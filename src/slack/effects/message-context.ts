import type { SlackContext } from '../slack-context';
import type { MessageContext } from '../views/incident-messages';

export function messageContext(ctx: SlackContext): MessageContext {
  return {
    orgName: ctx.config.orgName,
    timeZone: ctx.config.displayTimeZone,
    publicBaseUrl: ctx.config.publicBaseUrl,
    now: ctx.clock.now(),
  };
}
