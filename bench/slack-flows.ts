/**
 * What a responder does in Slack, driven against the real endpoint (requests signed like Slack's by the
 * test kit's driver) and observed in the fake Slack's process through its control endpoint.
 */
import {
  DECLARE_CALLBACK,
  UPDATE_CALLBACK,
  UPDATE_EDIT_CALLBACK,
  UPDATE_MENU_ACTION,
} from '../src/slack/ids';
import { declareValues, updateValues } from '../test/support/scenarios';
import { SlackDriver, select, stateValues, text } from '../test/support/slack-driver';
import { requestJson } from './http-load';

/** Wall-clock milliseconds with sub-millisecond precision, comparable with the fake's. */
export const wallNow = () => performance.timeOrigin + performance.now();

export interface ChannelProgress {
  rootTs: string | null;
  replies: number;
  edits: number;
}

/** A message and how many times it has been edited (a watch target: at least that many). */
export interface MessageEdits {
  channel: string;
  ts: string;
  edits: number;
}

export interface WatchResult {
  ref: string | null;
  targets: Record<string, number | null>;
  channels: Record<string, ChannelProgress>;
}

export class FakeControl {
  constructor(readonly url: string) {}

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const method = path.startsWith('/triggers') || path.startsWith('/response-urls') || body ? 'POST' : 'GET';
    const result = await requestJson<T>(`${this.url}${path}`, { method, body });
    if (result.status !== 200) throw new Error(`fake control ${path}: ${result.status} ${result.text}`);
    return result.body;
  }

  async trigger(user: string): Promise<string> {
    const { triggerIds } = await this.call<{ triggerIds: string[] }>(`/triggers?n=1&user=${user}`);
    return triggerIds[0] as string;
  }

  async responseUrls(n: number): Promise<string[]> {
    const urls: string[] = [];
    for (let left = n; left > 0; left -= 50_000) {
      const batch = await this.call<{ urls: string[] }>(`/response-urls?n=${Math.min(left, 50_000)}`);
      urls.push(...batch.urls);
    }
    return urls;
  }

  view(
    trigger: string,
  ): Promise<{ id: string; callbackId: string | null; privateMetadata: string; hash: string }> {
    return this.call(`/view?trigger=${encodeURIComponent(trigger)}&timeoutMs=10000`);
  }

  async watch(input: {
    channels: string[];
    ref?: string;
    title?: string;
    targets: { name: string; replies: number; edits: number }[];
    messages?: MessageEdits[];
  }): Promise<string> {
    const { id } = await this.call<{ id: string }>('/watches', input);
    return id;
  }

  awaitWatch(id: string, timeoutMs = 15_000): Promise<WatchResult> {
    return this.call(`/watch?id=${id}&timeoutMs=${timeoutMs}`);
  }

  announcements(ref: string, channels: string[]): Promise<WatchResult> {
    return this.call(`/announcements?ref=${ref}&channels=${channels.join(',')}`);
  }

  /** The incident's latest update (its reply in `channel`) and every message showing it. */
  updateCopies(ref: string, channel: string): Promise<{ value: string; ts: string; copies: MessageEdits[] }> {
    return this.call(`/update-copies?ref=${ref}&channel=${channel}`);
  }

  counts(): Promise<{ calls: number; byMethod: Record<string, number>; responses: number }> {
    return this.call('/counts');
  }
}

export interface FlowContext {
  driver: SlackDriver;
  control: FakeControl;
  channels: string[];
  userId: string;
}

export function slackDriver(eventsUrl: string, signingSecret: string, teamId: string): SlackDriver {
  return new SlackDriver({ eventsUrl, signingSecret, teamId, teamDomain: 'sitrep-bench', timeoutMs: 10_000 });
}

/** `/incident <text>` with a trigger the fake accepts, then the modal it opened. */
async function openModal(ctx: FlowContext, text: string) {
  const triggerId = await ctx.control.trigger(ctx.userId);
  const [responseUrl] = await ctx.control.responseUrls(1);
  const opened = await ctx.driver.command(text, { triggerId, responseUrl, userId: ctx.userId });
  if (opened.status !== 200) throw new Error(`/incident ${text} answered ${opened.status}`);
  return ctx.control.view(triggerId);
}

export interface DeclareTiming {
  ref: string;
  /** Submission sent → the root message present in every announce channel (ms). */
  rootsMs: number;
  /** Submission sent → the submission acknowledged (ms). */
  ackMs: number;
  /** Submission sent → roots, first reply and the edit that links the incident channel, everywhere (ms). */
  settledMs: number;
}

/** Declares through the modal; times the submission until the root messages exist in all channels. */
export async function declareOnce(
  ctx: FlowContext,
  title: string,
  components: string[],
): Promise<DeclareTiming> {
  const view = await openModal(ctx, `declare ${title}`);
  const watch = await ctx.control.watch({
    channels: ctx.channels,
    title,
    targets: [
      { name: 'roots', replies: 0, edits: 0 },
      { name: 'settled', replies: 1, edits: 1 },
    ],
  });
  const sent = wallNow();
  const response = await ctx.driver.viewSubmission({
    callbackId: DECLARE_CALLBACK,
    values: declareValues({ title, impact: 'major', components, message: `${title}: error rates are up.` }),
    privateMetadata: view.privateMetadata,
    viewId: view.id,
    hash: view.hash,
    userId: ctx.userId,
  });
  const acked = wallNow();
  if (response.status !== 200 || response.rawBody !== '') {
    throw new Error(`declare submission answered ${response.status} ${response.rawBody.slice(0, 300)}`);
  }
  const result = await ctx.control.awaitWatch(watch);
  const { roots, settled } = result.targets;
  if (!result.ref || roots == null || settled == null) {
    throw new Error(`declare of "${title}": announcements incomplete ${JSON.stringify(result)}`);
  }
  return { ref: result.ref, rootsMs: roots - sent, ackMs: acked - sent, settledMs: settled - sent };
}

export interface UpdateTiming {
  /** Submission sent → root edited and the reply threaded, in every announce channel (ms). */
  ms: number;
  ackMs: number;
}

/** Posts an update through the modal; times the submission until every channel shows it. */
export async function updateOnce(
  ctx: FlowContext,
  ref: string,
  stage: string,
  message: string,
): Promise<UpdateTiming> {
  const view = await openModal(ctx, `update ${ref}`);
  const before = await ctx.control.announcements(ref, ctx.channels);
  const progress = Object.values(before.channels);
  if (progress.some((p) => p.rootTs === null)) throw new Error(`${ref} has no root message in every channel`);
  const replies = Math.min(...progress.map((p) => p.replies));
  const edits = Math.min(...progress.map((p) => p.edits));
  const watch = await ctx.control.watch({
    channels: ctx.channels,
    ref,
    targets: [{ name: 'done', replies: replies + 1, edits: edits + 1 }],
  });
  const sent = wallNow();
  const response = await ctx.driver.viewSubmission({
    callbackId: UPDATE_CALLBACK,
    values: updateValues({ stage, message, impact: 'major' }),
    privateMetadata: view.privateMetadata,
    viewId: view.id,
    hash: view.hash,
    userId: ctx.userId,
  });
  const acked = wallNow();
  if (response.status !== 200 || response.rawBody !== '') {
    throw new Error(`update submission answered ${response.status} ${response.rawBody.slice(0, 300)}`);
  }
  const result = await ctx.control.awaitWatch(watch);
  const done = result.targets.done;
  if (done == null) throw new Error(`update of ${ref}: announcements incomplete ${JSON.stringify(result)}`);
  return { ms: done - sent, ackMs: acked - sent };
}

export interface EditTiming {
  /** Submission sent → every copy of the update edited and every root re-rendered (ms). */
  ms: number;
  ackMs: number;
  /** How many messages showed the update (incident channel and announce threads). */
  copies: number;
}

/**
 * Edits the incident's latest update through its message menu and the `update_edit` modal; times the
 * submission until each message that shows the update and each root message has been edited.
 */
export async function editOnce(
  ctx: FlowContext,
  ref: string,
  stage: string,
  message: string,
): Promise<EditTiming> {
  const channel = ctx.channels[0] as string;
  const update = await ctx.control.updateCopies(ref, channel);
  const triggerId = await ctx.control.trigger(ctx.userId);
  const clicked = await ctx.driver.blockAction({
    actionId: UPDATE_MENU_ACTION,
    triggerId,
    userId: ctx.userId,
    channelId: channel,
    messageTs: update.ts,
    action: {
      type: 'overflow',
      selected_option: { text: { type: 'plain_text', text: 'Edit' }, value: update.value },
    },
  });
  if (clicked.status !== 200) throw new Error(`menu click on ${ref} answered ${clicked.status}`);
  const view = await ctx.control.view(triggerId);
  const before = await ctx.control.announcements(ref, ctx.channels);
  const progress = Object.values(before.channels);
  const watch = await ctx.control.watch({
    channels: ctx.channels,
    ref,
    targets: [
      {
        name: 'done',
        replies: Math.min(...progress.map((p) => p.replies)),
        edits: Math.min(...progress.map((p) => p.edits)) + 1,
      },
    ],
    messages: update.copies.map((c) => ({ ...c, edits: c.edits + 1 })),
  });
  const sent = wallNow();
  const response = await ctx.driver.viewSubmission({
    callbackId: UPDATE_EDIT_CALLBACK,
    values: stateValues({ stage: select(stage), message: text(message) }),
    privateMetadata: view.privateMetadata,
    viewId: view.id,
    hash: view.hash,
    userId: ctx.userId,
  });
  const acked = wallNow();
  if (response.status !== 200 || response.rawBody !== '') {
    throw new Error(`edit submission answered ${response.status} ${response.rawBody.slice(0, 300)}`);
  }
  const result = await ctx.control.awaitWatch(watch);
  const done = result.targets.done;
  if (done == null) throw new Error(`edit on ${ref}: messages not all edited ${JSON.stringify(result)}`);
  return { ms: done - sent, ackMs: acked - sent, copies: update.copies.length };
}
