import type { App } from '@slack/bolt';
import { type IncidentCommand, parseIncidentCommand } from '../command-grammar';
import { COMMAND } from '../ids';
import type { SlackContext } from '../slack-context';
import { helpMessage } from '../views/help';
import { openDeclareModal } from './declare';

export function registerCommands(app: App, ctx: SlackContext): void {
  app.command(COMMAND, async ({ command, ack, client, respond }) => {
    const parsed: IncidentCommand = parseIncidentCommand(command.text ?? '');
    switch (parsed.name) {
      case 'help':
        await ack({ response_type: 'ephemeral', ...helpMessage(parsed.problem) });
        return;
      case 'declare':
        await ack();
        try {
          await openDeclareModal(ctx, client, {
            triggerId: command.trigger_id,
            userId: command.user_id,
            channelId: command.channel_id ?? null,
            title: parsed.title,
          });
        } catch (error) {
          ctx.log.warn('slack: could not open the declare modal', {
            error: error instanceof Error ? error.message : String(error),
          });
          await respond({
            response_type: 'ephemeral',
            text: 'Slack did not let me open the form in time: please try again.',
          });
        }
        return;
      default:
        await ack({ response_type: 'ephemeral', text: `\`${COMMAND} ${parsed.name}\` is coming soon.` });
    }
  });
}
