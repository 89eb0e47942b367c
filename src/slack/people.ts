import type { WebClient } from '@slack/web-api';
import type { SlackContext } from './slack-context';

/** Learns display names of the people involved, for exports; best effort, never in the way. */
export async function rememberPeople(ctx: SlackContext, client: WebClient, userIds: string[]): Promise<void> {
  try {
    const known = await ctx.people.names(userIds);
    const missing = [...new Set(userIds)].filter((id) => !known.has(id));
    for (const id of missing) {
      const result = await client.users.info({ user: id });
      const profile = result.user?.profile;
      const name = profile?.display_name || profile?.real_name || result.user?.real_name || result.user?.name;
      if (name) await ctx.people.rememberPeople([{ id, name }]);
    }
  } catch (error) {
    ctx.log.debug('slack: could not learn names', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
