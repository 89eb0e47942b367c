import { PrismaSubscribers } from '../../src/persistence/prisma-subscribers';
import { SUBSCRIBER_REMOVE_ACTION, SUBSCRIBERS_CALLBACK } from '../../src/slack/ids';
import { verifySignature } from '../../src/subscribers/signature';
import { issueToken } from '../../src/subscribers/tokens';
import { type SlackBlock, textOf } from '../support/fake-slack';
import type { FakeView } from '../support/fake-slack/types';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { multiSelect, stateValues, text } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const MANAGER = 'U0MANAGER';
const SOMEONE = 'U0SOMEONE';
const SECRET = 'a-webhook-secret-of-32-characters';

function webhookValues(fields: { url?: string; secret?: string | null; components?: string[] }) {
  return stateValues({
    webhook_url: text(fields.url ?? null),
    webhook_secret: text(fields.secret ?? null),
    components: multiSelect(fields.components ?? []),
  });
}

const modals = (app: TestApp) => app.fake.views().filter((v) => v.view.callback_id === SUBSCRIBERS_CALLBACK);

/** `/incident subscribers` as `userId`; resolves with the modal it opened (undefined when none did). */
async function openModal(app: TestApp, userId = MANAGER): Promise<FakeView | undefined> {
  const before = modals(app).length;
  const opened = await app.slack.command('subscribers', { userId });
  expect(opened.status).toBe(200);
  if (userId !== MANAGER) return undefined;
  await app.fake.waitFor(() => modals(app).length > before);
  return modals(app).at(-1);
}

function addThroughModal(
  app: TestApp,
  fields: { url?: string; secret?: string | null; components?: string[] },
  userId = MANAGER,
) {
  return app.slack.viewSubmission({
    callbackId: SUBSCRIBERS_CALLBACK,
    values: webhookValues(fields),
    userId,
  });
}

/** The remove buttons of a modal: block id, the value it carries, and the text of its section. */
function listed(view: FakeView | undefined) {
  const blocks = (view?.view.blocks ?? []) as SlackBlock[];
  return blocks
    .filter(
      (b) => (b.accessory as { action_id?: string } | undefined)?.action_id === SUBSCRIBER_REMOVE_ACTION,
    )
    .map((b) => ({
      blockId: b.block_id as string,
      value: (b.accessory as { value: string }).value,
      text: (b.text as { text: string }).text,
    }));
}

const webhookCount = (app: TestApp) => app.db.prisma.subscriber.count({ where: { kind: 'webhook' } });

describe('/incident subscribers', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true', MANAGER_USER_IDS: MANAGER } });
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('opens subscribers_manage for a manager, with the fields that add a webhook', async () => {
    const modal = await openModal(app);
    expect(modal?.user).toBe(MANAGER);
    expect(textOf(modal?.view)).toContain('No webhook subscribers yet');
    const inputs = ((modal?.view.blocks ?? []) as SlackBlock[])
      .filter((b) => b.type === 'input')
      .map((b) => [b.block_id, (b.element as { action_id: string; type: string }).type, b.optional]);
    expect(inputs).toEqual([
      ['webhook_url', 'plain_text_input', false],
      ['webhook_secret', 'plain_text_input', true],
      ['components', 'multi_static_select', true],
    ]);
  });

  it('adds a webhook that then gets each public update, Statuspage-shaped and signed', async () => {
    await openModal(app);
    const added = await addThroughModal(app, { url: receiver.url('/hook'), secret: SECRET });
    expect(added.status).toBe(200);
    // The modal closes: an empty ack.
    expect(added.rawBody).toBe('');
    const [webhook] = (await app.db.prisma.subscriber.findMany({ where: { kind: 'webhook' } })) ?? [];
    expect(webhook).toMatchObject({
      webhookUrl: receiver.url('/hook'),
      createdById: MANAGER,
      components: [],
    });

    await declareThroughSlack(app, { title: 'Checkout is slow', components: ['workflows'] });
    await receiver.waitFor(
      () => receiver.delivered('/hook').some((r) => 'incident' in r.json),
      60_000,
      'the incident delivery',
    );
    const delivery = receiver.delivered('/hook').find((r) => 'incident' in r.json);
    expect(
      verifySignature(SECRET, delivery?.rawBody ?? '', delivery?.headers['x-sitrep-signature'] as string),
    ).toBe(true);
    const body = delivery?.json as {
      meta: Record<string, unknown>;
      page: Record<string, unknown>;
      incident: { name: string; status: string; incident_updates: unknown[] };
    };
    expect(Object.keys(body.meta).sort()).toEqual(['documentation', 'generated_at', 'unsubscribe']);
    expect(Object.keys(body.page).sort()).toEqual(['id', 'status_description', 'status_indicator']);
    expect(body.incident).toMatchObject({ name: 'Checkout is slow', status: 'investigating' });
    expect(body.incident.incident_updates).toHaveLength(1);

    const modal = await openModal(app);
    const [row] = listed(modal);
    expect(listed(modal)).toHaveLength(1);
    expect(row?.value).toBe(webhook?.id);
    expect(row?.text).toContain(receiver.url('/hook'));
    expect(row?.text).toContain('enabled');
    expect(row?.text).toContain('all components');
    expect(row?.text).toContain('signed');
    // The secret itself is never shown.
    expect(JSON.stringify(modal?.view)).not.toContain(SECRET);
  }, 90_000);

  it('refuses anyone but a manager, and changes nothing', async () => {
    const viewsBefore = app.fake.views().length;
    const responsesBefore = app.fake.responses().length;
    await openModal(app, SOMEONE);
    await app.fake.waitFor(() => app.fake.responses().length > responsesBefore);
    const refusal = app.fake.responses().at(-1);
    expect(refusal?.response_type).toBe('ephemeral');
    expect(refusal?.text).toMatch(/Only managers \(MANAGER_USER_IDS\) can manage webhook subscribers/);
    expect(app.fake.views()).toHaveLength(viewsBefore);

    // A submission or a click that reaches Sitrep anyway is refused the same way.
    const count = await webhookCount(app);
    const submitted = await addThroughModal(app, { url: receiver.url('/intruder') }, SOMEONE);
    expect(submitted.json()).toMatchObject({
      response_action: 'errors',
      errors: { webhook_url: expect.stringMatching(/Only managers/) },
    });
    const modal = await openModal(app);
    const [row] = listed(modal);
    await app.slack.blockAction({
      actionId: SUBSCRIBER_REMOVE_ACTION,
      value: row?.value,
      blockId: row?.blockId,
      viewId: modal?.id,
      userId: SOMEONE,
    });
    await app.fake.waitFor(() => (app.fake.views().find((v) => v.id === modal?.id)?.history.length ?? 0) > 1);
    const redrawn = app.fake.views().find((v) => v.id === modal?.id);
    expect(textOf(redrawn?.view)).toMatch(/Only managers/);
    // Nothing of the list is shown to them.
    expect(textOf(redrawn?.view)).not.toContain(receiver.url('/hook'));
    expect(await webhookCount(app)).toBe(count);
  });

  it('removes a webhook from the open modal, in place; it gets nothing more', async () => {
    const modal = await openModal(app);
    const [row] = listed(modal);
    const clicked = await app.slack.blockAction({
      actionId: SUBSCRIBER_REMOVE_ACTION,
      value: row?.value,
      blockId: row?.blockId,
      viewId: modal?.id,
      userId: MANAGER,
    });
    expect(clicked.status).toBe(200);
    await app.fake.waitFor(() => (app.fake.views().find((v) => v.id === modal?.id)?.history.length ?? 0) > 1);
    const redrawn = app.fake.views().find((v) => v.id === modal?.id);
    expect(redrawn?.view.callback_id).toBe(SUBSCRIBERS_CALLBACK);
    expect(listed(redrawn)).toEqual([]);
    expect(textOf(redrawn?.view)).toContain('Removed');
    expect(await webhookCount(app)).toBe(0);

    await outboxSettled(app, 60_000);
    const before = receiver.requests('/hook').length;
    await updateThroughSlack(app, 'INC-1', {
      stage: 'resolved',
      components: ['workflows'],
      message: 'Fixed.',
    });
    await declareThroughSlack(app, { title: 'Another public incident' });
    await outboxSettled(app, 60_000);
    expect(receiver.requests('/hook')).toHaveLength(before);

    // A second click on the same button (a stale modal) removes nothing and says so.
    await app.slack.blockAction({
      actionId: SUBSCRIBER_REMOVE_ACTION,
      value: row?.value,
      blockId: row?.blockId,
      viewId: modal?.id,
      userId: MANAGER,
    });
    await app.fake.waitFor(() => (app.fake.views().find((v) => v.id === modal?.id)?.history.length ?? 0) > 2);
    expect(textOf(app.fake.views().find((v) => v.id === modal?.id)?.view)).toContain('already been removed');
  }, 90_000);

  it('refuses a short secret, an unknown component and a URL already subscribed inline, and saves nothing', async () => {
    await openModal(app);
    const answer = await addThroughModal(app, {
      url: receiver.url('/never'),
      secret: 'fifteen-chars!!',
      components: ['workflows', 'no-such-component'],
    });
    expect(answer.json()).toEqual({
      response_action: 'errors',
      errors: {
        webhook_secret: expect.stringMatching(/at least 16 characters/),
        components: 'Unknown component: no-such-component.',
      },
    });
    expect(await webhookCount(app)).toBe(0);

    // Exactly 16 characters, and components from the catalog, are fine.
    const ok = await addThroughModal(app, {
      url: receiver.url('/chosen'),
      secret: 'sixteen-chars!!!',
      components: ['workflows'],
    });
    expect(ok.rawBody).toBe('');
    const saved = await app.db.prisma.subscriber.findFirstOrThrow({ where: { kind: 'webhook' } });
    expect(saved).toMatchObject({ webhookSecret: 'sixteen-chars!!!', components: ['workflows'] });
    expect(listed(await openModal(app))[0]?.text).toContain('Workflows');

    // The same URL a second time would get every update twice.
    await openModal(app);
    const again = await addThroughModal(app, { url: receiver.url('/chosen') });
    expect(again.json()).toEqual({
      response_action: 'errors',
      errors: { webhook_url: expect.stringMatching(/already gets the updates/) },
    });
    expect(await webhookCount(app)).toBe(1);
    await app.db.prisma.subscriber.deleteMany();
  });

  it('lists the latest 50 of more, newest first, and counts the rest', async () => {
    const store = new PrismaSubscribers(app.db.prisma);
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < 53; i += 1) {
      await store.addWebhook(
        {
          url: `https://hooks.example.com/${i}?token=secret-${i}`,
          secret: null,
          components: [],
          createdById: MANAGER,
          unsubscribeToken: issueToken().token,
        },
        new Date(t0 + i * 60_000),
      );
    }
    const modal = await openModal(app);
    const rows = listed(modal);
    expect(rows).toHaveLength(50);
    expect(rows[0]?.text).toContain('https://hooks.example.com/52');
    expect(rows[49]?.text).toContain('https://hooks.example.com/3');
    expect(textOf(modal?.view)).toContain('…and 3 older webhooks not listed here');
    expect(textOf(modal?.view)).toContain('53 webhooks');
    // Query values often carry tokens: the list hides them.
    expect(JSON.stringify(modal?.view)).not.toContain('secret-52');
    expect(rows[0]?.text).toContain('?token=…');
    expect(modal?.view.blocks?.length).toBeLessThanOrEqual(100);
  });
});

describe('/incident subscribers without WEBHOOK_ALLOW_PRIVATE', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { MANAGER_USER_IDS: MANAGER } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['not a url', /not a URL/],
    ['http://hooks.example.com/statuspage', /must start with https:\/\//],
    ['https://127.0.0.1/hook', /127\.0\.0\.1, a private, loopback, link-local or metadata address/],
    ['https://localhost:8443/hook', /private, loopback, link-local or metadata address/],
    ['https://10.20.30.40/hook', /private, loopback/],
    ['https://192.168.1.10/hook', /private, loopback/],
    ['https://[::1]/hook', /private, loopback/],
    ['https://169.254.169.254/latest/meta-data', /metadata address/],
    ['https://ops:hunter2@hooks.example.com/statuspage', /must not carry a user name or password/],
    ['https://hooks.sitrep.invalid/statuspage', /The host hooks\.sitrep\.invalid does not resolve/],
  ])('refuses %s inline on webhook_url and saves nothing', async (url, reason) => {
    await openModal(app);
    const answer = await addThroughModal(app, { url, secret: SECRET });
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors ?? {})).toEqual(['webhook_url']);
    expect(body.errors?.webhook_url).toMatch(reason);
    expect(await webhookCount(app)).toBe(0);
  });

  it('names every wrong field at once', async () => {
    const answer = await addThroughModal(app, {
      url: 'http://127.0.0.1/hook',
      secret: 'short',
      components: ['nope'],
    });
    expect(Object.keys(answer.json().errors ?? {}).sort()).toEqual([
      'components',
      'webhook_secret',
      'webhook_url',
    ]);
    expect(await webhookCount(app)).toBe(0);
  });
});
