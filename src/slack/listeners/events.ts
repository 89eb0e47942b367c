import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { incidentRef } from '../../incidents/model';
import { captureNote, type NoteRequest, slackMessage } from '../notes/capture-note';
import type { SlackContext } from '../slack-context';

/** The reaction that makes a message a timeline note (SPEC §5.4); pinning does the same. */
const NOTE_REACTION = 'pushpin';

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
    await handleNoteEvent(
      ctx,
      client,
      { requestKey: `slack-event:${body.event_id}`, channelId: channel, ts, carried: null },
      context.retryNum,
    );
  });

  app.event('pin_added', async ({ event, body, client, context }) => {
    const parsed = pinAdded.safeParse(event);
    if (!parsed.success) return;
    const { item } = parsed.data;
    const channelId = item.channel ?? parsed.data.channel_id;
    if (!channelId) return;
    await handleNoteEvent(
      ctx,
      client,
      {
        requestKey: `slack-event:${body.event_id}`,
        channelId,
        ts: item.message.ts,
        // pin_added carries the message; an abridged one (no author) is read back from Slack.
        carried: item.message.user || item.message.bot_id ? item.message : null,
      },
      context.retryNum,
    );
  });
}

async function handleNoteEvent(
  ctx: SlackContext,
  client: WebClient,
  request: NoteRequest,
  retryNum?: number,
): Promise<void> {
  const log = { requestKey: request.requestKey, retryNum, channel: request.channelId, ts: request.ts };
  try {
    const outcome = await captureNote(ctx, client, request);
    if (outcome.added) ctx.log.info(`slack: note added to ${incidentRef(outcome.incident)}`, log);
    else ctx.log.debug(`slack: no note (${outcome.reason})`, log);
  } catch (error) {
    // Events are acknowledged before this runs and Slack will not send them again: the outbox will.
    ctx.log.warn('slack: could not add a note yet, the outbox will retry', {
      ...log,
      error: error instanceof Error ? error.message : String(error),
    });
    await ctx.outbox
      .enqueue(null, [{ queue: `notes:${request.channelId}`, effect: { kind: 'note.capture', ...request } }])
      .catch((e: unknown) =>
        ctx.log.error('slack: note lost, the database refused its retry', {
          ...log,
          error: e instanceof Error ? e.message : String(e),
        }),
      );
  }
}
