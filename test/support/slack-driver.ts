/**
 * Sends what Slack sends — slash commands, view submissions, block actions, events — to the app's
 * real Bolt endpoint, signed with the signing secret exactly as Slack signs them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type {
  BasicElementAction,
  BlockAction,
  EnvelopedEvent,
  SlashCommand,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import type { PinAddedEvent, ReactionAddedEvent } from '@slack/types';
import { type FakeSlack, type Params, type SlackBlock, type SlackView, textOf } from './fake-slack';

/** An element action as Slack sends it: the common fields, plus those of its element type. */
export type ElementAction = BasicElementAction & Params;
/** Bolt's `BlockAction`, but Slack leaves `response_url` out of an action inside a view. */
export type BlockActionPayload = Omit<BlockAction<ElementAction>, 'response_url'> & { response_url?: string };

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SignOptions {
  /** Unix seconds sent as `x-slack-request-timestamp` (default now); an old one makes a stale request. */
  timestamp?: number;
  /** Sign with this secret instead of the driver's (a wrong signature). */
  signingSecret?: string;
  /** Send no signature headers at all. */
  unsigned?: boolean;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
}

/** The fields of a JSON answer from the app (ack bodies, view submission answers, url_verification). */
export interface AckBody {
  response_action?: string;
  errors?: Record<string, string>;
  view?: SlackView;
  text?: string;
  blocks?: SlackBlock[];
  response_type?: string;
  challenge?: string;
  [key: string]: unknown;
}

export interface DriverResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON when the answer is JSON, else the raw text ('' for an empty ack). */
  body: AckBody | string;
  /** The JSON body; throws when the answer was not JSON. */
  json(): AckBody;
  /** The readable text of the answer: the text itself, or `text` plus every text in `blocks`. */
  text(): string;
}

export interface CommandResponse extends DriverResponse {
  payload: SlashCommand;
  responseUrl: string;
  triggerId: string;
}

export interface InteractionResponse<P = BlockActionPayload | ViewSubmitAction> extends DriverResponse {
  payload: P;
  triggerId: string;
  responseUrl: string | undefined;
}

/** What `event()` sends: a typed Slack event, or any event as a plain object. */
export type SlackEventPayload = Params | ReactionAddedEvent | PinAddedEvent;

export interface EventResponse extends DriverResponse {
  eventId: string;
  envelope: EnvelopedEvent<SlackEventPayload>;
}

export interface CommandOptions extends SignOptions {
  userId?: string;
  channelId?: string;
  command?: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface ViewSubmissionOptions extends SignOptions {
  callbackId: string;
  values: StateValues;
  /** Defaults to the private_metadata of the last view the app opened with this callback id. */
  privateMetadata?: string;
  viewId?: string;
  hash?: string;
  userId?: string;
  triggerId?: string;
}

export interface BlockActionOptions extends SignOptions {
  actionId: string;
  value?: string;
  blockId?: string;
  userId?: string;
  channelId?: string;
  messageTs?: string;
  /** Clicked inside a view (App Home or a modal) instead of a message. */
  viewId?: string;
  triggerId?: string;
  /** Merged into the action object (e.g. `{ type: 'static_select', selected_option: … }`). */
  action?: Params;
}

export interface OverflowOptions extends SignOptions {
  /** The overflow menu's action id, e.g. `incident_update_menu`. */
  actionId: string;
  /** The value of the option chosen; it must be one of the menu's options. */
  value: string;
  channelId: string;
  messageTs: string;
  userId?: string;
}

export interface EventOptions extends SignOptions {
  eventId?: string;
  eventTime?: number;
  retryNum?: number;
  retryReason?: string;
}

export interface RawOptions extends SignOptions {
  contentType?: string;
}

// --- state.values builders ------------------------------------------------------------------------

export interface PlainTextInputValue {
  type: 'plain_text_input';
  value: string | null;
}
export interface StaticSelectValue {
  type: 'static_select';
  selected_option: SelectedOption | null;
}
export interface MultiStaticSelectValue {
  type: 'multi_static_select';
  selected_options: SelectedOption[];
}
export interface DateTimePickerValue {
  type: 'datetimepicker';
  selected_date_time: number | null;
}
export interface CheckboxesValue {
  type: 'checkboxes';
  selected_options: SelectedOption[];
}
export interface UsersSelectValue {
  type: 'users_select';
  selected_user: string | null;
}
export interface SelectedOption {
  value: string;
  text: { type: 'plain_text'; text: string; emoji?: boolean };
}
export type ElementValue =
  | PlainTextInputValue
  | StaticSelectValue
  | MultiStaticSelectValue
  | DateTimePickerValue
  | CheckboxesValue
  | UsersSelectValue;
/** block_id → action_id → element value, as Slack sends `view.state.values`. */
export type StateValues = Record<string, Record<string, ElementValue>>;

function option(value: string): SelectedOption {
  return { value, text: { type: 'plain_text', text: value, emoji: true } };
}

export function text(value: string | null): PlainTextInputValue {
  return { type: 'plain_text_input', value };
}

export function select(value: string | null): StaticSelectValue {
  return { type: 'static_select', selected_option: value === null ? null : option(value) };
}

export function multiSelect(values: string[]): MultiStaticSelectValue {
  return { type: 'multi_static_select', selected_options: values.map(option) };
}

/** A datetimepicker submits Unix seconds. */
export function dateTime(unixSeconds: number | null): DateTimePickerValue {
  return { type: 'datetimepicker', selected_date_time: unixSeconds };
}

/** Checkboxes submit the ticked options only. */
export function checkboxes(values: string[]): CheckboxesValue {
  return { type: 'checkboxes', selected_options: values.map(option) };
}

export function user(id: string | null): UsersSelectValue {
  return { type: 'users_select', selected_user: id };
}

/** `{ title: text('x') }` → `{ title: { title: {...} } }` (block_id equals action_id in this app). */
export function stateValues(fields: Record<string, ElementValue | undefined>): StateValues {
  const values: StateValues = {};
  for (const [id, element] of Object.entries(fields)) {
    if (element !== undefined) values[id] = { [id]: element };
  }
  return values;
}

// --- event builders -------------------------------------------------------------------------------

export function reactionAddedEvent(input: {
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  /** The author of the message reacted to (default: the reacting user). */
  itemUser?: string;
}): ReactionAddedEvent {
  return {
    type: 'reaction_added',
    user: input.user,
    reaction: input.reaction,
    item_user: input.itemUser ?? input.user,
    item: { type: 'message', channel: input.channel, ts: input.ts },
    event_ts: eventTs(),
  };
}

export function pinAddedEvent(input: {
  user: string;
  channel: string;
  ts: string;
  /** The pinned message's author and text, when Slack includes them. */
  message?: { user: string; text: string };
}): PinAddedEvent {
  const author = input.message?.user ?? input.user;
  const permalink = `https://sitrep-test.slack.com/archives/${input.channel}/p${input.ts.replace('.', '')}`;
  return {
    type: 'pin_added',
    user: input.user,
    channel_id: input.channel,
    item: {
      type: 'message',
      channel: input.channel,
      created: Math.floor(Date.now() / 1000),
      created_by: input.user,
      message: { type: 'message', ts: input.ts, permalink, ...(input.message ?? { user: author }) },
    },
    item_user: author,
    pin_count: '1',
    pinned_info: { channel: input.channel, pinned_by: input.user, pinned_ts: Math.floor(Date.now() / 1000) },
    event_ts: eventTs(),
  };
}

function eventTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
}

// --- the driver -----------------------------------------------------------------------------------

export interface SlackDriverOptions {
  /** The app's Bolt endpoint, e.g. `http://127.0.0.1:PORT/slack/events`. */
  eventsUrl: string;
  signingSecret: string;
  fake?: FakeSlack;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** The legacy verification token sent in payloads (Bolt ignores it). */
  verificationToken?: string;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
}

export class SlackDriver {
  readonly eventsUrl: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly apiAppId: string;
  private readonly signingSecret: string;
  private readonly fake: FakeSlack | undefined;
  private readonly verificationToken: string;
  private readonly timeoutMs: number;
  private counter = 0;

  constructor(opts: SlackDriverOptions) {
    this.eventsUrl = opts.eventsUrl;
    this.signingSecret = opts.signingSecret;
    this.fake = opts.fake;
    this.teamId = opts.teamId ?? opts.fake?.teamId ?? 'T_SITREP';
    this.teamDomain = opts.teamDomain ?? opts.fake?.teamDomain ?? 'sitrep-test';
    this.apiAppId = opts.apiAppId ?? 'A_SITREP';
    this.verificationToken = opts.verificationToken ?? 'legacy-verification-token';
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /** A slash command, form-encoded as Slack sends it. */
  async command(commandText: string, options: CommandOptions = {}): Promise<CommandResponse> {
    const userId = options.userId ?? 'U_RESPONDER';
    const channelId = options.channelId ?? 'C_GENERAL';
    const triggerId = options.triggerId ?? this.newTriggerId(userId);
    const responseUrl = options.responseUrl ?? this.newResponseUrl();
    const fields: SlashCommand = {
      token: this.verificationToken,
      team_id: this.teamId,
      team_domain: this.teamDomain,
      channel_id: channelId,
      channel_name: this.channelName(channelId),
      user_id: userId,
      user_name: this.userName(userId),
      command: options.command ?? '/incident',
      text: commandText,
      api_app_id: this.apiAppId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const response = await this.post(
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
      options,
    );
    return { ...response, payload: fields, responseUrl, triggerId };
  }

  /** A `view_submission`; unset view fields come from the last view the app opened with this callback id. */
  async viewSubmission(options: ViewSubmissionOptions): Promise<InteractionResponse<ViewSubmitAction>> {
    const userId = options.userId ?? 'U_RESPONDER';
    const opened = this.fake
      ?.views()
      .filter((v) => v.view.callback_id === options.callbackId)
      .pop();
    const viewId = options.viewId ?? opened?.id ?? this.nextId('V');
    const triggerId = options.triggerId ?? this.newTriggerId(userId);
    const view: ViewOutput = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Sitrep' },
      blocks: [],
      close: null,
      submit: null,
      clear_on_close: false,
      notify_on_close: false,
      ...(opened?.view as Partial<ViewOutput> | undefined),
      id: viewId,
      team_id: this.teamId,
      app_id: this.apiAppId,
      app_installed_team_id: this.teamId,
      bot_id: 'B_SITREP_BOT',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata ?? opened?.view.private_metadata ?? '',
      external_id: opened?.view.external_id ?? '',
      state: { values: options.values },
      hash: options.hash ?? opened?.hash ?? `${Math.floor(Date.now() / 1000)}.${this.nextId('h')}`,
      previous_view_id: opened?.previous_view_id ?? null,
      root_view_id: opened?.root_view_id ?? viewId,
    };
    const payload: ViewSubmitAction = {
      type: 'view_submission',
      team: { id: this.teamId, domain: this.teamDomain },
      user: this.userPayload(userId),
      api_app_id: this.apiAppId,
      token: this.verificationToken,
      trigger_id: triggerId,
      view,
      response_urls: [],
      is_enterprise_install: false,
    };
    const response = await this.interaction({ ...payload, enterprise: null }, options);
    return { ...response, payload, triggerId, responseUrl: undefined };
  }

  /** A `block_actions` click on a message button (or, with `viewId`, inside a view). */
  async blockAction(options: BlockActionOptions): Promise<InteractionResponse<BlockActionPayload>> {
    const userId = options.userId ?? 'U_RESPONDER';
    const channelId = options.channelId ?? 'C_GENERAL';
    const triggerId = options.triggerId ?? this.newTriggerId(userId);
    const type = typeof options.action?.type === 'string' ? options.action.type : 'button';
    const action: ElementAction = {
      type,
      action_id: options.actionId,
      block_id: options.blockId ?? options.actionId,
      // Only a button's action carries the element's text.
      ...(type === 'button' ? { text: { type: 'plain_text', text: options.actionId, emoji: true } } : {}),
      action_ts: eventTs(),
      ...(options.value !== undefined ? { value: options.value } : {}),
      ...(options.action ?? {}),
    };
    const payload: BlockActionPayload = {
      type: 'block_actions',
      user: this.userPayload(userId),
      api_app_id: this.apiAppId,
      token: this.verificationToken,
      trigger_id: triggerId,
      team: { id: this.teamId, domain: this.teamDomain },
      is_enterprise_install: false,
      state: { values: {} },
      actions: [action],
      container: {},
    };
    let responseUrl: string | undefined;
    if (options.viewId !== undefined) {
      payload.container = { type: 'view', view_id: options.viewId };
      payload.view = this.viewPayload(options.viewId, userId);
    } else {
      const messageTs = options.messageTs ?? eventTs();
      responseUrl = this.newResponseUrl();
      payload.container = {
        type: 'message',
        message_ts: messageTs,
        channel_id: channelId,
        is_ephemeral: false,
      };
      payload.channel = { id: channelId, name: this.channelName(channelId) };
      payload.message = this.messagePayload(channelId, messageTs);
      payload.response_url = responseUrl;
    }
    // Slack sends `enterprise: null` outside Enterprise Grid, where Bolt's type has no such field.
    const response = await this.interaction({ ...payload, enterprise: null }, options);
    return { ...response, payload, triggerId, responseUrl };
  }

  /**
   * Chooses an option of an overflow menu on a message the fake holds, as a click does: the block id
   * is the menu's block, and a value the menu does not offer fails here instead of reaching the app.
   */
  async chooseOverflow(options: OverflowOptions): Promise<InteractionResponse<BlockActionPayload>> {
    const message = this.fake?.message(options.channelId, options.messageTs);
    if (!message) throw new Error(`Slack driver: no message ${options.messageTs} in ${options.channelId}`);
    const found = findElement(message.blocks ?? [], 'overflow', options.actionId);
    if (!found)
      throw new Error(`Slack driver: message ${options.messageTs} has no overflow ${options.actionId}`);
    const offered = Array.isArray(found.element.options) ? (found.element.options as SelectedOption[]) : [];
    const chosen = offered.find((o) => o.value === options.value);
    if (!chosen) {
      const values = offered.map((o) => o.value).join(', ');
      throw new Error(`Slack driver: overflow ${options.actionId} offers ${values}, not ${options.value}`);
    }
    return this.blockAction({
      ...options,
      blockId: found.blockId,
      action: { type: 'overflow', selected_option: { text: chosen.text, value: chosen.value } },
    });
  }

  /** An Events API `event_callback`; pass the same `eventId` with `retryNum` to replay a Slack retry. */
  async event(event: SlackEventPayload, options: EventOptions = {}): Promise<EventResponse> {
    const eventId = options.eventId ?? `Ev${this.nextId('')}`;
    const envelope: EnvelopedEvent<SlackEventPayload> = {
      token: this.verificationToken,
      team_id: this.teamId,
      api_app_id: this.apiAppId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.fake?.botUserId ?? 'U_SITREP_BOT',
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(8).toString('hex')}`,
    };
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
    const response = await this.post(JSON.stringify(envelope), 'application/json', { ...options, headers });
    return { ...response, eventId, envelope };
  }

  urlVerification(challenge: string, options: SignOptions = {}): Promise<DriverResponse> {
    const body = JSON.stringify({ token: this.verificationToken, challenge, type: 'url_verification' });
    return this.post(body, 'application/json', options);
  }

  /** Any body (an object is sent as JSON), signed unless `unsigned`. */
  raw(body: string | Params, options: RawOptions = {}): Promise<DriverResponse> {
    const isString = typeof body === 'string';
    const contentType =
      options.contentType ?? (isString ? 'application/x-www-form-urlencoded' : 'application/json');
    return this.post(isString ? body : JSON.stringify(body), contentType, options);
  }

  /** Headers Slack would send with this body (for requests made some other way). */
  signedHeaders(rawBody: string, options: SignOptions = {}): Record<string, string> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const secret = options.signingSecret ?? this.signingSecret;
    return {
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, rawBody),
    };
  }

  // --- internals ---

  private interaction(payload: object, options: SignOptions): Promise<DriverResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  private newTriggerId(userId: string): string {
    if (this.fake) return this.fake.newTriggerId(userId);
    return `${Date.now()}.${this.nextId('')}.${randomBytes(10).toString('hex')}`;
  }

  private newResponseUrl(): string {
    if (this.fake) return this.fake.responseUrl();
    return `http://127.0.0.1:9/response/${this.nextId('R')}`;
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(10, '0')}`;
  }

  private channelName(channelId: string): string {
    const channel = this.fake?.channel(channelId);
    if (channel?.isIm) return 'directmessage';
    return channel?.name ?? (channelId === 'C_GENERAL' ? 'general' : channelId.toLowerCase());
  }

  private userPayload(userId: string): { id: string; username: string; name: string; team_id: string } {
    const name = this.userName(userId);
    return { id: userId, username: name, name, team_id: this.teamId };
  }

  private userName(userId: string): string {
    return this.fake?.user(userId)?.name ?? userId.toLowerCase();
  }

  private messagePayload(channelId: string, ts: string): NonNullable<BlockActionPayload['message']> {
    const found = this.fake?.message(channelId, ts);
    if (!found) return { type: 'message', ts, text: '', user: this.fake?.botUserId ?? 'U_SITREP_BOT' };
    const message: NonNullable<BlockActionPayload['message']> = {
      type: 'message',
      ts: found.ts,
      text: found.text ?? '',
      user: found.user,
    };
    if (found.bot_id) message.bot_id = found.bot_id;
    if (found.blocks) message.blocks = found.blocks;
    if (found.thread_ts) message.thread_ts = found.thread_ts;
    return message;
  }

  private viewPayload(viewId: string, userId: string): ViewOutput {
    const modal = this.fake?.views().find((v) => v.id === viewId);
    const home = this.fake
      ?.homeViews(userId)
      .filter((h) => h.id === viewId)
      .pop();
    const view = modal?.view ?? home?.view ?? { type: 'home', blocks: [] };
    return {
      callback_id: '',
      bot_id: this.fake?.botId ?? 'B_SITREP_BOT',
      title: { type: 'plain_text', text: '' },
      close: null,
      submit: null,
      private_metadata: '',
      clear_on_close: false,
      notify_on_close: false,
      blocks: [],
      ...(view as Partial<ViewOutput>),
      id: viewId,
      team_id: this.teamId,
      app_id: this.apiAppId,
      state: { values: {} },
      hash: modal?.hash ?? home?.hash ?? '',
      type: view.type,
      root_view_id: modal?.root_view_id ?? viewId,
      previous_view_id: modal?.previous_view_id ?? null,
    };
  }

  private post(rawBody: string, contentType: string, options: SignOptions): Promise<DriverResponse> {
    const url = new URL(this.eventsUrl);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(rawBody)),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...(options.unsigned ? {} : this.signedHeaders(rawBody, options)),
      ...(options.headers ?? {}),
    };
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', headers, agent: false, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks).toString('utf8'))));
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`Slack driver: no answer from ${this.eventsUrl} in ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(rawBody);
    });
  }
}

/** The first element of `type` with `actionId` in these blocks (accessories and actions elements). */
function findElement(
  blocks: SlackBlock[],
  type: string,
  actionId: string,
): { blockId: string | undefined; element: Params } | undefined {
  for (const block of blocks) {
    const elements = [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
    for (const element of elements) {
      if (typeof element !== 'object' || element === null) continue;
      const candidate = element as Params;
      if (candidate.type === type && candidate.action_id === actionId)
        return { blockId: block.block_id, element: candidate };
    }
  }
  return undefined;
}

function toResponse(res: http.IncomingMessage, rawBody: string): DriverResponse {
  const contentType = res.headers['content-type'] ?? '';
  let body: AckBody | string = rawBody;
  if (contentType.includes('json') && rawBody !== '') {
    const parsed: unknown = JSON.parse(rawBody);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as AckBody;
  }
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    rawBody,
    body,
    json() {
      if (typeof body === 'string')
        throw new Error(`Slack driver: the answer was not JSON: ${rawBody.slice(0, 200)}`);
      return body;
    },
    text() {
      return typeof body === 'string' ? body : textOf(body);
    },
  };
}
