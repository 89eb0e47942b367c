import type { AnyMiddlewareArgs, App } from '@slack/bolt';
import { z } from 'zod';
import {
  COMMAND,
  DECLARE_CALLBACK,
  DECLARE_OPEN_ACTION,
  Field,
  INCIDENT_EDIT_CALLBACK,
  MAINTENANCE_CANCEL_ACTION,
  MAINTENANCE_COMPLETE_ACTION,
  MAINTENANCE_SCHEDULE_CALLBACK,
  MAINTENANCE_START_NOW_ACTION,
  MAINTENANCE_UPDATE_CALLBACK,
  MAINTENANCE_UPDATE_OPEN_ACTION,
  RECORD_CALLBACK,
  RESOLVE_OPEN_ACTION,
  SUBSCRIBER_REMOVE_ACTION,
  SUBSCRIBERS_CALLBACK,
  UPDATE_CALLBACK,
  UPDATE_DELETE_CALLBACK,
  UPDATE_EDIT_CALLBACK,
  UPDATE_MENU_ACTION,
  UPDATE_OPEN_ACTION,
} from '../ids';
import type { SlackContext } from '../slack-context';

/** What each kind of interaction Sitrep listens to must carry, and the ids it listens for. */
const user = z.object({ id: z.string().min(1) });
const handled = z.union([
  z.object({ command: z.literal(COMMAND), user_id: z.string().min(1), team_id: z.string() }),
  z.object({
    type: z.literal('view_submission'),
    user,
    view: z.object({
      callback_id: z.enum([
        DECLARE_CALLBACK,
        UPDATE_CALLBACK,
        MAINTENANCE_SCHEDULE_CALLBACK,
        MAINTENANCE_UPDATE_CALLBACK,
        UPDATE_EDIT_CALLBACK,
        UPDATE_DELETE_CALLBACK,
        INCIDENT_EDIT_CALLBACK,
        SUBSCRIBERS_CALLBACK,
        RECORD_CALLBACK,
      ]),
      id: z.string(),
    }),
  }),
  z.object({
    type: z.literal('block_actions'),
    user,
    trigger_id: z.string(),
    actions: z.tuple([
      z.object({
        action_id: z.enum([
          UPDATE_OPEN_ACTION,
          RESOLVE_OPEN_ACTION,
          DECLARE_OPEN_ACTION,
          MAINTENANCE_UPDATE_OPEN_ACTION,
          MAINTENANCE_START_NOW_ACTION,
          MAINTENANCE_CANCEL_ACTION,
          MAINTENANCE_COMPLETE_ACTION,
          UPDATE_MENU_ACTION,
          SUBSCRIBER_REMOVE_ACTION,
        ]),
      }),
    ]),
  }),
  z.object({ type: z.literal('block_suggestion'), action_id: z.literal(Field.components) }),
]);

/**
 * Acknowledges at once every interaction no listener of Sitrep's would answer — an unknown callback,
 * action or type, or a payload missing what the listeners read — so Slack never waits 3 s for a 404.
 * Events pass through: Bolt acknowledges them itself.
 */
export function registerUnhandled(app: App, ctx: SlackContext): void {
  app.use(async (args: AnyMiddlewareArgs & { next: () => Promise<void> }) => {
    const body = args.body as Record<string, unknown>;
    if (body.type === 'event_callback' || handled.safeParse(body).success) {
      await args.next();
      return;
    }
    ctx.log.info('slack: ignored an interaction no listener handles', describe(body));
    if ('ack' in args && typeof args.ack === 'function') await args.ack();
  });
}

function describe(body: Record<string, unknown>): Record<string, unknown> {
  const view = body.view as { callback_id?: unknown } | undefined;
  const actions = body.actions as { action_id?: unknown }[] | undefined;
  return {
    type: String(body.type ?? (body.command ? 'command' : 'unknown')).slice(0, 40),
    id: String(body.command ?? view?.callback_id ?? actions?.[0]?.action_id ?? body.action_id ?? '').slice(
      0,
      80,
    ),
  };
}
