import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { visibleTo } from '../../incidents/access';
import { DECLARE_OPEN_ACTION } from '../ids';
import type { SlackContext } from '../slack-context';
import { slackViewer } from '../viewer';
import { incidentsHomeView } from '../views/home-view';
import { openDeclareModal } from './declare';

/** How many resolved incidents the App Home lists. */
export const HOME_RESOLVED_COUNT = 10;

const homeOpened = z.object({ user: z.string(), tab: z.string().optional() });

/** The App Home (SPEC §5.3): published afresh each time someone opens it. */
export function registerHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || parsed.data.tab !== 'home') return;
    const userId = parsed.data.user;
    try {
      const [open, recentlyResolved] = await Promise.all([
        ctx.incidents.listOpen(body.team_id),
        ctx.incidents.listRecentlyResolved(body.team_id, HOME_RESOLVED_COUNT),
      ]);
      const viewer = slackViewer(ctx, client, userId);
      const [visibleOpen, resolved] = await Promise.all([
        visibleTo(open.incidents, viewer),
        visibleTo(recentlyResolved, viewer),
      ]);
      await client.views.publish({
        user_id: userId,
        view: incidentsHomeView({
          open: visibleOpen,
          openTotal: open.total - (open.incidents.length - visibleOpen.length),
          resolved,
          timeZone: ctx.config.displayTimeZone,
          now: ctx.clock.now(),
        }),
      });
    } catch (error) {
      // Events are acknowledged before this runs: nobody waits for an answer, so log it with its context.
      ctx.log.error('slack: could not publish the App Home', {
        event: body.event_id,
        user: userId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });

  app.action<BlockButtonAction>(DECLARE_OPEN_ACTION, async ({ ack, body, client }) => {
    await ack();
    try {
      await openDeclareModal(ctx, client, {
        triggerId: body.trigger_id,
        userId: body.user.id,
        channelId: body.channel?.id ?? null,
        title: '',
      });
    } catch (error) {
      // The Home tab has no response URL to answer on; the person can click again.
      ctx.log.warn('slack: could not open the declare modal from the App Home', {
        user: body.user.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
}
