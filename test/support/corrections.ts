import { UPDATE_DELETE_CALLBACK, UPDATE_EDIT_CALLBACK, UPDATE_MENU_ACTION } from '../../src/slack/ids';
import { utcSeconds } from './scenarios';
import { dateTime, select, stateValues, text } from './slack-driver';
import type { TestApp } from './test-app';

/** The Vero incident's update that happened at `iso`. */
export async function updateAt(app: TestApp, iso: string) {
  return app.db.prisma.incidentUpdate.findFirstOrThrow({ where: { occurredAt: new Date(iso) } });
}

/** A click on the update's overflow menu, as Slack sends it. */
export function clickMenu(app: TestApp, value: string, userId?: string) {
  return app.slack.blockAction({
    actionId: UPDATE_MENU_ACTION,
    userId,
    action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value } },
  });
}

/** Edit through the menu and the `update_edit` modal. */
export async function editThroughSlack(
  app: TestApp,
  updateId: string,
  fields: { message: string; stage: string; occurredAt: string },
  userId?: string,
) {
  const before = app.fake.views().length;
  const clicked = await clickMenu(app, `edit:${updateId}`, userId);
  await app.fake
    .waitFor(() => app.fake.views().length > before || app.fake.responses().length > 0)
    .catch(() => undefined);
  if (app.fake.views().length === before)
    throw new Error(`no modal: ${clicked.status} ${JSON.stringify(app.fake.responses().map((r) => r.text))}`);
  return app.slack.viewSubmission({
    callbackId: UPDATE_EDIT_CALLBACK,
    userId,
    values: stateValues({
      stage: select(fields.stage),
      message: text(fields.message),
      occurred_at: dateTime(utcSeconds(fields.occurredAt)),
    }),
  });
}

/** Delete through the menu and the `update_delete` confirmation. */
export async function deleteThroughSlack(app: TestApp, updateId: string, userId?: string) {
  const before = app.fake.views().length;
  await clickMenu(app, `delete:${updateId}`, userId);
  await app.fake.waitFor(() => app.fake.views().length > before);
  return app.slack.viewSubmission({ callbackId: UPDATE_DELETE_CALLBACK, userId, values: {} });
}
