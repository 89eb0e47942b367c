import type { FakeBookmark } from '../types';
import { SlackApiError } from '../types';
import { required, str } from '../wire';
import type { Method } from '../workspace';

export const pinReactionBookmarkMethods: Record<string, Method> = {
  'pins.add': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: true });
    const ts = required(p, 'timestamp', 'no_item_specified');
    if (!ws.findMessage(channel.id, ts)) throw new SlackApiError('message_not_found');
    if (channel.pins.includes(ts)) throw new SlackApiError('already_pinned');
    channel.pins.push(ts);
    return {};
  },

  'bookmarks.add': (ws, p) => {
    const channel = ws.target(str(p, 'channel_id'), { post: true });
    const title = required(p, 'title', 'invalid_arguments');
    const type = str(p, 'type') ?? 'link';
    const link = str(p, 'link');
    if (type === 'link' && !link) throw new SlackApiError('invalid_link');
    const bookmark: FakeBookmark = { id: ws.ids.id('Bk'), title, type, link, emoji: str(p, 'emoji') };
    channel.bookmarks.push(bookmark);
    return { bookmark: { ...bookmark, channel_id: channel.id } };
  },

  'reactions.add': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: true });
    const ts = required(p, 'timestamp', 'no_item_specified');
    const name = required(p, 'name', 'invalid_name');
    const message = ws.findMessage(channel.id, ts);
    if (!message) throw new SlackApiError('message_not_found');
    const reaction = message.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(ws.botUserId)) throw new SlackApiError('already_reacted');
    if (reaction) reaction.users.push(ws.botUserId);
    else message.reactions.push({ name, users: [ws.botUserId] });
    return {};
  },
};
