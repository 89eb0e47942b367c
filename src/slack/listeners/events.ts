import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { addNote, type ChannelMessage } from '../../incidents/add-note';
import { incidentRef } from '../../incidents/model';
import { slackErrorCode } from '../outbox/slack-errors';
import { rememberPeople } from '../people';
import type { SlackContext } from '../slack-context';

/** The reaction that makes a message a timeline note (SPEC §5.4); pinning does the same. */
const NOTE_REACTION = 'pushpin';

/** Message subtypes that carry a person's own words; the others are bots' or Slack's (joins, topics…). */
const PERSON_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message']);

const slackMessage = z
  .object({
    ts: z.string(),
    user: z.string().optional(),
    bot_id: z.string().nullish(),
    subtype: z.string().optional(),
    text: z.string().optional(),
  })
  .loose();
type SlackMessage = z.infer<typeof slackMessage>;

const reactionAdded = z.object({
  reaction: z.string(),
  item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

const pinAdded = z.object({
  channel_id: z.string().optional(),
  item: z.object({
    type: z.literal('message'),
    channel: z.string().optional(),
    message: slackMessage,
  }),
});

/** A :pushpin: reaction or a pin on a message of an incident channel adds it to the timeline as a note. */
export function registerEvents(app: App, ctx: SlackContext): void {
  app.event('reaction_added', async ({ event, body, client, context }) => {
    const parsed = reactionAdded.safeParse(event);
    if (!parsed.success || parsed.data.reaction !== NOTE_REACTION) return;
    const { channel, ts } = parsed.data.item;
    await handleNoteEvent(ctx, client, {
      eventId: body.event_id,
      retryNum: context.retryNum,
      channelId: channel,
      ts,
      carried: null,
    });
  });

  app.event('pin_added', async ({ event, body, client, context }) => {
    const parsed = pinAdded.safeParse(event);
    if (!parsed.success) return;
    const { item } = parsed.data;
    const channelId = item.channel ?? parsed.data.channel_id;
    if (!channelId) return;
    await handleNoteEvent(ctx, client, {
      eventId: body.event_id,
      retryNum: context.retryNum,
      channelId,
      ts: item.message.ts,
      // pin_added carries the message; an abridged one (no author) is read back from Slack.
      carried: item.message.user || item.message.bot_id ? item.message : null,
    });
  });
}

async function handleNoteEvent(
  ctx: SlackContext,
  client: WebClient,
  args: {
    eventId: string;
    retryNum: number | undefined;
    channelId: string;
    ts: string;
    carried: SlackMessage | null;
  },
): Promise<void> {
  const log = { event: args.eventId, retryNum: args.retryNum, channel: args.channelId, ts: args.ts };
  try {
    const outcome = await addNote(
      { incidents: ctx.incidents, notes: ctx.notes },
      {
        channelId: args.channelId,
        requestKey: `slack-event:${args.eventId}`,
        message: async () => {
          const found = args.carried ?? (await readMessage(client, args.channelId, args.ts));
          return found ? toChannelMessage(ctx, client, found) : null;
        },
      },
    );
    if (outcome.added) {
      ctx.log.info(`slack: note added to ${incidentRef(outcome.incident)}`, log);
    } else {
      ctx.log.debug(`slack: no note (${outcome.reason})`, log);
    }
  } catch (error) {
    // Events are acknowledged before this runs, so there is nobody to answer: log it with its context.
    ctx.log.error('slack: could not add a note', {
      ...log,
      error: error instanceof Error ? error.message : String(error),
    });
  }
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
    names = await ctx.incidents.names(people);
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
