/**
 * The fake's state of one Slack workspace — channels, messages, DMs, views, files, response URLs — and
 * the lookups every method family shares. `reset()` replaces it; ids and timestamps keep counting.
 */
import type {
  AddChannelInput,
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeHomeView,
  FakeMessage,
  FakeResponse,
  FakeUpdate,
  FakeUser,
  Params,
  SlackView,
} from './types';
import { SlackApiError } from './types';
import { compareTs, pad } from './wire';

export interface ChannelState extends Omit<FakeChannel, 'members' | 'botIsMember'> {
  members: Set<string>;
}

export type MessageState = Omit<FakeMessage, 'reply_count' | 'pinned'>;

export interface ViewState {
  id: string;
  method: 'views.open' | 'views.push';
  trigger_id: string;
  user: string | undefined;
  history: SlackView[];
  hash: string;
  root_view_id: string;
  previous_view_id: string | undefined;
}

interface TriggerState {
  issuedAt: number;
  user: string | undefined;
  used: boolean;
}

/** What the workspace needs to know about the fake serving it. */
export interface WorkspaceConfig {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly baseUrl: string;
  readonly triggerTtlMs: number;
}

/** Ids and timestamps, counted across resets so that no two are ever the same. */
export class Counters {
  private ts = 0;
  private readonly ids = new Map<string, number>();

  constructor(private readonly tsBase: number) {}

  number(prefix: string): number {
    const n = (this.ids.get(prefix) ?? 0) + 1;
    this.ids.set(prefix, n);
    return n;
  }

  id(prefix: string): string {
    return `${prefix}${pad(this.number(prefix))}`;
  }

  nextTs(): string {
    this.ts += 1;
    const micros = this.ts * 100;
    const seconds = this.tsBase + Math.floor(micros / 1_000_000);
    return `${seconds}.${pad(micros % 1_000_000, 6)}`;
  }

  hash(): string {
    return `${Date.now()}.${this.number('hash')}`;
  }
}

export class Workspace {
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, MessageState[]>();
  readonly dms = new Map<string, string>();
  readonly users = new Map<string, FakeUser>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views = new Map<string, ViewState>();
  readonly homes = new Map<string, FakeHomeView[]>();
  readonly homeIds = new Map<string, string>();
  readonly triggers = new Map<string, TriggerState>();
  readonly files = new Map<string, FakeFile>();
  readonly responseUrls = new Map<string, number>();
  readonly responses: FakeResponse[] = [];
  readonly updates: FakeUpdate[] = [];

  constructor(
    readonly config: WorkspaceConfig,
    readonly ids: Counters,
  ) {}

  get botUserId(): string {
    return this.config.botUserId;
  }

  addChannel(input: AddChannelInput): string {
    const id = input.id ?? this.ids.id('C');
    if (this.channels.has(id)) throw new Error(`fake Slack: channel ${id} already exists`);
    const members = new Set(input.members ?? []);
    if (input.botIsMember ?? true) members.add(this.botUserId);
    this.channels.set(id, {
      ...this.blankChannel(id, input.name, members),
      topic: input.topic ?? '',
      archived: input.archived ?? false,
      isPrivate: input.isPrivate ?? false,
    });
    this.messages.set(id, []);
    return id;
  }

  /** A message with no content, reactions or files yet, by the bot unless `user` says otherwise. */
  newMessage(fields: Partial<MessageState> & Pick<MessageState, 'channel' | 'ts'>): MessageState {
    return {
      text: undefined,
      blocks: undefined,
      attachments: undefined,
      thread_ts: undefined,
      reply_broadcast: false,
      user: this.botUserId,
      bot_id: this.config.botId,
      edits: [],
      files: [],
      reactions: [],
      unfurl_links: undefined,
      unfurl_media: undefined,
      metadata: undefined,
      params: {},
      ...fields,
    };
  }

  findChannel(idOrName: string): ChannelState | undefined {
    const byId = this.channels.get(idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, '');
    for (const channel of this.channels.values()) if (!channel.isIm && channel.name === name) return channel;
    return undefined;
  }

  findMessage(channelId: string, ts: string): MessageState | undefined {
    return this.messages.get(channelId)?.find((m) => m.ts === ts);
  }

  insertMessage(message: MessageState): void {
    const list = this.messages.get(message.channel) ?? [];
    let at = list.length;
    while (at > 0 && compareTs((list[at - 1] as MessageState).ts, message.ts) > 0) at -= 1;
    list.splice(at, 0, message);
    this.messages.set(message.channel, list);
  }

  replyCount(m: MessageState): number {
    if (m.thread_ts !== undefined) return 0;
    return (this.messages.get(m.channel) ?? []).filter((r) => r.thread_ts === m.ts).length;
  }

  openDm(userId: string): ChannelState {
    const existing = this.dms.get(userId);
    const found = existing ? this.channels.get(existing) : undefined;
    if (found) return found;
    const channel = this.dmChannel(this.ids.id('D'), userId);
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.dms.set(userId, channel.id);
    return channel;
  }

  /** A channel id, a `#name`, or a user id (the app's DM with that user, as Slack allows). */
  target(param: string | undefined, opts: { post: boolean; dmFromUser?: boolean }): ChannelState {
    if (!param) throw new SlackApiError('channel_not_found');
    const channel = this.findChannel(param);
    if (!channel) {
      // A DM that does not exist yet: resolved for validation, created only by `materialize`.
      if (opts.dmFromUser && /^[UW]/.test(param)) return { ...this.dmChannel('', param), created: 0 };
      throw new SlackApiError('channel_not_found');
    }
    if (opts.post) this.assertWritable(channel);
    return channel;
  }

  materialize(channel: ChannelState): ChannelState {
    return channel.id === '' && channel.user ? this.openDm(channel.user) : channel;
  }

  assertWritable(channel: ChannelState): void {
    if (channel.archived) throw new SlackApiError('is_archived');
    this.assertMember(channel);
  }

  assertMember(channel: ChannelState): void {
    if (!channel.isIm && !channel.members.has(this.botUserId)) throw new SlackApiError('not_in_channel');
  }

  /** The parent of a thread reply (replies to a reply go to its root), or undefined for no thread. */
  threadRoot(channelId: string, threadTs: string | undefined): string | undefined {
    if (threadTs === undefined || threadTs === '') return undefined;
    const parent = this.findMessage(channelId, threadTs);
    if (!parent) throw new SlackApiError('thread_not_found');
    return parent.thread_ts ?? parent.ts;
  }

  newTriggerId(userId?: string): string {
    const n = this.ids.number('trigger');
    const id = `${Date.now()}.${pad(n, 6)}.${Math.random().toString(16).slice(2, 14)}`;
    this.triggers.set(id, { issuedAt: Date.now(), user: userId, used: false });
    return id;
  }

  checkTrigger(triggerId: string): void {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return;
    if (trigger.used || Date.now() - trigger.issuedAt > this.config.triggerTtlMs)
      throw new SlackApiError('expired_trigger_id');
  }

  consumeTrigger(triggerId: string): { user: string | undefined } {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) {
      // A trigger id this fake did not issue: accept it once.
      this.triggers.set(triggerId, { issuedAt: Date.now(), user: undefined, used: true });
      return { user: undefined };
    }
    trigger.used = true;
    return { user: trigger.user };
  }

  private blankChannel(id: string, name: string, members: Set<string>): ChannelState {
    return {
      id,
      name,
      topic: '',
      purpose: '',
      members,
      archived: false,
      isPrivate: false,
      isIm: false,
      user: undefined,
      created: Math.floor(Date.now() / 1000),
      pins: [],
      bookmarks: [],
    };
  }

  private dmChannel(id: string, userId: string): ChannelState {
    return {
      ...this.blankChannel(id, userId, new Set([this.botUserId, userId])),
      isPrivate: true,
      isIm: true,
      user: userId,
    };
  }
}

/** A Web API method over the workspace: the fields of an `ok: true` answer, or a thrown SlackApiError. */
export type Method = (ws: Workspace, params: Params) => Params;
