/** The fake's public vocabulary: what tests set up, inspect and inject. */

export type Params = Record<string, unknown>;

/** A Block Kit block (or any Block Kit object) as it travelled over the wire. */
export interface SlackBlock {
  type: string;
  block_id?: string;
  [key: string]: unknown;
}

export interface SlackView {
  type: string;
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  title?: { type: string; text: string };
  blocks?: SlackBlock[];
  [key: string]: unknown;
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  teamDomain?: string;
  /** Unix seconds of the first generated message ts (default 1700000000). */
  tsBase?: number;
  /**
   * How long a trigger id issued by `newTriggerId()` stays usable. Slack's is 3 s; the default here is
   * 30 s, because on a loaded test machine the app may need longer than Slack allows, and tests
   * judge behaviour, not speed (the bench does). Pass 3000 to hold the app to Slack's limit.
   */
  triggerTtlMs?: number;
  /** Register `C_GENERAL` (#general, bot is a member), the driver's default channel (default true). */
  generalChannel?: boolean;
}

/**
 * An injected fault. `status: 429` answers HTTP 429 with `Retry-After` (default 1 s) and
 * `{ ok: false, error: 'ratelimited' }`; any other `status` answers that HTTP status; `error` alone
 * answers HTTP 200 `{ ok: false, error }`; `reset: true` closes the connection with no answer at all
 * (the client sees ECONNRESET). With `applied: true` the call takes effect first and only its answer
 * is lost (a response dropped on the way back); otherwise a failed call changes nothing.
 */
export interface Fault {
  status?: number;
  retryAfter?: number;
  error?: string;
  reset?: boolean;
  applied?: boolean;
}

export interface FakeCall {
  /** The Web API method, or `upload` (the file upload URL) or `response_url`. */
  method: string;
  params: Params;
  token: string | undefined;
  /** Date.now() when the request arrived. */
  time: number;
  durationMs: number;
  /** The HTTP status answered (0 when the connection was reset instead). */
  status: number;
  ok: boolean;
  error: string | undefined;
  response: unknown;
  /** The client had closed the connection (timed out) before the answer was ready. */
  abandoned: boolean;
}

export interface FakeBookmark {
  id: string;
  title: string;
  type: string;
  link: string | undefined;
  emoji: string | undefined;
}

export interface FakeChannel {
  id: string;
  name: string;
  topic: string;
  purpose: string;
  members: string[];
  archived: boolean;
  isPrivate: boolean;
  isIm: boolean;
  /** For a DM: the other user. */
  user: string | undefined;
  botIsMember: boolean;
  created: number;
  pins: string[];
  bookmarks: FakeBookmark[];
}

export interface FakeMessageVersion {
  text: string | undefined;
  blocks: SlackBlock[] | undefined;
  attachments: unknown[] | undefined;
  /** Date.now() when this version was replaced. */
  replacedAt: number;
}

/** One `chat.update` that took effect, with what it made the message say. */
export interface FakeUpdate {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: SlackBlock[] | undefined;
  metadata: unknown;
  /** Date.now() when it took effect. */
  time: number;
  params: Params;
}

export interface FakeReaction {
  name: string;
  users: string[];
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: SlackBlock[] | undefined;
  attachments: unknown[] | undefined;
  /** Set on replies (the parent's ts); undefined on a top-level message. */
  thread_ts: string | undefined;
  reply_broadcast: boolean;
  reply_count: number;
  user: string;
  bot_id: string | undefined;
  /** Previous versions, oldest first (chat.update). */
  edits: FakeMessageVersion[];
  files: string[];
  reactions: FakeReaction[];
  pinned: boolean;
  unfurl_links: boolean | undefined;
  unfurl_media: boolean | undefined;
  /** Message metadata (`{ event_type, event_payload }`) as last posted or updated. */
  metadata: unknown;
  /** The parameters of the call that posted it. */
  params: Params;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string | undefined;
  blocks: SlackBlock[] | undefined;
  thread_ts: string | undefined;
  message_ts: string;
  time: number;
}

export interface FakeView {
  id: string;
  method: 'views.open' | 'views.push';
  trigger_id: string;
  /** The user the trigger id was issued for (when issued by `newTriggerId(userId)`). */
  user: string | undefined;
  /** The current payload (after views.update). */
  view: SlackView;
  /** Every payload, first the opened one, then each update. */
  history: SlackView[];
  hash: string;
  root_view_id: string;
  previous_view_id: string | undefined;
}

export interface FakeHomeView {
  id: string;
  user: string;
  view: SlackView;
  hash: string;
  time: number;
}

export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  /** The length declared to files.getUploadURLExternal. */
  length: number;
  content: Buffer;
  uploaded: boolean;
  completed: boolean;
  channel: string | undefined;
  thread_ts: string | undefined;
  initial_comment: string | undefined;
  /** ts of the message that shared the file. */
  ts: string | undefined;
  alt_text: string | undefined;
  snippet_type: string | undefined;
}

export interface FakeResponse {
  /** The response URL's id (last path segment). */
  id: string;
  url: string;
  body: Params;
  text: string | undefined;
  blocks: SlackBlock[] | undefined;
  response_type: string | undefined;
  replace_original: boolean | undefined;
  delete_original: boolean | undefined;
  time: number;
}

export interface FakeUserInput {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  tz?: string;
  email?: string;
  isBot?: boolean;
}

export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  tz: string;
  email: string | undefined;
  isBot: boolean;
}

export interface AddChannelInput {
  id?: string;
  name: string;
  botIsMember?: boolean;
  archived?: boolean;
  isPrivate?: boolean;
  members?: string[];
  topic?: string;
}

export interface AddMessageInput {
  user: string;
  text?: string;
  blocks?: SlackBlock[];
  thread_ts?: string;
  /** Defaults to the next generated ts. */
  ts?: string;
}

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout message. */
  message?: string;
}

export interface CallContext {
  method: string;
  token: string | undefined;
}

/** A custom method handler: return the fields of an `ok: true` answer, or throw `new SlackApiError(code)`. */
export type MethodHandler = (params: Params, ctx: CallContext) => Params;

export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Params = {},
  ) {
    super(code);
    this.name = 'SlackApiError';
  }
}

export interface FakeSlack {
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly port: number;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  close(): Promise<void>;
  reset(): void;

  addChannel(input: AddChannelInput): string;
  addUser(input: FakeUserInput): string;
  /** Posts a message as someone else (a person), e.g. the message behind a :pushpin: reaction. */
  addMessage(channelId: string, input: AddMessageInput): string;

  channel(idOrName: string): FakeChannel | undefined;
  channels(): FakeChannel[];
  /** Top-level messages in ts order (thread broadcasts included, as in Slack's history). */
  messages(channelId: string): FakeMessage[];
  message(channelId: string, ts: string): FakeMessage | undefined;
  replies(channelId: string, threadTs: string): FakeMessage[];
  /** Every `chat.update` that took effect on this message, oldest first. */
  updates(channelId: string, ts: string): FakeUpdate[];
  /** The DM channel id for a user, if one was opened. */
  dmChannel(userId: string): string | undefined;
  ephemerals(userId?: string): FakeEphemeral[];
  views(): FakeView[];
  homeViews(userId: string): FakeHomeView[];
  files(options?: { includeIncomplete?: boolean }): FakeFile[];
  user(id: string): FakeUser | undefined;
  calls(method?: string): FakeCall[];
  /** The last calls, one line each, for failure messages. */
  dumpCalls(count?: number): string;

  responseUrl(): string;
  responses(idOrUrl?: string): FakeResponse[];
  /** A trigger id that `views.open` accepts once within `triggerTtlMs`. */
  newTriggerId(userId?: string): string;

  failNext(method: string, fault: Fault, times?: number): void;
  /**
   * Fails every call of `method` for `ms`, counted from the first call it fails: however slowly the
   * app gets there, its first call meets the outage.
   */
  failFor(method: string, fault: Fault, ms: number): void;
  /**
   * Holds the next `times` calls for `ms` before performing them. A client that times out meanwhile
   * has given up, yet the call still takes effect when the stall ends — Slack slow, then recovering.
   */
  stall(method: string, ms: number, times?: number): void;
  /** Performs the next `times` calls at once but holds their answers for `ms`: done, answered late. */
  answerLate(method: string, ms: number, times?: number): void;
  clearFaults(): void;
  /** Closes every open connection (idle keep-alive ones and those waiting for an answer). */
  dropConnections(): void;
  /** Replaces (or adds) a method's handler. */
  handle(method: string, handler: MethodHandler): void;
  /** Called after each answer has gone out (or the connection was closed instead). */
  onAnswer(listener: () => void): void;

  waitFor<T>(probe: () => T | undefined | null | false, options?: WaitForOptions): Promise<T>;
}

/** The readable text of a message, response or view: `text` plus every text inside its blocks. */
export function textOf(value: { text?: string | undefined; blocks?: unknown } | undefined): string {
  if (value === undefined) return '';
  const parts: string[] = [];
  if (typeof value.text === 'string' && value.text !== '') parts.push(value.text);
  collectTexts(value.blocks, parts);
  return parts.join('\n');
}

function collectTexts(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectTexts(item, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text' && typeof value === 'string') out.push(value);
    else if (typeof value === 'object' && value !== null) collectTexts(value, out);
  }
}
