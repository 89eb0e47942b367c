import type { App } from '@slack/bolt';
import { type IncidentCommand, parseIncidentCommand } from '../command-grammar';
import { COMMAND } from '../ids';
import type { SlackContext } from '../slack-context';
import { helpMessage } from '../views/help';

export function registerCommands(app: App, context: SlackContext): void {
  app.command(COMMAND, async ({ command, ack }) => {
    const parsed: IncidentCommand = parseIncidentCommand(command.text ?? '');
    if (parsed.name === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage(parsed.problem) });
      return;
    }
    context.log.debug('command', { name: parsed.name, user: command.user_id });
    await ack({ response_type: 'ephemeral', text: `\`${COMMAND} ${parsed.name}\` is coming soon.` });
  });
}
