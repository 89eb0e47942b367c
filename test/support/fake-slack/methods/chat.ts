import { checkMessageContent } from '../limits';
import { messageJson } from '../render';
import { SlackApiError } from '../types';
import { asBlocks, bool, required, str } from '../wire';
import type { Method } from '../workspace';

export const chatMethods: Record<string, Method> = {
  'chat.postMessage': (ws, p) => {
    const found = ws.target(str(p, 'channel'), { post: true, dmFromUser: true });
    checkMessageContent(p, true);
    const threadTs = found.id === '' ? undefined : ws.threadRoot(found.id, str(p, 'thread_ts'));
    if (found.id === '' && str(p, 'thread_ts')) throw new SlackApiError('thread_not_found');
    const channel = ws.materialize(found);
    const message = ws.newMessage({
      channel: channel.id,
      ts: ws.ids.nextTs(),
      text: str(p, 'text'),
      blocks: asBlocks(p.blocks),
      attachments: Array.isArray(p.attachments) ? p.attachments : undefined,
      thread_ts: threadTs,
      reply_broadcast: threadTs !== undefined && bool(p, 'reply_broadcast') === true,
      unfurl_links: bool(p, 'unfurl_links'),
      unfurl_media: bool(p, 'unfurl_media'),
      metadata: p.metadata === '' ? undefined : p.metadata,
      params: p,
    });
    ws.insertMessage(message);
    return { channel: channel.id, ts: message.ts, message: messageJson(ws, message) };
  },

  'chat.postEphemeral': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false, dmFromUser: true });
    if (channel.archived) throw new SlackApiError('is_archived');
    const user = required(p, 'user', 'user_not_found');
    checkMessageContent(p, true);
    const target = ws.materialize(channel);
    const messageTs = ws.ids.nextTs();
    ws.ephemerals.push({
      channel: target.id,
      user,
      text: str(p, 'text'),
      blocks: asBlocks(p.blocks),
      thread_ts: str(p, 'thread_ts'),
      message_ts: messageTs,
      time: Date.now(),
    });
    return { message_ts: messageTs };
  },

  'chat.update': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    const ts = required(p, 'ts', 'message_not_found');
    const message = ws.findMessage(channel.id, ts);
    if (!message) throw new SlackApiError('message_not_found');
    if (channel.archived) throw new SlackApiError('is_archived');
    if (message.user !== ws.botUserId) throw new SlackApiError('cant_update_message');
    checkMessageContent(p, false);
    const time = Date.now();
    message.edits.push({
      text: message.text,
      blocks: message.blocks,
      attachments: message.attachments,
      replacedAt: time,
    });
    if (p.text !== undefined) message.text = str(p, 'text');
    if (p.blocks !== undefined) message.blocks = asBlocks(p.blocks);
    if (p.attachments !== undefined)
      message.attachments = Array.isArray(p.attachments) ? p.attachments : undefined;
    if (p.metadata !== undefined && p.metadata !== '') message.metadata = p.metadata;
    ws.updates.push({
      channel: channel.id,
      ts,
      text: message.text,
      blocks: message.blocks,
      metadata: message.metadata,
      time,
      params: p,
    });
    return { channel: channel.id, ts, text: message.text ?? '', message: messageJson(ws, message) };
  },

  'chat.delete': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    const ts = required(p, 'ts', 'message_not_found');
    const list = ws.messages.get(channel.id) ?? [];
    const index = list.findIndex((m) => m.ts === ts);
    if (index < 0) throw new SlackApiError('message_not_found');
    if (list[index]?.user !== ws.botUserId) throw new SlackApiError('cant_delete_message');
    list.splice(index, 1);
    return { channel: channel.id, ts };
  },

  'chat.getPermalink': (ws, p) => {
    const channel = ws.target(str(p, 'channel'), { post: false });
    const ts = required(p, 'message_ts', 'message_not_found');
    const message = ws.findMessage(channel.id, ts);
    if (!message) throw new SlackApiError('message_not_found');
    const thread = message.thread_ts ? `?thread_ts=${message.thread_ts}&cid=${channel.id}` : '';
    return {
      channel: channel.id,
      permalink: `https://${ws.config.teamDomain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}${thread}`,
    };
  },
};
