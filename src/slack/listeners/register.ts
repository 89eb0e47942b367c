import type { App } from '@slack/bolt';
import type { SlackContext } from '../slack-context';
import { registerCommands } from './commands';
import { registerCorrections } from './corrections';
import { registerDeclare } from './declare';
import { registerEvents } from './events';
import { registerHome } from './home';
import { registerMaintenance } from './maintenance';
import { registerOptions } from './options';
import { registerSubscribers } from './subscribers';
import { registerUnhandled } from './unhandled';
import { registerUpdate } from './update';

export function registerListeners(app: App, ctx: SlackContext): void {
  registerUnhandled(app, ctx);
  registerCommands(app, ctx);
  registerDeclare(app, ctx);
  registerOptions(app, ctx);
  registerUpdate(app, ctx);
  registerCorrections(app, ctx);
  registerEvents(app, ctx);
  registerHome(app, ctx);
  registerMaintenance(app, ctx);
  registerSubscribers(app, ctx);
}
