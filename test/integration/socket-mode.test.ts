import { DECLARE_CALLBACK } from '../../src/slack/ids';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { FakeSocketMode } from '../support/fake-socket-mode';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Socket Mode', () => {
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    socket = await FakeSocketMode.start(fake);
    app = await startTestApp({
      fake,
      env: { SLACK_APP_TOKEN: 'xapp-1-test-token', SLACK_SIGNING_SECRET: '' },
    });
    await socket.connected();
  });

  afterAll(async () => {
    await app.close();
    await socket.close();
    await fake.close();
  });

  const command = (text: string) => ({
    command: '/incident',
    text,
    user_id: 'U0RESPOND',
    user_name: 'responder',
    channel_id: 'C_GENERAL',
    team_id: fake.teamId,
    trigger_id: fake.newTriggerId('U0RESPOND'),
    response_url: fake.responseUrl(),
    api_app_id: 'A_SITREP',
  });

  it('opens its connection through the configured Web API URL with the app token', () => {
    const [open] = fake.calls('apps.connections.open');
    expect(open?.token).toBe('xapp-1-test-token');
  });

  it('answers /incident help in the ack of the envelope', async () => {
    const ack = await socket.send('slash_commands', command('help'));
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.payload)).toContain('/incident resolve [INC-n]');
  });

  it('opens the declare modal', async () => {
    await socket.send('slash_commands', command('declare Over a socket'));
    const opened = await fake.waitFor(() =>
      fake.views().find((v) => v.view.callback_id === DECLARE_CALLBACK),
    );
    expect(JSON.stringify(opened.view)).toContain('Over a socket');
  });

  it('still serves the web routes over HTTP', async () => {
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(200);
  });
});
