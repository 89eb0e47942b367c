import type { App } from '@slack/bolt';
import { componentLabel } from '../../incidents/model';
import { Field } from '../ids';
import type { SlackContext } from '../slack-context';
import { componentOptions, STATIC_OPTIONS_LIMIT } from '../views/fields';

/** Catalogs over Slack's 100 static options are searched: name, group or key containing the query. */
export function registerOptions(app: App, ctx: SlackContext): void {
  app.options(Field.components, async ({ ack, payload }) => {
    const query = (payload.value ?? '').trim().toLowerCase();
    const matches = ctx
      .components()
      .filter((c) => !query || componentLabel(c).toLowerCase().includes(query) || c.key.includes(query))
      .slice(0, STATIC_OPTIONS_LIMIT);
    await ack(componentOptions(matches));
  });
}
