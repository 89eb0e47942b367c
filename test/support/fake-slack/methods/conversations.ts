import { CHANNEL_NAME } from '../limits';
import { channelJson, messageJson } from '../render';
import { SlackApiError } from '../types';
import { bool, compareTs, int, list, required, str } from '../wire';
import type { ChannelState, MessageState, Method } from '../workspace';

function notForDms(channel: ChannelState): void {
  if (channel.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
}

/** Slack's cursors are opaque; here one is the offset of the next page. */
function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next: string } {
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace('next:', '')) : 0;
  const end = start + limit;
  const next = end < items.length ? Buffer.from(`next:${end}`).toString('base64') : '';
  return { items: items.slice(start, end), next };
}

export const conversationMethods: Record<string, Method> = {
  'conversations.create': (ws, p) => {
    const name = str(p, 'name') ?? '';
    if (name === '') throw new SlackApiError('invalid_name_required');
    if (name.length > 80) throw new SlackApiError('invalid_name_maxlength');
    if (!CHANNEL_NAME.test(name)) throw new SlackApiError('invalid_name_specials');
    if (ws.findChannel(name)) throw new SlackApiError('name_taken');
    const id = ws.addChannel({ name, isPrivate: bool(p, 'is_private') === true });
    return { channel: channelJson(ws, ws.channels.get(id) as ChannelState) };
  },

  'conversations.setTopic': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: true });
    const topic = str(p, 'topic') ?? '';
    if (topic.length > 250) throw new SlackApiError('too_long');
    channel.topic = topic;
    return { channel: channelJson(ws, channel) };
  },

  'conversations.setPurpose': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: true });
    channel.purpose = str(p, 'purpose') ?? '';
    return { channel: channelJson(ws, channel), purpose: channel.purpose };
  },

  'conversations.invite': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: true });
    notForDms(channel);
    const users = list(p, 'users');
    if (users.length === 0) throw new SlackApiError('no_user');
    if (users.includes(ws.botUserId)) throw new SlackApiError('cant_invite_self');
    const fresh = users.filter((u) => !channel.members.has(u));
    if (fresh.length === 0) throw new SlackApiError('already_in_channel');
    for (const user of fresh) channel.members.add(user);
    return { channel: channelJson(ws, channel) };
  },

  'conversations.join': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    notForDms(channel);
    if (channel.archived) throw new SlackApiError('is_archived');
    // A bot cannot join a private channel on its own: it has to be invited.
    if (channel.isPrivate && !channel.members.has(ws.botUserId))
      throw new SlackApiError('method_not_supported_for_channel_type');
    const already = channel.members.has(ws.botUserId);
    channel.members.add(ws.botUserId);
    const warning = already ? { warning: 'already_in_channel' } : {};
    return { channel: channelJson(ws, channel), ...warning };
  },

  'conversations.info': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    return { channel: channelJson(ws, channel) };
  },

  'conversations.members': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    ws.assertMember(channel);
    const limit = Math.max(1, Math.min(int(p, 'limit') ?? 100, 1000));
    const { items, next } = page([...channel.members], str(p, 'cursor'), limit);
    return { members: items, response_metadata: { next_cursor: next } };
  },

  'conversations.list': (ws, p) => {
    const excludeArchived = bool(p, 'exclude_archived') === true;
    const channels = [...ws.channels.values()]
      .filter((c) => !c.isIm && !(excludeArchived && c.archived))
      .map((c) => channelJson(ws, c));
    return { channels, response_metadata: { next_cursor: '' } };
  },

  'conversations.archive': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    notForDms(channel);
    if (channel.archived) throw new SlackApiError('already_archived');
    ws.assertMember(channel);
    channel.archived = true;
    return {};
  },

  'conversations.history': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    ws.assertMember(channel);
    const latest = str(p, 'latest');
    const oldest = str(p, 'oldest');
    const inclusive = bool(p, 'inclusive') === true;
    const limit = Math.max(1, Math.min(int(p, 'limit') ?? 100, 999));
    const inRange = (m: MessageState) =>
      (latest === undefined || (inclusive ? compareTs(m.ts, latest) <= 0 : compareTs(m.ts, latest) < 0)) &&
      (oldest === undefined || (inclusive ? compareTs(m.ts, oldest) >= 0 : compareTs(m.ts, oldest) > 0));
    const matching = (ws.messages.get(channel.id) ?? [])
      .filter((m) => (m.thread_ts === undefined || m.reply_broadcast) && inRange(m))
      .reverse();
    const withMetadata = bool(p, 'include_all_metadata') === true;
    return {
      messages: matching.slice(0, limit).map((m) => messageJson(ws, m, withMetadata)),
      has_more: matching.length > limit,
      pin_count: channel.pins.length,
      response_metadata: { next_cursor: '' },
    };
  },

  'conversations.replies': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    ws.assertMember(channel);
    const ts = required(p, 'ts', 'thread_not_found');
    const parent = ws.findMessage(channel.id, ts);
    if (!parent) throw new SlackApiError('thread_not_found');
    const root = parent.thread_ts ?? parent.ts;
    const all = (ws.messages.get(channel.id) ?? []).filter((m) => m.ts === root || m.thread_ts === root);
    const withMetadata = bool(p, 'include_all_metadata') === true;
    return { messages: all.map((m) => messageJson(ws, m, withMetadata)), has_more: false };
  },

  'conversations.open': (ws, p) => {
    const channelParam = str(p, 'channel');
    if (channelParam) {
      const existing = ws.findChannel(channelParam);
      if (!existing) throw new SlackApiError('channel_not_found');
      return { channel: channelJson(ws, existing) };
    }
    const users = list(p, 'users');
    if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (users.length > 1) throw new SlackApiError('not_supported', { detail: 'group DMs are not faked' });
    const already = ws.dms.has(users[0] as string);
    const dm = ws.openDm(users[0] as string);
    return {
      channel: { id: dm.id, ...(bool(p, 'return_im') ? channelJson(ws, dm) : {}) },
      already_open: already,
    };
  },
};
