import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AddNoteOutcome, ChannelMessage } from '../../incidents/add-note';
import { slackErrorCode } from '../effects/slack-errors';
import { rememberPeople } from '../people';
import type { SlackContext } from '../slack-context';

/** Message subtypes that carry a person's own words; the others are bots' or Slack's (joins, topics…). */
const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);

export const slackMessage = z
  .object({
    ts: z.string(),
    user: z.string().optional(),
    bot_id: z.string().nullish(),
    subtype: z.string().optional(),
    text: z.string().optional(),
  })
  .loose();
export type SlackMessage = z.infer<typeof slackMessage>;

export interface NoteRequest {
  channelId: string;
  ts: string;
  /** Idempotency key of the request (`slack-event:<event id>`). */
  requestKey: string;
  /** The message as the event carried it, if it did. */
  carried: SlackMessage | null;
}

/**
 * Reads the message behind a :pushpin: or a pin and adds it to its incident's timeline. Throws when
 * Slack or the database fails, so the caller can hand the request to the outbox to try again.
 */
export async function captureNote(
  ctx: SlackContext,
  client: WebClient,
  request: NoteRequest,
): Promise<AddNoteOutcome> {
  return ctx.service.addNote({
    channelId: request.channelId,
    requestKey: request.requestKey,
    message: async () => {
      const found = request.carried ?? (await readMessage(client, request.channelId, request.ts));
      return found ? toChannelMessage(ctx, client, found) : null;
    },
  });
}

/** The message at `ts`: top-level from the history, else a thread reply. */
async function readMessage(client: WebClient, channel: string, ts: string): Promise<SlackMessage | null> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const top = history.messages?.find((m) => m.ts === ts);
  if (top) return parseMessage(top);
  try {
    const thread = await client.conversations.replies({
      channel,
      ts,
      latest: ts,
      oldest: ts,
      inclusive: true,
    });
    const reply = thread.messages?.find((m) => m.ts === ts);
    return reply ? parseMessage(reply) : null;
  } catch (error) {
    if (slackErrorCode(error) === 'thread_not_found') return null;
    throw error;
  }
}

function parseMessage(raw: unknown): SlackMessage | null {
  const parsed = slackMessage.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

async function toChannelMessage(
  ctx: SlackContext,
  client: WebClient,
  message: SlackMessage,
): Promise<ChannelMessage> {
  const fromBot = Boolean(message.bot_id) || message.subtype === 'bot_message';
  const byPerson = !fromBot && !!message.user && (!message.subtype || PERSON_SUBTYPES.has(message.subtype));
  const text = message.text ?? '';
  let names = new Map<string, string>();
  if (byPerson && message.user) {
    const people = [message.user, ...mentionedUsers(text)];
    await rememberPeople(ctx, client, people);
    names = await ctx.people.names(people);
  }
  return {
    ts: message.ts,
    authorId: byPerson ? (message.user ?? null) : null,
    fromBot,
    text: readableText(text, names),
    occurredAt: tsToDate(message.ts),
  };
}

/** Slack's ts is Unix seconds with microseconds: `1662023445.000100`. */
function tsToDate(ts: string): Date {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Math.floor(Number(fraction.padEnd(6, '0').slice(0, 6)) / 1000));
}

const SLACK_TOKEN = /<([^<>]*)>/g;

function mentionedUsers(text: string): string[] {
  return [...text.matchAll(SLACK_TOKEN)]
    .map((m) => m[1] ?? '')
    .filter((inner) => inner.startsWith('@'))
    .map((inner) => inner.slice(1).split('|')[0] ?? '');
}

/**
 * A message's text as the person read it: Slack's `<@U…>`, `<#C…|name>`, `<url|label>` and `<!here>`
 * tokens become names and labels, and its `&amp;` `&lt;` `&gt;` escapes are undone. Exports name
 * people by display name, never by user id.
 */
function readableText(text: string, names: Map<string, string>): string {
  return text
    .replace(SLACK_TOKEN, (_, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar === -1 ? inner : inner.slice(0, bar);
      const label = bar === -1 ? undefined : inner.slice(bar + 1);
      if (target.startsWith('@')) return `@${names.get(target.slice(1)) ?? label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return label ?? `@${target.slice(1)}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
