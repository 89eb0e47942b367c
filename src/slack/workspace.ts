import type { Config } from '../config';
import { silentLogger } from '../logger';
import { createOutboxClient } from './create-slack-app';

/** The workspace the bot token belongs to (`auth.test`), or null when Slack cannot say. Posts nothing. */
export async function slackWorkspaceId(slack: NonNullable<Config['slack']>): Promise<string | null> {
  try {
    const answer = await createOutboxClient(slack, silentLogger).auth.test();
    return answer.team_id ?? null;
  } catch {
    return null;
  }
}
