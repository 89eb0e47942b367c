import type { SideEffect } from '../../incidents/ports';
import { captureNote, slackMessage } from '../notes/capture-note';
import type { OutboxSlackContext } from '../slack-context';
import { classifySlackError } from './slack-errors';

type NoteEffect = Extract<SideEffect, { kind: 'note.capture' }>;

/** Retries a timeline note whose message Slack did not give when its event came. */
export async function handleNoteEffect(effect: NoteEffect, ctx: OutboxSlackContext): Promise<void> {
  const carried = effect.carried ? slackMessage.safeParse(effect.carried) : null;
  try {
    await captureNote(ctx, ctx.client, {
      channelId: effect.channelId,
      ts: effect.ts,
      requestKey: effect.requestKey,
      carried: carried?.success ? carried.data : null,
    });
  } catch (error) {
    throw classifySlackError(error, 'read the message of a timeline note');
  }
}
