/**
 * The fake's HTTP side on 127.0.0.1: the Web API (`/api/<method>`), the file upload URL and response
 * URLs, each passing through the injected faults and recorded in the call log.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults';
import { methods } from './methods';
import { channelSnapshot, messageSnapshot, viewSnapshot } from './render';
import {
  type AddChannelInput,
  type AddMessageInput,
  type FakeCall,
  type FakeChannel,
  type FakeEphemeral,
  type FakeFile,
  type FakeHomeView,
  type FakeMessage,
  type FakeResponse,
  type FakeSlack,
  type FakeSlackOptions,
  type FakeUpdate,
  type FakeUser,
  type FakeUserInput,
  type FakeView,
  type Fault,
  type MethodHandler,
  type Params,
  SlackApiError,
  type WaitForOptions,
} from './types';
import {
  asBlocks,
  bearer,
  bool,
  isObject,
  type ParsedRequest,
  parseRequest,
  sendJson,
  str,
  summarize,
} from './wire';
import { Counters, Workspace, type WorkspaceConfig } from './workspace';

/** What an endpoint answers: JSON `body`, or plain `text` with `body` kept for the call log. */
interface Answer {
  status: number;
  body: Params;
  text?: string;
  headers?: Record<string, string>;
}

type Perform = (request: ParsedRequest, token: string | undefined) => Answer;

function faultAnswer(fault: Fault): Answer {
  if (fault.status === 429) {
    return {
      status: 429,
      body: { ok: false, error: fault.error ?? 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfter ?? 1) },
    };
  }
  const status = fault.status ?? 200;
  return {
    status,
    body: { ok: false, error: fault.error ?? (status === 200 ? 'fatal_error' : 'internal_error') },
  };
}

class FakeSlackServer implements FakeSlack, WorkspaceConfig {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly triggerTtlMs: number;
  apiUrl = '';
  baseUrl = '';
  port = 0;

  private readonly server: http.Server;
  private readonly generalChannel: boolean;
  private readonly ids: Counters;
  private readonly faults = new Faults();
  private readonly custom = new Map<string, MethodHandler>();
  private readonly answerListeners: Array<() => void> = [];
  private ws: Workspace;
  private callLog: FakeCall[] = [];

  constructor(options: FakeSlackOptions) {
    this.teamId = options.teamId ?? 'T_SITREP';
    this.teamDomain = options.teamDomain ?? 'sitrep-test';
    this.botUserId = options.botUserId ?? 'U_SITREP_BOT';
    this.botId = options.botId ?? 'B_SITREP_BOT';
    this.triggerTtlMs = options.triggerTtlMs ?? 30_000;
    this.generalChannel = options.generalChannel ?? true;
    this.ids = new Counters(options.tsBase ?? 1_700_000_000);
    this.ws = this.seeded();
    this.server = http.createServer((req, res) => {
      this.notifyOnAnswer(res);
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          sendJson(res, 500, { ok: false, error: 'fake_slack_failure', detail: String(error) });
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
    this.faults.cancelTimers();
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
    this.ws = this.seeded();
    this.callLog = [];
    this.custom.clear();
    this.clearFaults();
  }

  private seeded(): Workspace {
    const ws = new Workspace(this, this.ids);
    ws.users.set(this.botUserId, {
      id: this.botUserId,
      name: 'sitrep',
      realName: 'Sitrep',
      displayName: 'Sitrep',
      tz: 'UTC',
      email: undefined,
      isBot: true,
    });
    if (this.generalChannel) ws.addChannel({ id: 'C_GENERAL', name: 'general' });
    return ws;
  }

  // --- setup ---

  addChannel(input: AddChannelInput): string {
    return this.ws.addChannel(input);
  }

  addUser(input: FakeUserInput): string {
    this.ws.users.set(input.id, {
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
    if (!this.ws.channels.has(channelId)) throw new Error(`fake Slack: no channel ${channelId}`);
    const ts = input.ts ?? this.ids.nextTs();
    if (this.ws.findMessage(channelId, ts)) throw new Error(`fake Slack: message ${ts} already exists`);
    this.ws.insertMessage(
      this.ws.newMessage({
        channel: channelId,
        ts,
        text: input.text,
        blocks: input.blocks,
        thread_ts: input.thread_ts,
        user: input.user,
        bot_id: undefined,
      }),
    );
    return ts;
  }

  // --- inspection ---

  channel(idOrName: string): FakeChannel | undefined {
    const state = this.ws.findChannel(idOrName);
    return state ? channelSnapshot(this.ws, state) : undefined;
  }

  channels(): FakeChannel[] {
    return [...this.ws.channels.values()].map((c) => channelSnapshot(this.ws, c));
  }

  messages(channelId: string): FakeMessage[] {
    return (this.ws.messages.get(channelId) ?? [])
      .filter((m) => m.thread_ts === undefined || m.reply_broadcast)
      .map((m) => messageSnapshot(this.ws, m));
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    const found = this.ws.findMessage(channelId, ts);
    return found ? messageSnapshot(this.ws, found) : undefined;
  }

  replies(channelId: string, threadTs: string): FakeMessage[] {
    return (this.ws.messages.get(channelId) ?? [])
      .filter((m) => m.thread_ts === threadTs)
      .map((m) => messageSnapshot(this.ws, m));
  }

  updates(channelId: string, ts: string): FakeUpdate[] {
    return this.ws.updates.filter((u) => u.channel === channelId && u.ts === ts).map((u) => ({ ...u }));
  }

  dmChannel(userId: string): string | undefined {
    return this.ws.dms.get(userId);
  }

  ephemerals(userId?: string): FakeEphemeral[] {
    return this.ws.ephemerals.filter((e) => userId === undefined || e.user === userId).map((e) => ({ ...e }));
  }

  views(): FakeView[] {
    return [...this.ws.views.values()].map(viewSnapshot);
  }

  homeViews(userId: string): FakeHomeView[] {
    return (this.ws.homes.get(userId) ?? []).map((h) => ({ ...h }));
  }

  files(options: { includeIncomplete?: boolean } = {}): FakeFile[] {
    return [...this.ws.files.values()]
      .filter((f) => f.completed || options.includeIncomplete === true)
      .map((f) => ({ ...f, content: Buffer.from(f.content) }));
  }

  user(id: string): FakeUser | undefined {
    const found = this.ws.users.get(id);
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
    const id = this.ids.id('R');
    this.ws.responseUrls.set(id, 0);
    return `${this.baseUrl}/response/${id}`;
  }

  responses(idOrUrl?: string): FakeResponse[] {
    const id = idOrUrl?.split('/').pop();
    return this.ws.responses.filter((r) => id === undefined || r.id === id).map((r) => ({ ...r }));
  }

  newTriggerId(userId?: string): string {
    return this.ws.newTriggerId(userId);
  }

  // --- faults ---

  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.failNext(method, fault, times);
  }

  failFor(method: string, fault: Fault, ms: number): void {
    this.faults.failFor(method, fault, ms);
  }

  stall(method: string, ms: number, times = Number.POSITIVE_INFINITY): void {
    this.faults.stall(method, ms, times);
  }

  answerLate(method: string, ms: number, times = Number.POSITIVE_INFINITY): void {
    this.faults.answerLate(method, ms, times);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  dropConnections(): void {
    this.server.closeAllConnections();
  }

  handle(method: string, handler: MethodHandler): void {
    this.custom.set(method, handler);
  }

  onAnswer(listener: () => void): void {
    this.answerListeners.push(listener);
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

  private notifyOnAnswer(res: http.ServerResponse): void {
    let done = false;
    const fire = () => {
      if (done) return;
      done = true;
      for (const listener of this.answerListeners) listener();
    };
    res.once('finish', fire);
    res.once('close', fire);
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const [, kind, id] = url.pathname.split('/');
    if (kind === 'api' && id)
      return this.exchange(id, req, res, url, (r, token) => this.apiCall(id, r, token));
    if (kind === 'upload' && id) return this.exchange('upload', req, res, url, (r) => this.upload(id, r));
    if (kind === 'response' && id) {
      return this.exchange('response_url', req, res, url, (r) => this.response(id, r), {
        response_url_id: id,
      });
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  /**
   * One request through the faults: a stall before the call, a fault that replaces the call (or, when
   * `applied`, only its answer), an answer held after the call; then the call log and the answer.
   */
  private async exchange(
    method: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    perform: Perform,
    logExtra: Params = {},
  ): Promise<void> {
    const time = Date.now();
    let abandoned = false;
    res.once('close', () => {
      if (!res.writableFinished) abandoned = true;
    });
    const request = await parseRequest(req, url);
    const token = bearer(req, request.params);
    await this.faults.beforeCall(method);
    const fault = this.faults.take(method);
    const performed = fault && !fault.applied ? undefined : perform(request, token);
    const answer = fault ? faultAnswer(fault) : (performed as Answer);
    await this.faults.beforeAnswer(method);
    const reset = fault?.reset === true;
    const logged: Params = { ...request.params, ...logExtra };
    const body = reset ? { ok: false, error: 'connection_reset' } : answer.body;
    this.callLog.push({
      method,
      params: logged,
      token,
      time,
      durationMs: Date.now() - time,
      status: reset ? 0 : answer.status,
      ok: !reset && answer.status === 200 && answer.body.ok === true,
      error: typeof body.error === 'string' ? body.error : undefined,
      response: body,
      abandoned: abandoned || req.socket.destroyed,
    });
    if (reset) {
      req.socket.destroy();
      return;
    }
    if (answer.text === undefined) {
      if (answer.headers)
        for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      sendJson(res, answer.status, answer.body);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'text/plain' });
    res.end(answer.text);
  }

  private apiCall(method: string, { params }: ParsedRequest, token: string | undefined): Answer {
    const handler = this.custom.get(method);
    const builtIn = methods.get(method);
    if (!token && method !== 'api.test') return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (!handler && !builtIn) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    try {
      const fields = handler
        ? handler(params, { method, token })
        : (builtIn as NonNullable<typeof builtIn>)(this.ws, params);
      return { status: 200, body: { ok: true, ...fields } };
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
    }
  }

  private upload(fileId: string, { bytes }: ParsedRequest): Answer {
    const file = this.ws.files.get(fileId);
    if (!file || file.completed)
      return { status: 404, body: { ok: false, error: 'file_not_found' }, text: 'file_not_found' };
    file.content = Buffer.from(bytes);
    file.uploaded = true;
    return { status: 200, body: { ok: true }, text: `OK - ${bytes.length}` };
  }

  private response(id: string, { params }: ParsedRequest): Answer {
    const uses = this.ws.responseUrls.get(id);
    if (uses === undefined || uses >= 5) {
      return { status: 404, body: { ok: false, error: uses === undefined ? 'invalid_url' : 'used_url' } };
    }
    this.ws.responseUrls.set(id, uses + 1);
    const payload: Params = isObject(params.payload) ? params.payload : params;
    this.ws.responses.push({
      id,
      url: `${this.baseUrl}/response/${id}`,
      body: payload,
      text: str(payload, 'text'),
      blocks: asBlocks(payload.blocks),
      response_type: str(payload, 'response_type'),
      replace_original: bool(payload, 'replace_original'),
      delete_original: bool(payload, 'delete_original'),
      time: Date.now(),
    });
    return { status: 200, body: { ok: true } };
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlackServer(options);
  await fake.listen();
  return fake;
}
