import type { App } from '@slack/bolt';
import type { SlackContext } from '../slack-context';
import { registerCommands } from './commands';

export function registerListeners(app: App, context: SlackContext): void {
  registerCommands(app, context);
}
