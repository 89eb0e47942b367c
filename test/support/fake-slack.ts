/**
 * A fake Slack Web API on 127.0.0.1, spoken to over real HTTP by the real `@slack/web-api` client
 * (point `slackApiUrl` / `SLACK_API_URL` at `fake.apiUrl`). It keeps just enough state to behave like
 * Slack for Sitrep: channels, messages and threads, edits, views, files, users, and response URLs,
 * and can inject rate limits, server errors, Slack errors and slow answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  /** How long a trigger id issued by `newTriggerId()` stays usable (default 3000 ms, like Slack). */
  triggerTtlMs?: number;
  /** Register `C_GENERAL` (#general, bot is a member), the driver's default channel (default true). */
  generalChannel?: boolean;
}

/**
 * An injected fault. `status: 429` answers HTTP 429 with `Retry-After` (default 1 s) and
 * `{ ok: false, error: 'ratelimited' }`; any other `status` answers that HTTP status; `error` alone
 * answers HTTP 200 `{ ok: false, error }`. With `applied: true` the call takes effect first and only
 * its answer is lost (a response dropped on the way back); otherwise a failed call changes nothing.
 */
export interface Fault {
  status?: number;
  retryAfter?: number;
  error?: string;
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
  /** The HTTP status answered. */
  status: number;
  ok: boolean;
  error: string | undefined;
  response: unknown;
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
  failFor(method: string, fault: Fault, ms: number): void;
  stall(method: string, ms: number, times?: number): void;
  clearFaults(): void;
  /** Replaces (or adds) a method's handler. */
  handle(method: string, handler: MethodHandler): void;

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
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text' && typeof value === 'string') out.push(value);
    else if (typeof value === 'object' && value !== null) collectTexts(value, out);
  }
}

// --- internal state -----------------------------------------------------------------------------

interface ChannelState {
  id: string;
  name: string;
  topic: string;
  purpose: string;
  members: Set<string>;
  archived: boolean;
  isPrivate: boolean;
  isIm: boolean;
  user: string | undefined;
  created: number;
  pins: string[];
  bookmarks: FakeBookmark[];
}

interface MessageState {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: SlackBlock[] | undefined;
  attachments: unknown[] | undefined;
  thread_ts: string | undefined;
  reply_broadcast: boolean;
  user: string;
  bot_id: string | undefined;
  edits: FakeMessageVersion[];
  files: string[];
  reactions: FakeReaction[];
  unfurl_links: boolean | undefined;
  unfurl_media: boolean | undefined;
  metadata: unknown;
  params: Params;
}

interface ViewState {
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

interface FaultWindow {
  method: string;
  fault: Fault;
  until: number;
}

interface StallRule {
  method: string;
  ms: number;
  remaining: number;
}

/** Fields the Web API client sends as JSON strings inside a form body. */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'file_uploads',
]);

const MAX_MESSAGE_BLOCKS = 50;
const MAX_VIEW_BLOCKS = 100;
const MAX_SECTION_TEXT = 3000;
const MAX_OPTIONS = 100;
const MAX_MODAL_TITLE = 24;
const MAX_MESSAGE_TEXT = 40_000;
const CHANNEL_NAME = /^[a-z0-9_-]+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function required(params: Params, key: string, error = 'invalid_arguments'): string {
  const value = str(params, key);
  if (value === undefined || value === '') throw new SlackApiError(error, { detail: `missing ${key}` });
  return value;
}

function bool(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

function int(params: Params, key: string): number | undefined {
  const value = str(params, key);
  if (value === undefined || value === '') return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

function pad(n: number, width = 10): string {
  return String(n).padStart(width, '0');
}

function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const secs = Number(as) - Number(bs);
  if (secs !== 0) return secs;
  const fa = af.padEnd(6, '0');
  const fb = bf.padEnd(6, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

function blocksError(blocks: unknown, max: number): string | undefined {
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > max) return `too many blocks: ${blocks.length} > ${max}`;
  const ids = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    if (!isObject(block) || typeof block.type !== 'string') return `block ${i} has no type`;
    if (typeof block.block_id === 'string') {
      if (ids.has(block.block_id)) return `duplicate block_id ${block.block_id}`;
      if (block.block_id.length > 255) return `block_id too long at block ${i}`;
      ids.add(block.block_id);
    }
    if (block.type === 'section' && isObject(block.text) && typeof block.text.text === 'string') {
      if (block.text.text.length > MAX_SECTION_TEXT)
        return `section text over ${MAX_SECTION_TEXT} at block ${i}`;
    }
    const optionError = optionsError(block);
    if (optionError) return `${optionError} at block ${i}`;
  }
  return undefined;
}

function optionsError(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const error = optionsError(item);
      if (error) return error;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (
      (key === 'options' || key === 'option_groups') &&
      Array.isArray(value) &&
      value.length > MAX_OPTIONS
    ) {
      return `more than ${MAX_OPTIONS} ${key}`;
    }
    if (typeof value === 'object' && value !== null) {
      const error = optionsError(value);
      if (error) return error;
    }
  }
  return undefined;
}

function viewError(view: unknown, kind: 'modal' | 'home'): string | undefined {
  if (!isObject(view)) return 'view must be an object';
  if (view.type !== kind) return `view.type must be ${kind}`;
  if (kind === 'modal') {
    if (!isObject(view.title) || typeof view.title.text !== 'string') return 'modal needs a title';
    if (view.title.text.length > MAX_MODAL_TITLE) return `modal title over ${MAX_MODAL_TITLE} characters`;
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    return 'private_metadata over 3000 characters';
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) return 'callback_id too long';
  return blocksError(view.blocks ?? [], MAX_VIEW_BLOCKS);
}

function asBlocks(value: unknown): SlackBlock[] | undefined {
  return Array.isArray(value) ? (value as SlackBlock[]) : undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseForm(text: string): Params {
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  return params;
}

function decodeJsonFields(params: Params): Params {
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (JSON_FIELDS.has(key) && typeof value === 'string' && value !== '') {
      try {
        params[key] = JSON.parse(value);
      } catch {
        // Left as the string: the method answers invalid_blocks / invalid_arguments.
      }
    }
  }
  return params;
}

interface ParsedRequest {
  params: Params;
  /** The first binary part of a multipart body, or the raw body otherwise. */
  bytes: Buffer;
}

async function parseRequest(req: http.IncomingMessage, url: URL): Promise<ParsedRequest> {
  const raw = await readBody(req);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const params: Params = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  let bytes = raw;
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
    if (isObject(parsed)) Object.assign(params, parsed);
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, parseForm(raw.toString('utf8')));
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    let firstBinary: Buffer | undefined;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        params[key] = value;
      } else {
        const buffer = Buffer.from(await value.arrayBuffer());
        firstBinary ??= buffer;
        params[key] = { filename: value.name, length: buffer.length };
      }
    }
    bytes = firstBinary ?? Buffer.alloc(0);
  }
  return { params: decodeJsonFields(params), bytes };
}

function bearer(req: http.IncomingMessage, params: Params): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return str(params, 'token');
}

function summarize(value: unknown, max = 160): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// --- the fake ------------------------------------------------------------------------------------

class FakeSlackServer implements FakeSlack {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  apiUrl = '';
  baseUrl = '';
  port = 0;

  private readonly server: http.Server;
  private readonly tsBase: number;
  private readonly triggerTtlMs: number;
  private readonly generalChannel: boolean;
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly custom = new Map<string, MethodHandler>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private tsCounter = 0;
  private readonly idCounters = new Map<string, number>();
  private channelsById = new Map<string, ChannelState>();
  private messagesByChannel = new Map<string, MessageState[]>();
  private dms = new Map<string, string>();
  private usersById = new Map<string, FakeUser>();
  private ephemeralList: FakeEphemeral[] = [];
  private viewsById = new Map<string, ViewState>();
  private homes = new Map<string, FakeHomeView[]>();
  private homeIds = new Map<string, string>();
  private triggers = new Map<string, TriggerState>();
  private filesById = new Map<string, FakeFile>();
  private callLog: FakeCall[] = [];
  private responseUrls = new Map<string, number>();
  private responseLog: FakeResponse[] = [];
  private faultQueues = new Map<string, Fault[]>();
  private faultWindows: FaultWindow[] = [];
  private stalls: StallRule[] = [];

  constructor(options: FakeSlackOptions) {
    this.teamId = options.teamId ?? 'T_SITREP';
    this.teamDomain = options.teamDomain ?? 'sitrep-test';
    this.botUserId = options.botUserId ?? 'U_SITREP_BOT';
    this.botId = options.botId ?? 'B_SITREP_BOT';
    this.tsBase = options.tsBase ?? 1_700_000_000;
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.generalChannel = options.generalChannel ?? true;
    this.registerHandlers();
    this.seed();
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'fake_slack_failure', detail: String(error) }));
        } else {
          res.destroy();
        }
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
  }

  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    return new Promise((resolve, reject) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  reset(): void {
    this.channelsById = new Map();
    this.messagesByChannel = new Map();
    this.dms = new Map();
    this.usersById = new Map();
    this.ephemeralList = [];
    this.viewsById = new Map();
    this.homes = new Map();
    this.homeIds = new Map();
    this.triggers = new Map();
    this.filesById = new Map();
    this.callLog = [];
    this.responseUrls = new Map();
    this.responseLog = [];
    this.custom.clear();
    this.clearFaults();
    this.seed();
  }

  private seed(): void {
    this.usersById.set(this.botUserId, {
      id: this.botUserId,
      name: 'sitrep',
      realName: 'Sitrep',
      displayName: 'Sitrep',
      tz: 'UTC',
      email: undefined,
      isBot: true,
    });
    if (this.generalChannel) this.addChannel({ id: 'C_GENERAL', name: 'general' });
  }

  // --- setup ---

  addChannel(input: AddChannelInput): string {
    const id = input.id ?? this.nextId('C');
    if (this.channelsById.has(id)) throw new Error(`fake Slack: channel ${id} already exists`);
    const members = new Set(input.members ?? []);
    if (input.botIsMember ?? true) members.add(this.botUserId);
    this.channelsById.set(id, {
      id,
      name: input.name,
      topic: input.topic ?? '',
      purpose: '',
      members,
      archived: input.archived ?? false,
      isPrivate: input.isPrivate ?? false,
      isIm: false,
      user: undefined,
      created: Math.floor(Date.now() / 1000),
      pins: [],
      bookmarks: [],
    });
    this.messagesByChannel.set(id, []);
    return id;
  }

  addUser(input: FakeUserInput): string {
    this.usersById.set(input.id, {
      id: input.id,
      name: input.name,
      realName: input.realName ?? input.displayName ?? input.name,
      displayName: input.displayName ?? input.name,
      tz: input.tz ?? 'UTC',
      email: input.email,
      isBot: input.isBot ?? false,
    });
    return input.id;
  }

  addMessage(channelId: string, input: AddMessageInput): string {
    const channel = this.channelsById.get(channelId);
    if (!channel) throw new Error(`fake Slack: no channel ${channelId}`);
    const ts = input.ts ?? this.nextTs();
    if (this.findMessage(channelId, ts)) throw new Error(`fake Slack: message ${ts} already exists`);
    this.insertMessage({
      channel: channelId,
      ts,
      text: input.text,
      blocks: input.blocks,
      attachments: undefined,
      thread_ts: input.thread_ts,
      reply_broadcast: false,
      user: input.user,
      bot_id: undefined,
      edits: [],
      files: [],
      reactions: [],
      unfurl_links: undefined,
      unfurl_media: undefined,
      metadata: undefined,
      params: {},
    });
    return ts;
  }

  // --- inspection ---

  channel(idOrName: string): FakeChannel | undefined {
    const state = this.findChannel(idOrName);
    return state ? this.channelSnapshot(state) : undefined;
  }

  channels(): FakeChannel[] {
    return [...this.channelsById.values()].map((c) => this.channelSnapshot(c));
  }

  messages(channelId: string): FakeMessage[] {
    const all = this.messagesByChannel.get(channelId) ?? [];
    return all
      .filter((m) => m.thread_ts === undefined || m.reply_broadcast)
      .map((m) => this.messageSnapshot(m));
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    const found = this.findMessage(channelId, ts);
    return found ? this.messageSnapshot(found) : undefined;
  }

  replies(channelId: string, threadTs: string): FakeMessage[] {
    const all = this.messagesByChannel.get(channelId) ?? [];
    return all.filter((m) => m.thread_ts === threadTs).map((m) => this.messageSnapshot(m));
  }

  dmChannel(userId: string): string | undefined {
    return this.dms.get(userId);
  }

  ephemerals(userId?: string): FakeEphemeral[] {
    return this.ephemeralList.filter((e) => userId === undefined || e.user === userId).map((e) => ({ ...e }));
  }

  views(): FakeView[] {
    return [...this.viewsById.values()].map((v) => this.viewSnapshot(v));
  }

  homeViews(userId: string): FakeHomeView[] {
    return (this.homes.get(userId) ?? []).map((h) => ({ ...h }));
  }

  files(options: { includeIncomplete?: boolean } = {}): FakeFile[] {
    return [...this.filesById.values()]
      .filter((f) => f.completed || options.includeIncomplete === true)
      .map((f) => ({ ...f, content: Buffer.from(f.content) }));
  }

  user(id: string): FakeUser | undefined {
    const found = this.usersById.get(id);
    return found ? { ...found } : undefined;
  }

  calls(method?: string): FakeCall[] {
    return this.callLog.filter((c) => method === undefined || c.method === method).map((c) => ({ ...c }));
  }

  dumpCalls(count = 15): string {
    const recent = this.callLog.slice(-count);
    if (recent.length === 0) return '  (no calls)';
    return recent
      .map((c) => {
        const outcome = c.ok ? 'ok' : (c.error ?? 'failed');
        return `  ${c.method} ${summarize(c.params)} → ${c.status} ${outcome}`;
      })
      .join('\n');
  }

  responseUrl(): string {
    const id = this.nextId('R');
    this.responseUrls.set(id, 0);
    return `${this.baseUrl}/response/${id}`;
  }

  responses(idOrUrl?: string): FakeResponse[] {
    const id = idOrUrl?.split('/').pop();
    return this.responseLog.filter((r) => id === undefined || r.id === id).map((r) => ({ ...r }));
  }

  newTriggerId(userId?: string): string {
    const n = this.nextNumber('trigger');
    const id = `${Date.now()}.${pad(n, 6)}.${Math.random().toString(16).slice(2, 14)}`;
    this.triggers.set(id, { issuedAt: Date.now(), user: userId, used: false });
    return id;
  }

  // --- faults ---

  failNext(method: string, fault: Fault, times = 1): void {
    const queue = this.faultQueues.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.faultQueues.set(method, queue);
  }

  failFor(method: string, fault: Fault, ms: number): void {
    this.faultWindows.push({ method, fault, until: Date.now() + ms });
  }

  stall(method: string, ms: number, times = Number.POSITIVE_INFINITY): void {
    this.stalls.push({ method, ms, remaining: times });
  }

  clearFaults(): void {
    this.faultQueues.clear();
    this.faultWindows = [];
    this.stalls = [];
  }

  handle(method: string, handler: MethodHandler): void {
    this.custom.set(method, handler);
  }

  async waitFor<T>(probe: () => T | undefined | null | false, options: WaitForOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const intervalMs = options.intervalMs ?? 20;
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = probe();
        if (value) return value;
        lastError = undefined;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    const what = options.message ? ` (${options.message})` : '';
    const cause = lastError === undefined ? '' : `\nLast probe error: ${String(lastError)}`;
    throw new Error(
      `fake Slack: waitFor timed out after ${timeoutMs} ms${what}.${cause}\nRecent calls:\n${this.dumpCalls()}`,
    );
  }

  // --- HTTP ---

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const [, kind, id] = url.pathname.split('/');
    if (kind === 'api' && id) return this.apiCall(id, req, res, url);
    if (kind === 'upload' && id) return this.upload(id, req, res, url);
    if (kind === 'response' && id) return this.response(id, req, res, url);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  private async apiCall(method: string, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const time = Date.now();
    const { params } = await parseRequest(req, url);
    const token = bearer(req, params);
    await this.maybeStall(method);
    const record = (status: number, body: Params) => this.record(method, params, token, time, status, body);
    const fault = this.takeFault(method);
    if (fault && !fault.applied) return this.answerFault(res, fault, record);

    let body: Params;
    const handler = this.custom.get(method) ?? this.handlers.get(method);
    if (!token && method !== 'api.test') {
      body = { ok: false, error: 'not_authed' };
    } else if (!handler) {
      body = { ok: false, error: 'unknown_method' };
    } else {
      try {
        body = { ok: true, ...handler(params, { method, token }) };
      } catch (error) {
        if (!(error instanceof SlackApiError)) throw error;
        body = { ok: false, error: error.code, ...error.extra };
      }
    }
    if (fault) return this.answerFault(res, fault, record);
    record(200, body);
    this.sendJson(res, 200, body);
  }

  private async upload(fileId: string, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const time = Date.now();
    const { params, bytes } = await parseRequest(req, url);
    const token = bearer(req, params);
    const method = 'upload';
    const logged: Params = { ...params, file_id: fileId, bytes: bytes.length };
    await this.maybeStall(method);
    const record = (status: number, body: Params) => this.record(method, logged, token, time, status, body);
    const fault = this.takeFault(method);
    if (fault && !fault.applied) return this.answerFault(res, fault, record);
    const file = this.filesById.get(fileId);
    if (!file || file.completed) {
      record(404, { ok: false, error: 'file_not_found' });
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('file_not_found');
      return;
    }
    file.content = Buffer.from(bytes);
    file.uploaded = true;
    if (fault) return this.answerFault(res, fault, record);
    record(200, { ok: true });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.length}`);
  }

  private async response(id: string, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const time = Date.now();
    const { params } = await parseRequest(req, url);
    const method = 'response_url';
    const logged: Params = { ...params, response_url_id: id };
    await this.maybeStall(method);
    const record = (status: number, body: Params) =>
      this.record(method, logged, undefined, time, status, body);
    const fault = this.takeFault(method);
    if (fault && !fault.applied) return this.answerFault(res, fault, record);
    const uses = this.responseUrls.get(id);
    if (uses === undefined || uses >= 5) {
      const body = { ok: false, error: uses === undefined ? 'invalid_url' : 'used_url' };
      record(404, body);
      return this.sendJson(res, 404, body);
    }
    this.responseUrls.set(id, uses + 1);
    const payload: Params = isObject(params.payload) ? params.payload : params;
    this.responseLog.push({
      id,
      url: `${this.baseUrl}/response/${id}`,
      body: payload,
      text: str(payload, 'text'),
      blocks: asBlocks(payload.blocks),
      response_type: str(payload, 'response_type'),
      replace_original: bool(payload, 'replace_original'),
      delete_original: bool(payload, 'delete_original'),
      time,
    });
    if (fault) return this.answerFault(res, fault, record);
    record(200, { ok: true });
    this.sendJson(res, 200, { ok: true });
  }

  private record(
    method: string,
    params: Params,
    token: string | undefined,
    time: number,
    status: number,
    body: Params,
  ) {
    this.callLog.push({
      method,
      params,
      token,
      time,
      durationMs: Date.now() - time,
      status,
      ok: status === 200 && body.ok === true,
      error: typeof body.error === 'string' ? body.error : undefined,
      response: body,
    });
  }

  private answerFault(
    res: http.ServerResponse,
    fault: Fault,
    record: (status: number, body: Params) => void,
  ) {
    if (fault.status === 429) {
      const body = { ok: false, error: fault.error ?? 'ratelimited' };
      record(429, body);
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(fault.retryAfter ?? 1),
      });
      res.end(JSON.stringify(body));
      return;
    }
    const status = fault.status ?? 200;
    const body = { ok: false, error: fault.error ?? (status === 200 ? 'fatal_error' : 'internal_error') };
    record(status, body);
    this.sendJson(res, status, body);
  }

  private sendJson(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private takeFault(method: string): Fault | undefined {
    for (const key of [method, '*']) {
      if (key === '*' && (method === 'upload' || method === 'response_url')) continue;
      const queue = this.faultQueues.get(key);
      const next = queue?.shift();
      if (next) return next;
    }
    const now = Date.now();
    this.faultWindows = this.faultWindows.filter((w) => w.until > now);
    return this.faultWindows.find((w) => w.method === method || w.method === '*')?.fault;
  }

  private async maybeStall(method: string): Promise<void> {
    const rule = this.stalls.find((s) => (s.method === method || s.method === '*') && s.remaining > 0);
    if (!rule) return;
    rule.remaining -= 1;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, rule.ms);
      this.timers.add(timer);
    });
  }

  // --- helpers over state ---

  private nextNumber(prefix: string): number {
    const n = (this.idCounters.get(prefix) ?? 0) + 1;
    this.idCounters.set(prefix, n);
    return n;
  }

  private nextId(prefix: string): string {
    return `${prefix}${pad(this.nextNumber(prefix))}`;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    const seconds = this.tsBase + Math.floor(micros / 1_000_000);
    return `${seconds}.${pad(micros % 1_000_000, 6)}`;
  }

  private findChannel(idOrName: string): ChannelState | undefined {
    const byId = this.channelsById.get(idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, '');
    for (const channel of this.channelsById.values())
      if (!channel.isIm && channel.name === name) return channel;
    return undefined;
  }

  private findMessage(channelId: string, ts: string): MessageState | undefined {
    return this.messagesByChannel.get(channelId)?.find((m) => m.ts === ts);
  }

  private insertMessage(message: MessageState): void {
    const list = this.messagesByChannel.get(message.channel) ?? [];
    let at = list.length;
    while (at > 0 && compareTs((list[at - 1] as MessageState).ts, message.ts) > 0) at -= 1;
    list.splice(at, 0, message);
    this.messagesByChannel.set(message.channel, list);
  }

  private openDm(userId: string): ChannelState {
    const existing = this.dms.get(userId);
    if (existing) {
      const channel = this.channelsById.get(existing);
      if (channel) return channel;
    }
    const id = this.nextId('D');
    const channel: ChannelState = {
      id,
      name: userId,
      topic: '',
      purpose: '',
      members: new Set([this.botUserId, userId]),
      archived: false,
      isPrivate: true,
      isIm: true,
      user: userId,
      created: Math.floor(Date.now() / 1000),
      pins: [],
      bookmarks: [],
    };
    this.channelsById.set(id, channel);
    this.messagesByChannel.set(id, []);
    this.dms.set(userId, id);
    return channel;
  }

  /** A channel id, a `#name`, or a user id (the app's DM with that user, as Slack allows). */
  private target(param: string | undefined, opts: { post: boolean; dmFromUser?: boolean }): ChannelState {
    if (!param) throw new SlackApiError('channel_not_found');
    const channel = this.findChannel(param);
    if (!channel) {
      if (opts.dmFromUser && /^[UW]/.test(param)) return this.dmPlaceholder(param);
      throw new SlackApiError('channel_not_found');
    }
    if (opts.post) this.assertWritable(channel);
    return channel;
  }

  /** A DM that does not exist yet: resolved for validation, created only by `materialize`. */
  private dmPlaceholder(userId: string): ChannelState {
    return {
      id: '',
      name: userId,
      topic: '',
      purpose: '',
      members: new Set([this.botUserId, userId]),
      archived: false,
      isPrivate: true,
      isIm: true,
      user: userId,
      created: 0,
      pins: [],
      bookmarks: [],
    };
  }

  private materialize(channel: ChannelState): ChannelState {
    return channel.id === '' && channel.user ? this.openDm(channel.user) : channel;
  }

  private assertWritable(channel: ChannelState): void {
    if (channel.archived) throw new SlackApiError('is_archived');
    if (!channel.isIm && !channel.members.has(this.botUserId)) throw new SlackApiError('not_in_channel');
  }

  private assertMember(channel: ChannelState): void {
    if (!channel.isIm && !channel.members.has(this.botUserId)) throw new SlackApiError('not_in_channel');
  }

  private channelSnapshot(c: ChannelState): FakeChannel {
    return {
      id: c.id,
      name: c.name,
      topic: c.topic,
      purpose: c.purpose,
      members: [...c.members],
      archived: c.archived,
      isPrivate: c.isPrivate,
      isIm: c.isIm,
      user: c.user,
      botIsMember: c.members.has(this.botUserId),
      created: c.created,
      pins: [...c.pins],
      bookmarks: c.bookmarks.map((b) => ({ ...b })),
    };
  }

  private replyCount(m: MessageState): number {
    if (m.thread_ts !== undefined) return 0;
    return (this.messagesByChannel.get(m.channel) ?? []).filter((r) => r.thread_ts === m.ts).length;
  }

  private messageSnapshot(m: MessageState): FakeMessage {
    const channel = this.channelsById.get(m.channel);
    return {
      channel: m.channel,
      ts: m.ts,
      text: m.text,
      blocks: m.blocks,
      attachments: m.attachments,
      thread_ts: m.thread_ts,
      reply_broadcast: m.reply_broadcast,
      reply_count: this.replyCount(m),
      user: m.user,
      bot_id: m.bot_id,
      edits: m.edits.map((e) => ({ ...e })),
      files: [...m.files],
      reactions: m.reactions.map((r) => ({ name: r.name, users: [...r.users] })),
      pinned: channel?.pins.includes(m.ts) ?? false,
      unfurl_links: m.unfurl_links,
      unfurl_media: m.unfurl_media,
      metadata: m.metadata,
      params: m.params,
    };
  }

  /** The message as Slack's API returns it. */
  private messageJson(m: MessageState): Params {
    const replies = this.replyCount(m);
    const json: Params = { type: 'message', ts: m.ts, user: m.user, text: m.text ?? '', team: this.teamId };
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
    if (m.files.length > 0) json.files = m.files.map((id) => this.fileJson(id));
    if (m.reactions.length > 0) {
      json.reactions = m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length }));
    }
    const channel = this.channelsById.get(m.channel);
    if (channel?.pins.includes(m.ts)) json.pinned_to = [m.channel];
    if (m.metadata !== undefined) json.metadata = m.metadata;
    return json;
  }

  private channelJson(c: ChannelState): Params {
    if (c.isIm) {
      return { id: c.id, is_im: true, user: c.user, created: c.created, is_archived: false, is_open: true };
    }
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
      is_member: c.members.has(this.botUserId),
      created: c.created,
      creator: this.botUserId,
      context_team_id: this.teamId,
      topic: { value: c.topic, creator: this.botUserId, last_set: 0 },
      purpose: { value: c.purpose, creator: this.botUserId, last_set: 0 },
      num_members: c.members.size,
    };
  }

  private viewSnapshot(v: ViewState): FakeView {
    return {
      id: v.id,
      method: v.method,
      trigger_id: v.trigger_id,
      user: v.user,
      view: v.history[v.history.length - 1] as SlackView,
      history: [...v.history],
      hash: v.hash,
      root_view_id: v.root_view_id,
      previous_view_id: v.previous_view_id,
    };
  }

  private viewJson(id: string, view: SlackView, hash: string, extra: Params = {}): Params {
    return {
      id,
      team_id: this.teamId,
      app_id: 'A_SITREP',
      bot_id: this.botId,
      app_installed_team_id: this.teamId,
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

  private fileJson(id: string): Params {
    const file = this.filesById.get(id);
    if (!file) return { id };
    return {
      id: file.id,
      name: file.filename,
      title: file.title,
      size: file.content.length,
      mimetype: 'application/octet-stream',
      user: this.botUserId,
      url_private: `${this.baseUrl}/files/${file.id}/${encodeURIComponent(file.filename)}`,
      permalink: `https://${this.teamDomain}.slack.com/files/${this.botUserId}/${file.id}/${file.filename}`,
      channels: file.channel ? [file.channel] : [],
    };
  }

  private consumeTrigger(triggerId: string): { user: string | undefined } {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) {
      // A trigger id this fake did not issue: accept it once.
      this.triggers.set(triggerId, { issuedAt: Date.now(), user: undefined, used: true });
      return { user: undefined };
    }
    trigger.used = true;
    return { user: trigger.user };
  }

  private checkTrigger(triggerId: string): void {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return;
    if (trigger.used || Date.now() - trigger.issuedAt > this.triggerTtlMs)
      throw new SlackApiError('expired_trigger_id');
  }

  private checkView(view: unknown, kind: 'modal' | 'home'): SlackView {
    const error = viewError(view, kind);
    if (error)
      throw new SlackApiError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${error}`] } });
    return view as SlackView;
  }

  private checkMessageContent(params: Params, requireContent: boolean): void {
    const text = str(params, 'text');
    const hasBlocks = params.blocks !== undefined && params.blocks !== '';
    const hasAttachments = params.attachments !== undefined && params.attachments !== '';
    if (requireContent && !text && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
    if (text && text.length > MAX_MESSAGE_TEXT) throw new SlackApiError('msg_too_long');
    if (hasBlocks) {
      const error = blocksError(params.blocks, MAX_MESSAGE_BLOCKS);
      if (error)
        throw new SlackApiError('invalid_blocks', { response_metadata: { messages: [`[ERROR] ${error}`] } });
    }
    if (hasAttachments && !Array.isArray(params.attachments)) throw new SlackApiError('invalid_attachments');
  }

  private threadRoot(channelId: string, threadTs: string | undefined): string | undefined {
    if (threadTs === undefined || threadTs === '') return undefined;
    const parent = this.findMessage(channelId, threadTs);
    if (!parent) throw new SlackApiError('thread_not_found');
    return parent.thread_ts ?? parent.ts;
  }

  // --- methods ---

  private registerHandlers(): void {
    const on = (method: string, handler: MethodHandler) => this.handlers.set(method, handler);

    on('api.test', (p) => ({ args: p }));

    on('auth.test', () => ({
      url: `https://${this.teamDomain}.slack.com/`,
      team: 'Sitrep Test',
      user: 'sitrep',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    }));

    on('chat.postMessage', (p) => {
      const found = this.target(str(p, 'channel'), { post: true, dmFromUser: true });
      this.checkMessageContent(p, true);
      const threadTs = found.id === '' ? undefined : this.threadRoot(found.id, str(p, 'thread_ts'));
      if (found.id === '' && str(p, 'thread_ts')) throw new SlackApiError('thread_not_found');
      const channel = this.materialize(found);
      const message: MessageState = {
        channel: channel.id,
        ts: this.nextTs(),
        text: str(p, 'text'),
        blocks: asBlocks(p.blocks),
        attachments: Array.isArray(p.attachments) ? p.attachments : undefined,
        thread_ts: threadTs,
        reply_broadcast: threadTs !== undefined && bool(p, 'reply_broadcast') === true,
        user: this.botUserId,
        bot_id: this.botId,
        edits: [],
        files: [],
        reactions: [],
        unfurl_links: bool(p, 'unfurl_links'),
        unfurl_media: bool(p, 'unfurl_media'),
        metadata: p.metadata,
        params: p,
      };
      this.insertMessage(message);
      return { channel: channel.id, ts: message.ts, message: this.messageJson(message) };
    });

    on('chat.postEphemeral', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false, dmFromUser: true });
      if (channel.archived) throw new SlackApiError('is_archived');
      const user = required(p, 'user', 'user_not_found');
      this.checkMessageContent(p, true);
      const target = this.materialize(channel);
      const messageTs = this.nextTs();
      this.ephemeralList.push({
        channel: target.id,
        user,
        text: str(p, 'text'),
        blocks: asBlocks(p.blocks),
        thread_ts: str(p, 'thread_ts'),
        message_ts: messageTs,
        time: Date.now(),
      });
      return { message_ts: messageTs };
    });

    on('chat.update', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      const ts = required(p, 'ts', 'message_not_found');
      const message = this.findMessage(channel.id, ts);
      if (!message) throw new SlackApiError('message_not_found');
      if (channel.archived) throw new SlackApiError('is_archived');
      if (message.user !== this.botUserId) throw new SlackApiError('cant_update_message');
      this.checkMessageContent(p, false);
      message.edits.push({
        text: message.text,
        blocks: message.blocks,
        attachments: message.attachments,
        replacedAt: Date.now(),
      });
      if (p.text !== undefined) message.text = str(p, 'text');
      if (p.blocks !== undefined) message.blocks = asBlocks(p.blocks);
      if (p.attachments !== undefined)
        message.attachments = Array.isArray(p.attachments) ? p.attachments : undefined;
      if (p.metadata !== undefined) message.metadata = p.metadata;
      return { channel: channel.id, ts, text: message.text ?? '', message: this.messageJson(message) };
    });

    on('chat.delete', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      const ts = required(p, 'ts', 'message_not_found');
      const list = this.messagesByChannel.get(channel.id) ?? [];
      const index = list.findIndex((m) => m.ts === ts);
      if (index < 0) throw new SlackApiError('message_not_found');
      if (list[index]?.user !== this.botUserId) throw new SlackApiError('cant_delete_message');
      list.splice(index, 1);
      return { channel: channel.id, ts };
    });

    on('chat.getPermalink', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      const ts = required(p, 'message_ts', 'message_not_found');
      const message = this.findMessage(channel.id, ts);
      if (!message) throw new SlackApiError('message_not_found');
      const thread = message.thread_ts ? `?thread_ts=${message.thread_ts}&cid=${channel.id}` : '';
      return {
        channel: channel.id,
        permalink: `https://${this.teamDomain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}${thread}`,
      };
    });

    on('conversations.create', (p) => {
      const name = str(p, 'name') ?? '';
      if (name === '') throw new SlackApiError('invalid_name_required');
      if (name.length > 80) throw new SlackApiError('invalid_name_maxlength');
      if (!CHANNEL_NAME.test(name)) throw new SlackApiError('invalid_name_specials');
      if (this.findChannel(name)) throw new SlackApiError('name_taken');
      const id = this.addChannel({ name, isPrivate: bool(p, 'is_private') === true });
      return { channel: this.channelJson(this.channelsById.get(id) as ChannelState) };
    });

    on('conversations.setTopic', (p) => {
      const channel = this.target(str(p, 'channel'), { post: true });
      const topic = str(p, 'topic') ?? '';
      if (topic.length > 250) throw new SlackApiError('too_long');
      channel.topic = topic;
      return { channel: this.channelJson(channel) };
    });

    on('conversations.setPurpose', (p) => {
      const channel = this.target(str(p, 'channel'), { post: true });
      channel.purpose = str(p, 'purpose') ?? '';
      return { channel: this.channelJson(channel), purpose: channel.purpose };
    });

    on('conversations.invite', (p) => {
      const channel = this.target(str(p, 'channel'), { post: true });
      if (channel.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
      const users = (str(p, 'users') ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== '');
      if (users.length === 0) throw new SlackApiError('no_user');
      if (users.includes(this.botUserId)) throw new SlackApiError('cant_invite_self');
      const fresh = users.filter((u) => !channel.members.has(u));
      if (fresh.length === 0) throw new SlackApiError('already_in_channel');
      for (const user of fresh) channel.members.add(user);
      return { channel: this.channelJson(channel) };
    });

    on('conversations.join', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      if (channel.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
      if (channel.archived) throw new SlackApiError('is_archived');
      const already = channel.members.has(this.botUserId);
      channel.members.add(this.botUserId);
      const warning = already ? { warning: 'already_in_channel' } : {};
      return { channel: this.channelJson(channel), ...warning };
    });

    on('conversations.info', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      return { channel: this.channelJson(channel) };
    });

    on('conversations.list', (p) => {
      const excludeArchived = bool(p, 'exclude_archived') === true;
      const channels = [...this.channelsById.values()]
        .filter((c) => !c.isIm && !(excludeArchived && c.archived))
        .map((c) => this.channelJson(c));
      return { channels, response_metadata: { next_cursor: '' } };
    });

    on('conversations.archive', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      if (channel.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
      if (channel.archived) throw new SlackApiError('already_archived');
      this.assertMember(channel);
      channel.archived = true;
      return {};
    });

    on('conversations.history', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      this.assertMember(channel);
      const latest = str(p, 'latest');
      const oldest = str(p, 'oldest');
      const inclusive = bool(p, 'inclusive') === true;
      const limit = Math.max(1, Math.min(int(p, 'limit') ?? 100, 999));
      const inRange = (m: MessageState) =>
        (latest === undefined || (inclusive ? compareTs(m.ts, latest) <= 0 : compareTs(m.ts, latest) < 0)) &&
        (oldest === undefined || (inclusive ? compareTs(m.ts, oldest) >= 0 : compareTs(m.ts, oldest) > 0));
      const matching = (this.messagesByChannel.get(channel.id) ?? [])
        .filter((m) => (m.thread_ts === undefined || m.reply_broadcast) && inRange(m))
        .reverse();
      return {
        messages: matching.slice(0, limit).map((m) => this.messageJson(m)),
        has_more: matching.length > limit,
        pin_count: channel.pins.length,
        response_metadata: { next_cursor: '' },
      };
    });

    on('conversations.replies', (p) => {
      const channel = this.target(str(p, 'channel'), { post: false });
      this.assertMember(channel);
      const ts = required(p, 'ts', 'thread_not_found');
      const parent = this.findMessage(channel.id, ts);
      if (!parent) throw new SlackApiError('thread_not_found');
      const root = parent.thread_ts ?? parent.ts;
      const all = (this.messagesByChannel.get(channel.id) ?? []).filter(
        (m) => m.ts === root || m.thread_ts === root,
      );
      return { messages: all.map((m) => this.messageJson(m)), has_more: false };
    });

    on('conversations.open', (p) => {
      const channelParam = str(p, 'channel');
      if (channelParam) {
        const existing = this.findChannel(channelParam);
        if (!existing) throw new SlackApiError('channel_not_found');
        return { channel: this.channelJson(existing) };
      }
      const users = (str(p, 'users') ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== '');
      if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
      if (users.length > 1) throw new SlackApiError('not_supported', { detail: 'group DMs are not faked' });
      const already = this.dms.has(users[0] as string);
      const dm = this.openDm(users[0] as string);
      return {
        channel: { id: dm.id, ...(bool(p, 'return_im') ? this.channelJson(dm) : {}) },
        already_open: already,
      };
    });

    on('views.open', (p) => {
      const triggerId = required(p, 'trigger_id', 'invalid_trigger_id');
      this.checkTrigger(triggerId);
      const view = this.checkView(p.view, 'modal');
      const { user } = this.consumeTrigger(triggerId);
      const id = this.nextId('V');
      const hash = `${Date.now()}.${this.nextNumber('hash')}`;
      this.viewsById.set(id, {
        id,
        method: 'views.open',
        trigger_id: triggerId,
        user,
        history: [view],
        hash,
        root_view_id: id,
        previous_view_id: undefined,
      });
      return { view: this.viewJson(id, view, hash) };
    });

    on('views.push', (p) => {
      const triggerId = required(p, 'trigger_id', 'invalid_trigger_id');
      this.checkTrigger(triggerId);
      const view = this.checkView(p.view, 'modal');
      const { user } = this.consumeTrigger(triggerId);
      const views = [...this.viewsById.values()];
      const previous = views.filter((v) => v.user === user).pop() ?? views.pop();
      const id = this.nextId('V');
      const hash = `${Date.now()}.${this.nextNumber('hash')}`;
      const root = previous?.root_view_id ?? id;
      this.viewsById.set(id, {
        id,
        method: 'views.push',
        trigger_id: triggerId,
        user,
        history: [view],
        hash,
        root_view_id: root,
        previous_view_id: previous?.id,
      });
      return {
        view: this.viewJson(id, view, hash, { root_view_id: root, previous_view_id: previous?.id ?? null }),
      };
    });

    on('views.update', (p) => {
      const viewId = str(p, 'view_id');
      const externalId = str(p, 'external_id');
      if (!viewId && !externalId)
        throw new SlackApiError('invalid_arguments', { detail: 'view_id or external_id' });
      const state = viewId
        ? this.viewsById.get(viewId)
        : [...this.viewsById.values()].find(
            (v) => v.history[v.history.length - 1]?.external_id === externalId,
          );
      if (!state) throw new SlackApiError('not_found');
      const hash = str(p, 'hash');
      if (hash && hash !== state.hash) throw new SlackApiError('hash_conflict');
      const view = this.checkView(p.view, 'modal');
      state.history.push(view);
      state.hash = `${Date.now()}.${this.nextNumber('hash')}`;
      return {
        view: this.viewJson(state.id, view, state.hash, {
          root_view_id: state.root_view_id,
          previous_view_id: state.previous_view_id ?? null,
        }),
      };
    });

    on('views.publish', (p) => {
      const user = required(p, 'user_id', 'invalid_arguments');
      const view = this.checkView(p.view, 'home');
      const history = this.homes.get(user) ?? [];
      const current = history[history.length - 1];
      const hash = str(p, 'hash');
      if (hash && current && hash !== current.hash) throw new SlackApiError('hash_conflict');
      const id = this.homeIds.get(user) ?? this.nextId('V');
      this.homeIds.set(user, id);
      const newHash = `${Date.now()}.${this.nextNumber('hash')}`;
      history.push({ id, user, view, hash: newHash, time: Date.now() });
      this.homes.set(user, history);
      return { view: this.viewJson(id, view, newHash) };
    });

    on('users.info', (p) => {
      const found = this.usersById.get(str(p, 'user') ?? '');
      if (!found) throw new SlackApiError('user_not_found');
      return {
        user: {
          id: found.id,
          team_id: this.teamId,
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
    });

    on('pins.add', (p) => {
      const channel = this.target(str(p, 'channel'), { post: true });
      const ts = required(p, 'timestamp', 'no_item_specified');
      if (!this.findMessage(channel.id, ts)) throw new SlackApiError('message_not_found');
      if (channel.pins.includes(ts)) throw new SlackApiError('already_pinned');
      channel.pins.push(ts);
      return {};
    });

    on('bookmarks.add', (p) => {
      const channel = this.target(str(p, 'channel_id'), { post: true });
      const title = required(p, 'title', 'invalid_arguments');
      const type = str(p, 'type') ?? 'link';
      const link = str(p, 'link');
      if (type === 'link' && !link) throw new SlackApiError('invalid_link');
      const bookmark: FakeBookmark = { id: this.nextId('Bk'), title, type, link, emoji: str(p, 'emoji') };
      channel.bookmarks.push(bookmark);
      return { bookmark: { ...bookmark, channel_id: channel.id } };
    });

    on('reactions.add', (p) => {
      const channel = this.target(str(p, 'channel'), { post: true });
      const ts = required(p, 'timestamp', 'no_item_specified');
      const name = required(p, 'name', 'invalid_name');
      const message = this.findMessage(channel.id, ts);
      if (!message) throw new SlackApiError('message_not_found');
      const reaction = message.reactions.find((r) => r.name === name);
      if (reaction?.users.includes(this.botUserId)) throw new SlackApiError('already_reacted');
      if (reaction) reaction.users.push(this.botUserId);
      else message.reactions.push({ name, users: [this.botUserId] });
      return {};
    });

    on('files.getUploadURLExternal', (p) => {
      const filename = required(p, 'filename', 'invalid_arguments');
      const length = int(p, 'length');
      if (length === undefined || length < 0)
        throw new SlackApiError('invalid_arguments', { detail: 'length' });
      const id = this.nextId('F');
      this.filesById.set(id, {
        id,
        filename,
        title: filename,
        length,
        content: Buffer.alloc(0),
        uploaded: false,
        completed: false,
        channel: undefined,
        thread_ts: undefined,
        initial_comment: undefined,
        ts: undefined,
        alt_text: str(p, 'alt_text'),
        snippet_type: str(p, 'snippet_type'),
      });
      return { upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
    });

    on('files.completeUploadExternal', (p) => {
      const entries = p.files;
      if (!Array.isArray(entries) || entries.length === 0) throw new SlackApiError('invalid_arguments');
      const files = entries.map((entry) => {
        const id = isObject(entry) && typeof entry.id === 'string' ? entry.id : '';
        const file = this.filesById.get(id);
        if (!file?.uploaded || file.completed) throw new SlackApiError('file_not_found');
        const title = isObject(entry) && typeof entry.title === 'string' ? entry.title : undefined;
        return { file, title };
      });
      const channelParam = str(p, 'channel_id') ?? str(p, 'channels');
      const found = channelParam ? this.target(channelParam, { post: true, dmFromUser: true }) : undefined;
      const threadTs = found && found.id !== '' ? this.threadRoot(found.id, str(p, 'thread_ts')) : undefined;
      const initialComment = str(p, 'initial_comment');
      const channel = found ? this.materialize(found) : undefined;
      let ts: string | undefined;
      if (channel) {
        const message: MessageState = {
          channel: channel.id,
          ts: this.nextTs(),
          text: initialComment ?? '',
          blocks: asBlocks(p.blocks),
          attachments: undefined,
          thread_ts: threadTs,
          reply_broadcast: false,
          user: this.botUserId,
          bot_id: this.botId,
          edits: [],
          files: files.map(({ file }) => file.id),
          reactions: [],
          unfurl_links: undefined,
          unfurl_media: undefined,
          metadata: undefined,
          params: p,
        };
        this.insertMessage(message);
        ts = message.ts;
      }
      for (const { file, title } of files) {
        file.completed = true;
        if (title !== undefined) file.title = title;
        file.channel = channel?.id;
        file.thread_ts = threadTs;
        file.initial_comment = initialComment;
        file.ts = ts;
      }
      return { files: files.map(({ file }) => this.fileJson(file.id)) };
    });
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlackServer(options);
  await fake.listen();
  return fake;
}
