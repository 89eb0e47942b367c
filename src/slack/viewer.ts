import type { WebClient } from '@slack/web-api';
import type { Viewer } from '../incidents/access';

/** How long a channel's member list is trusted: joining or leaving shows within this time. */
const MEMBERS_TTL_MS = 30_000;

/** Members of private incident channels, read with `conversations.members` and kept briefly. */
export class ChannelMembership {
  private readonly cache = new Map<string, { at: number; members: Promise<Set<string>> }>();

  constructor(private readonly now: () => number = Date.now) {}

  isMember(client: WebClient, channelId: string, userId: string): Promise<boolean> {
    return this.members(client, channelId).then((members) => members.has(userId));
  }

  private members(client: WebClient, channelId: string): Promise<Set<string>> {
    const cached = this.cache.get(channelId);
    if (cached && this.now() - cached.at < MEMBERS_TTL_MS) return cached.members;
    const members = readMembers(client, channelId);
    this.cache.set(channelId, { at: this.now(), members });
    // A failed read is not remembered: the next question asks Slack again.
    members.catch(() => this.cache.delete(channelId));
    return members;
  }
}

async function readMembers(client: WebClient, channelId: string): Promise<Set<string>> {
  const members = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: 1000, cursor });
    for (const id of page.members ?? []) members.add(id);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

/** The person behind a Slack request, for the visibility rules. */
export function slackViewer(
  ctx: { membership: ChannelMembership; config: { managerUserIds: string[] } },
  client: WebClient,
  userId: string,
): Viewer {
  return {
    userId,
    isManager: ctx.config.managerUserIds.includes(userId),
    // A channel Sitrep cannot read (archived, the bot removed) admits nobody but the managers.
    isMember: (channelId) => ctx.membership.isMember(client, channelId, userId).catch(() => false),
  };
}
