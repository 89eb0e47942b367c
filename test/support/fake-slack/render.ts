/** The workspace's state as tests inspect it (snapshots) and as Slack's API returns it (JSON). */
import type { FakeChannel, FakeMessage, FakeView, Params, SlackView } from './types';
import type { ChannelState, MessageState, ViewState, Workspace } from './workspace';

export function channelSnapshot(ws: Workspace, c: ChannelState): FakeChannel {
  return {
    ...c,
    members: [...c.members],
    botIsMember: c.members.has(ws.botUserId),
    pins: [...c.pins],
    bookmarks: c.bookmarks.map((b) => ({ ...b })),
  };
}

export function messageSnapshot(ws: Workspace, m: MessageState): FakeMessage {
  return {
    ...m,
    reply_count: ws.replyCount(m),
    edits: m.edits.map((e) => ({ ...e })),
    files: [...m.files],
    reactions: m.reactions.map((r) => ({ name: r.name, users: [...r.users] })),
    pinned: ws.channels.get(m.channel)?.pins.includes(m.ts) ?? false,
  };
}

export function viewSnapshot(v: ViewState): FakeView {
  return { ...v, view: v.history[v.history.length - 1] as SlackView, history: [...v.history] };
}

/**
 * The message as Slack's API returns it. Reading APIs (history, replies) include `metadata` only when
 * asked with `include_all_metadata`; the answers to chat.postMessage and chat.update always carry it.
 */
export function messageJson(ws: Workspace, m: MessageState, withMetadata = true): Params {
  const replies = ws.replyCount(m);
  const json: Params = {
    type: 'message',
    ts: m.ts,
    user: m.user,
    text: m.text ?? '',
    team: ws.config.teamId,
  };
  if (m.bot_id) json.bot_id = m.bot_id;
  if (m.blocks) json.blocks = m.blocks;
  if (m.attachments) json.attachments = m.attachments;
  if (m.thread_ts) json.thread_ts = m.thread_ts;
  if (m.reply_broadcast) json.subtype = 'thread_broadcast';
  if (replies > 0) {
    json.thread_ts = m.ts;
    json.reply_count = replies;
  }
  if (m.edits.length > 0) json.edited = { user: m.user, ts: m.ts };
  if (m.files.length > 0) json.files = m.files.map((id) => fileJson(ws, id));
  if (m.reactions.length > 0) {
    json.reactions = m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length }));
  }
  if (ws.channels.get(m.channel)?.pins.includes(m.ts)) json.pinned_to = [m.channel];
  if (withMetadata && m.metadata !== undefined) json.metadata = m.metadata;
  return json;
}

export function channelJson(ws: Workspace, c: ChannelState): Params {
  if (c.isIm) {
    return { id: c.id, is_im: true, user: c.user, created: c.created, is_archived: false, is_open: true };
  }
  const { botUserId, teamId } = ws.config;
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    is_channel: !c.isPrivate,
    is_group: false,
    is_im: false,
    is_private: c.isPrivate,
    is_archived: c.archived,
    is_general: c.id === 'C_GENERAL',
    is_member: c.members.has(botUserId),
    created: c.created,
    creator: botUserId,
    context_team_id: teamId,
    topic: { value: c.topic, creator: botUserId, last_set: 0 },
    purpose: { value: c.purpose, creator: botUserId, last_set: 0 },
    num_members: c.members.size,
  };
}

export function viewJson(
  ws: Workspace,
  id: string,
  view: SlackView,
  hash: string,
  extra: Params = {},
): Params {
  const { teamId, botId } = ws.config;
  return {
    id,
    team_id: teamId,
    app_id: 'A_SITREP',
    bot_id: botId,
    app_installed_team_id: teamId,
    callback_id: '',
    private_metadata: '',
    external_id: '',
    ...view,
    state: { values: {} },
    hash,
    previous_view_id: null,
    root_view_id: id,
    ...extra,
  };
}

export function fileJson(ws: Workspace, id: string): Params {
  const file = ws.files.get(id);
  if (!file) return { id };
  const { baseUrl, botUserId, teamDomain } = ws.config;
  return {
    id: file.id,
    name: file.filename,
    title: file.title,
    size: file.content.length,
    mimetype: 'application/octet-stream',
    user: botUserId,
    url_private: `${baseUrl}/files/${file.id}/${encodeURIComponent(file.filename)}`,
    permalink: `https://${teamDomain}.slack.com/files/${botUserId}/${file.id}/${file.filename}`,
    channels: file.channel ? [file.channel] : [],
  };
}
