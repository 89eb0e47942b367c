import {
  DECLARE_CALLBACK,
  DECLARE_OPEN_ACTION,
  RESOLVE_OPEN_ACTION,
  UPDATE_CALLBACK,
  UPDATE_OPEN_ACTION,
} from '../../src/slack/ids';
import {
  type FakeHomeView,
  type FakeSlack,
  type SlackBlock,
  startFakeSlack,
  textOf,
} from '../support/fake-slack';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

interface Button {
  action_id: string;
  value?: string;
}

function buttons(view: FakeHomeView): Button[] {
  return (view.view.blocks ?? []).flatMap((block: SlackBlock) => [
    ...((block.elements as Button[] | undefined) ?? []).filter((e) => 'action_id' in e),
    ...(block.accessory ? [block.accessory as Button] : []),
  ]);
}

function homeOpened(user: string, tab = 'home') {
  return { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: `${Date.now() / 1000}` };
}

describe('the App Home', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let openId: string;
  let resolvedId: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: 'U0ALICE', name: 'alice', displayName: 'Alice Ops' });
    app = await startTestApp({ fake });
    await declareThroughSlack(
      app,
      {
        title: 'Degraded performance across Vero platform',
        startedAt: '2022-09-01T09:10:45Z',
        message: 'Investigating.',
      },
      { userId: 'U0ALICE' },
    );
    await updateThroughSlack(app, 'INC-1', { stage: 'resolved', occurredAt: '2022-09-01T13:57:12Z' });
    await declareThroughSlack(app, { title: 'Checkout is slow', impact: 'major' }, { userId: 'U0ALICE' });
    await outboxSettled(app);
    const incidents = await app.db.prisma.incident.findMany({ orderBy: { number: 'asc' } });
    resolvedId = incidents[0]?.id ?? '';
    openId = incidents[1]?.id ?? '';
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  async function openHome(user = 'U0ALICE'): Promise<FakeHomeView> {
    const before = fake.homeViews(user).length;
    const res = await app.slack.event(homeOpened(user));
    expect(res.status).toBe(200);
    return fake.waitFor(() => fake.homeViews(user).length > before && fake.homeViews(user).at(-1));
  }

  it('publishes open incidents with their buttons and the latest resolved ones with their duration', async () => {
    const home = await openHome();
    const text = textOf(home.view);
    expect(home.view.type).toBe('home');
    expect(text).toContain('*INC-2* Checkout is slow');
    expect(text).toContain('lead <@U0ALICE>');
    expect(text).toContain('*INC-1* Degraded performance across Vero platform');
    expect(text).toContain('lasted 4h 46m');
    expect(text.indexOf('INC-2')).toBeLessThan(text.indexOf('INC-1'));
    expect(buttons(home)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action_id: DECLARE_OPEN_ACTION }),
        expect.objectContaining({ action_id: UPDATE_OPEN_ACTION, value: openId }),
        expect.objectContaining({ action_id: RESOLVE_OPEN_ACTION, value: openId }),
        expect.objectContaining({ action_id: UPDATE_OPEN_ACTION, value: resolvedId }),
      ]),
    );
    expect(buttons(home)).not.toContainEqual(
      expect.objectContaining({ action_id: RESOLVE_OPEN_ACTION, value: resolvedId }),
    );
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    const before = fake.calls('views.publish').length;
    await app.slack.event(homeOpened('U0ALICE', 'messages'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.calls('views.publish')).toHaveLength(before);
  });

  it('opens the declare modal from the declare button', async () => {
    const home = await openHome();
    const before = fake.views().length;
    const res = await app.slack.blockAction({
      actionId: DECLARE_OPEN_ACTION,
      viewId: home.id,
      userId: 'U0ALICE',
    });
    expect(res.status).toBe(200);
    const opened = await fake.waitFor(() => fake.views().length > before && fake.views().at(-1));
    expect(opened.view.callback_id).toBe(DECLARE_CALLBACK);
  });

  it('opens the update modal of the incident from its resolve button', async () => {
    const home = await openHome();
    const before = fake.views().length;
    await app.slack.blockAction({
      actionId: RESOLVE_OPEN_ACTION,
      value: openId,
      viewId: home.id,
      userId: 'U0ALICE',
    });
    const opened = await fake.waitFor(() => fake.views().length > before && fake.views().at(-1));
    expect(opened.view.callback_id).toBe(UPDATE_CALLBACK);
    expect(opened.view.private_metadata).toBe(openId);
  });

  it('shows a newly resolved incident the next time it is opened', async () => {
    await updateThroughSlack(app, 'INC-2', { stage: 'resolved', impact: 'major' });
    const home = await openHome();
    expect(textOf(home.view)).toContain('No open incidents.');
    expect(buttons(home).filter((b) => b.action_id === RESOLVE_OPEN_ACTION)).toHaveLength(0);
  });
});
