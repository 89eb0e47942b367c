import type { EffectHandler } from '../../outbox/outbox-worker';
import { captureNote, slackMessage } from '../notes/capture-note';
import type { OutboxSlackContext } from '../slack-context';
import { classifySlackError } from './slack-errors';

/** Retries a timeline note whose message Slack did not give when its event came. */
export const noteCapture = (ctx: OutboxSlackContext): EffectHandler<'note.capture'> => ({
  does: 'add a timeline note',
  async perform(effect) {
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
  },
});
