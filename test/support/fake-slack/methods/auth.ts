import type { Method } from '../workspace';

export const authMethods: Record<string, Method> = {
  'api.test': (_ws, p) => ({ args: p }),

  'auth.test': (ws) => ({
    url: `https://${ws.config.teamDomain}.slack.com/`,
    team: 'Sitrep Test',
    user: 'sitrep',
    team_id: ws.config.teamId,
    user_id: ws.botUserId,
    bot_id: ws.config.botId,
    is_enterprise_install: false,
  }),
};
