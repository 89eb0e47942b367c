import { SlackApiError } from '../types';
import { str } from '../wire';
import type { Method } from '../workspace';

export const userMethods: Record<string, Method> = {
  'users.info': (ws, p) => {
    const found = ws.users.get(str(p, 'user') ?? '');
    if (!found) throw new SlackApiError('user_not_found');
    return {
      user: {
        id: found.id,
        team_id: ws.config.teamId,
        name: found.name,
        deleted: false,
        real_name: found.realName,
        tz: found.tz,
        is_bot: found.isBot,
        profile: {
          display_name: found.displayName,
          display_name_normalized: found.displayName,
          real_name: found.realName,
          real_name_normalized: found.realName,
          email: found.email,
        },
      },
    };
  },
};
