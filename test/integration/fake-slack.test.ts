import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  LogLevel,
  type OverflowAction,
  verifySlackRequest,
  webApi,
} from '@slack/bolt';
import { type FakeSlack, startFakeSlack, textOf } from '../support/fake-slack';
import {
  dateTime,
  multiSelect,
  reactionAddedEvent,
  SlackDriver,
  select,
  slackSignature,
  stateValues,
  text,
  user,
} from '../support/slack-driver';

const TOKEN = 'xoxb-test-token';
const SIGNING_SECRET = 'test-signing-secret';

const quiet = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function clientFor(fake: FakeSlack, options: { timeout?: number; retries?: number } = {}): webApi.WebClient {
  return new webApi.WebClient(TOKEN, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: options.retries ?? 2, factor: 1, minTimeout: 10, maxTimeout: 50 },
    timeout: options.timeout ?? 0,
    logger: quiet,
  });
}

async function slackError(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ?? String(error);
  }
}

describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;

  beforeAll(async () => {
    fake = await startFakeSlack();
    client = clientFor(fake);
  });

  afterEach(() => fake.reset());

  afterAll(async () => {
    await fake.close();
  });

  it('answers auth.test with the team and bot user', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: fake.teamId,
      user_id: fake.botUserId,
      bot_id: fake.botId,
    });
    expect(fake.calls('auth.test')[0]).toMatchObject({ token: TOKEN, status: 200, ok: true });
  });

  it('threads replies under a root message and keeps its edit history', async () => {
    const channel = fake.addChannel({ name: 'announcements' });
    const root = await client.chat.postMessage({
      channel,
      text: 'INC-1 investigating',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*INC-1* investigating' } }],
    });
    expect(root.ts).toMatch(/^\d{10}\.\d{6}$/);
    const rootTs = root.ts as string;
    const reply = await client.chat.postMessage({ channel, thread_ts: rootTs, text: 'Identified the cause' });
    const resolved = await client.chat.postMessage({
      channel,
      thread_ts: rootTs,
      text: 'Resolved',
      reply_broadcast: true,
    });
    expect(Number(reply.ts)).toBeGreaterThan(Number(rootTs));
    expect(Number(resolved.ts)).toBeGreaterThan(Number(reply.ts));

    await client.chat.update({ channel, ts: rootTs, text: 'INC-1 identified' });
    await client.chat.update({
      channel,
      ts: rootTs,
      text: 'INC-1 resolved',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*INC-1* resolved' } }],
    });

    const [first, broadcast] = fake.messages(channel);
    expect(first).toMatchObject({ ts: rootTs, text: 'INC-1 resolved', thread_ts: undefined, reply_count: 2 });
    expect(first?.edits.map((e) => e.text)).toEqual(['INC-1 investigating', 'INC-1 identified']);
    expect(textOf(first?.edits[0])).toContain('*INC-1* investigating');
    expect(textOf(first)).toContain('*INC-1* resolved');
    expect(broadcast).toMatchObject({ text: 'Resolved', reply_broadcast: true, thread_ts: rootTs });
    expect(fake.replies(channel, rootTs).map((m) => m.text)).toEqual(['Identified the cause', 'Resolved']);

    expect(await slackError(client.chat.update({ channel, ts: '1.000000', text: 'x' }))).toBe(
      'message_not_found',
    );
    expect(await slackError(client.chat.postMessage({ channel, thread_ts: '1.000000', text: 'x' }))).toBe(
      'thread_not_found',
    );
  });

  it('fetches one message by ts with conversations.history', async () => {
    const channel = fake.addChannel({ name: 'inc-1-db' });
    fake.addUser({ id: 'U_ANA', name: 'ana', displayName: 'Ana' });
    const first = fake.addMessage(channel, { user: 'U_ANA', text: 'first' });
    const second = fake.addMessage(channel, { user: 'U_ANA', text: 'second' });
    fake.addMessage(channel, { user: 'U_ANA', text: 'third' });

    const result = await client.conversations.history({ channel, latest: second, inclusive: true, limit: 1 });
    expect(result.messages).toEqual([expect.objectContaining({ ts: second, text: 'second', user: 'U_ANA' })]);
    const older = await client.conversations.history({ channel, latest: second, limit: 10 });
    expect(older.messages?.map((m) => m.ts)).toEqual([first]);

    const info = await client.users.info({ user: 'U_ANA' });
    expect(info.user?.profile?.display_name).toBe('Ana');
    expect(await slackError(client.users.info({ user: 'U_NOBODY' }))).toBe('user_not_found');
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const result = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'after the limit' });

    expect(result.ok).toBe(true);
    expect(fake.calls('chat.postMessage').map((c) => [c.status, c.error])).toEqual([
      [429, 'ratelimited'],
      [200, undefined],
    ]);
    expect(fake.messages('C_GENERAL')).toHaveLength(1);
  });

  it('changes nothing on a failed call and retries HTTP 500s', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(fake.messages('C_GENERAL')).toHaveLength(0);

    fake.failNext('chat.postMessage', { status: 500 }, 2);
    await client.chat.postMessage({ channel: 'C_GENERAL', text: 'third time lucky' });
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 500, 500, 200]);
    expect(fake.messages('C_GENERAL').map((m) => m.text)).toEqual(['third time lucky']);

    fake.failFor('conversations.setTopic', { error: 'ratelimited' }, 60_000);
    expect(await slackError(client.conversations.setTopic({ channel: 'C_GENERAL', topic: 'a' }))).toBe(
      'ratelimited',
    );
    expect(await slackError(client.conversations.setTopic({ channel: 'C_GENERAL', topic: 'b' }))).toBe(
      'ratelimited',
    );
    fake.clearFaults();
    await client.conversations.setTopic({ channel: 'C_GENERAL', topic: 'c' });
    expect(fake.channel('general')?.topic).toBe('c');
  });

  it('starts an outage window at the first call it meets, however late that comes', async () => {
    const once = clientFor(fake, { retries: 0 });
    fake.failFor('chat.postMessage', { status: 500 }, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(once.chat.postMessage({ channel: 'C_GENERAL', text: 'late' })).rejects.toThrow();
    let answered = false;
    while (!answered) {
      answered = await once.chat.postMessage({ channel: 'C_GENERAL', text: 'back' }).then(
        () => true,
        () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50)),
      );
    }
    expect(fake.calls('chat.postMessage')[0]?.status).toBe(500);
    expect(fake.messages('C_GENERAL').map((m) => m.text)).toEqual(['back']);
  });

  it('creates channels under Slack naming rules and invites like Slack', async () => {
    const created = await client.conversations.create({ name: 'inc-7-database-down' });
    const id = created.channel?.id as string;
    expect(id).toMatch(/^C\d{10}$/);
    expect(fake.channel('inc-7-database-down')).toMatchObject({ id, botIsMember: true, archived: false });

    expect(await slackError(client.conversations.create({ name: 'inc-7-database-down' }))).toBe('name_taken');
    expect(await slackError(client.conversations.create({ name: 'Inc 7!' }))).toBe('invalid_name_specials');
    expect(await slackError(client.conversations.create({ name: 'a'.repeat(81) }))).toBe(
      'invalid_name_maxlength',
    );

    await client.conversations.invite({ channel: id, users: 'U_ANA,U_BEN' });
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U_ANA' }))).toBe(
      'already_in_channel',
    );
    await client.conversations.invite({ channel: id, users: 'U_ANA,U_CAL' });
    expect(fake.channel(id)?.members).toEqual([fake.botUserId, 'U_ANA', 'U_BEN', 'U_CAL']);

    await client.conversations.archive({ channel: id });
    expect(await slackError(client.chat.postMessage({ channel: id, text: 'late' }))).toBe('is_archived');
  });

  it('answers not_in_channel until the bot joins', async () => {
    const channel = fake.addChannel({ name: 'status', botIsMember: false });
    expect(await slackError(client.chat.postMessage({ channel, text: 'hello' }))).toBe('not_in_channel');
    expect(await slackError(client.chat.postMessage({ channel: 'C_MISSING', text: 'hello' }))).toBe(
      'channel_not_found',
    );

    await client.conversations.join({ channel });
    await client.chat.postMessage({ channel, text: 'hello' });

    expect(fake.messages(channel).map((m) => m.text)).toEqual(['hello']);
    expect(fake.calls().map((c) => `${c.method}:${c.error ?? 'ok'}`)).toEqual([
      'chat.postMessage:not_in_channel',
      'chat.postMessage:channel_not_found',
      'conversations.join:ok',
      'chat.postMessage:ok',
    ]);
  });

  it('uploads a file to a DM with files.uploadV2', async () => {
    const opened = await client.conversations.open({ users: 'U_MANAGER' });
    const dm = opened.channel?.id as string;
    expect(dm).toMatch(/^D/);
    expect((await client.conversations.open({ users: 'U_MANAGER' })).channel?.id).toBe(dm);

    await client.files.uploadV2({
      channel_id: dm,
      filename: 'INC-7-database-down.md',
      title: 'INC-7 timeline',
      content: '# INC-7 Database down\n',
      initial_comment: 'Here is the export',
    });

    const [file] = fake.files();
    expect(file).toMatchObject({
      filename: 'INC-7-database-down.md',
      title: 'INC-7 timeline',
      channel: dm,
      initial_comment: 'Here is the export',
    });
    expect(file?.content.toString('utf8')).toBe('# INC-7 Database down\n');
    expect(fake.messages(dm)).toEqual([
      expect.objectContaining({ text: 'Here is the export', files: [file?.id] }),
    ]);
    expect(fake.calls().map((c) => c.method)).toEqual([
      'conversations.open',
      'conversations.open',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
  });

  it('opens each trigger id once and publishes App Home per user', async () => {
    const triggerId = fake.newTriggerId('U_RESPONDER');
    const view = {
      type: 'modal' as const,
      callback_id: 'incident_declare',
      title: { type: 'plain_text' as const, text: 'Declare an incident' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: triggerId, view });
    expect(opened.view?.id).toMatch(/^V/);
    expect(fake.views()).toEqual([
      expect.objectContaining({ id: opened.view?.id, trigger_id: triggerId, user: 'U_RESPONDER' }),
    ]);
    expect(await slackError(client.views.open({ trigger_id: triggerId, view }))).toBe('expired_trigger_id');
    expect(
      await slackError(
        client.views.open({
          trigger_id: fake.newTriggerId(),
          view: { ...view, title: { type: 'plain_text', text: 'A title that is far too long' } },
        }),
      ),
    ).toBe('invalid_arguments');

    await client.views.publish({ user_id: 'U_ANA', view: { type: 'home', blocks: [] } });
    await client.views.publish({ user_id: 'U_ANA', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(fake.homeViews('U_ANA').map((h) => h.view.blocks?.length)).toEqual([0, 1]);
  });

  it('pins, bookmarks, reacts and links to messages', async () => {
    const channel = fake.addChannel({ name: 'inc-2-api' });
    const { ts } = await client.chat.postMessage({ channel, text: 'Summary' });
    const messageTs = ts as string;
    await client.pins.add({ channel, timestamp: messageTs });
    await client.bookmarks.add({
      channel_id: channel,
      title: 'Status page',
      type: 'link',
      link: 'https://status.test/',
    });
    await client.reactions.add({ channel, timestamp: messageTs, name: 'eyes' });
    const { permalink } = await client.chat.getPermalink({ channel, message_ts: messageTs });

    expect(permalink).toContain(`/archives/${channel}/p`);
    expect(fake.channel(channel)).toMatchObject({ pins: [messageTs], bookmarks: [{ title: 'Status page' }] });
    expect(fake.message(channel, messageTs)).toMatchObject({
      pinned: true,
      reactions: [{ name: 'eyes', users: [fake.botUserId] }],
    });
    expect(await slackError(client.pins.add({ channel, timestamp: messageTs }))).toBe('already_pinned');
  });

  it('expires a trigger id after triggerTtlMs, as Slack does after 3 s', async () => {
    const strict = await startFakeSlack({ triggerTtlMs: 50 });
    try {
      const triggerId = strict.newTriggerId('U_RESPONDER');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const view = {
        type: 'modal' as const,
        title: { type: 'plain_text' as const, text: 'Too late' },
        blocks: [],
      };
      expect(await slackError(clientFor(strict).views.open({ trigger_id: triggerId, view }))).toBe(
        'expired_trigger_id',
      );
      expect(strict.views()).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('stalls answers and can lose the answer of a call that took effect', async () => {
    const impatient = clientFor(fake, { timeout: 50, retries: 0 });
    fake.stall('chat.postMessage', 300, 1);
    await expect(impatient.chat.postMessage({ channel: 'C_GENERAL', text: 'slow' })).rejects.toThrow();
    await fake.waitFor(() => fake.messages('C_GENERAL').length === 1);

    fake.failNext('chat.postMessage', { status: 500, applied: true });
    await expect(impatient.chat.postMessage({ channel: 'C_GENERAL', text: 'lost answer' })).rejects.toThrow();
    expect(fake.messages('C_GENERAL').map((m) => m.text)).toEqual(['slow', 'lost answer']);

    fake.failNext('*', { error: 'team_access_not_granted' });
    expect(await slackError(client.auth.test())).toBe('team_access_not_granted');
  });

  it('performs a stalled call after the client gave up on it', async () => {
    const impatient = clientFor(fake, { timeout: 100, retries: 0 });
    fake.stall('chat.postMessage', 400, 1);
    await expect(impatient.chat.postMessage({ channel: 'C_GENERAL', text: 'slow' })).rejects.toThrow();
    await fake.waitFor(() => fake.messages('C_GENERAL').length === 1);
    expect(fake.calls('chat.postMessage')).toEqual([expect.objectContaining({ ok: true, abandoned: true })]);
  });

  it('answers late a call that has already taken effect', async () => {
    const impatient = clientFor(fake, { timeout: 100, retries: 0 });
    const posted = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'v1' });
    const ts = posted.ts as string;
    fake.answerLate('chat.update', 400, 1);
    await expect(impatient.chat.update({ channel: 'C_GENERAL', ts, text: 'v2' })).rejects.toThrow();
    expect(fake.message('C_GENERAL', ts)?.text).toBe('v2');
    await fake.waitFor(() => fake.calls('chat.update')[0]?.abandoned);
    expect(fake.updates('C_GENERAL', ts)).toHaveLength(1);
  });

  it('resets the connection, before or after the call takes effect', async () => {
    const once = clientFor(fake, { retries: 0 });
    fake.failNext('chat.postMessage', { reset: true });
    await expect(once.chat.postMessage({ channel: 'C_GENERAL', text: 'never' })).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    fake.failNext('chat.postMessage', { reset: true, applied: true });
    await expect(once.chat.postMessage({ channel: 'C_GENERAL', text: 'posted' })).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    expect(fake.messages('C_GENERAL').map((m) => m.text)).toEqual(['posted']);
    expect(fake.calls('chat.postMessage').map((c) => [c.status, c.error])).toEqual([
      [0, 'connection_reset'],
      [0, 'connection_reset'],
    ]);
    fake.dropConnections();
    await expect(once.chat.postMessage({ channel: 'C_GENERAL', text: 'after' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('lists each chat.update of a message: edited in place, same ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'INC-1 investigating' });
    const ts = posted.ts as string;
    await client.chat.update({ channel: 'C_GENERAL', ts, text: 'INC-1 investigating (edited)' });
    expect(await slackError(client.chat.update({ channel: 'C_GENERAL', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    expect(fake.updates('C_GENERAL', ts)).toEqual([
      expect.objectContaining({ ts, text: 'INC-1 investigating (edited)' }),
    ]);
    expect(fake.messages('C_GENERAL').map((m) => [m.ts, m.text])).toEqual([
      [ts, 'INC-1 investigating (edited)'],
    ]);
  });

  it('keeps message metadata and returns it only with include_all_metadata', async () => {
    const metadata = { event_type: 'sitrep_update', event_payload: { update_id: 'u1', revision: 1 } };
    const posted = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'update', metadata });
    const ts = posted.ts as string;
    const revised = { event_type: 'sitrep_update', event_payload: { update_id: 'u1', revision: 2 } };
    await client.chat.update({ channel: 'C_GENERAL', ts, text: 'update (edited)', metadata: revised });

    const plain = await client.conversations.history({ channel: 'C_GENERAL' });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    const full = await client.conversations.history({ channel: 'C_GENERAL', include_all_metadata: true });
    expect(full.messages?.[0]?.metadata).toEqual(revised);
    expect(fake.updates('C_GENERAL', ts)[0]?.metadata).toEqual(revised);

    const malformed = { event_type: 'sitrep_update' } as unknown as typeof metadata;
    expect(
      await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', metadata: malformed })),
    ).toBe('invalid_metadata_format');
    expect(fake.messages('C_GENERAL')).toHaveLength(1);
  });

  it('creates private channels and pages through their members', async () => {
    const created = await client.conversations.create({ name: 'inc-7-payroll', is_private: true });
    const id = created.channel?.id as string;
    expect(created.channel).toMatchObject({ is_private: true, is_channel: false });
    await client.conversations.invite({ channel: id, users: 'U_ANA,U_BEN,U_CAT' });
    const first = await client.conversations.members({ channel: id, limit: 2 });
    expect(first.members).toHaveLength(2);
    const cursor = first.response_metadata?.next_cursor as string;
    const second = await client.conversations.members({ channel: id, limit: 2, cursor });
    expect(second.response_metadata?.next_cursor).toBe('');
    expect([...(first.members ?? []), ...(second.members ?? [])].sort()).toEqual(
      [fake.botUserId, 'U_ANA', 'U_BEN', 'U_CAT'].sort(),
    );

    const hr = fake.addChannel({ name: 'hr', isPrivate: true, botIsMember: false });
    expect(await slackError(client.conversations.join({ channel: hr }))).toBe(
      'method_not_supported_for_channel_type',
    );
    expect(await slackError(client.conversations.members({ channel: hr }))).toBe('not_in_channel');
  });

  it('refuses overflow menus Slack would refuse', async () => {
    const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
    const menu = (count: number) => [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'An update' },
        accessory: {
          type: 'overflow',
          action_id: 'incident_update_menu',
          options: Array.from({ length: count }, (_, i) => option(`edit:u${i}`)),
        },
      },
    ];
    expect(
      await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: menu(6) })),
    ).toBe('invalid_blocks');
    expect(
      await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: menu(0) })),
    ).toBe('invalid_blocks');
    await expect(
      client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: menu(1) }),
    ).resolves.toMatchObject({ ok: true });
    expect(fake.messages('C_GENERAL')).toHaveLength(1);
  });

  it('records what is posted to a response URL', async () => {
    const url = fake.responseUrl();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'Not saved, nothing was posted' }),
    });
    expect(response.status).toBe(200);
    expect(fake.responses(url)).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', text: 'Not saved, nothing was posted' }),
    ]);
  });

  it('times out waitFor with the recent calls in the message', async () => {
    await client.chat.postMessage({ channel: 'C_GENERAL', text: 'only this' });
    await expect(
      fake.waitFor(() => fake.messages('C_GENERAL').length > 1, { timeoutMs: 60 }),
    ).rejects.toThrow(/waitFor timed out after 60 ms[\s\S]*chat\.postMessage/);
    await expect(fake.waitFor(() => fake.messages('C_GENERAL')[0])).resolves.toMatchObject({
      text: 'only this',
    });
  });
});

describe('SlackDriver against a real Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let driver: SlackDriver;
  const retries: (number | undefined)[] = [];
  const chosen: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      token: TOKEN,
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/incident', async ({ ack, body, client, respond }) => {
      await ack();
      if (body.text === 'help') {
        await respond({ response_type: 'ephemeral', text: 'Usage: /incident declare' });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'incident_declare',
          private_metadata: 'declare',
          title: { type: 'plain_text', text: 'Declare an incident' },
          blocks: [],
        },
      });
    });
    app.view('incident_declare', async ({ ack, view }) => {
      const title = view.state.values.title?.title?.value ?? '';
      if (title.trim() === '') {
        await ack({ response_action: 'errors', errors: { title: 'Give the incident a title' } });
        return;
      }
      await ack();
    });
    app.action('incident_update_open', async ({ ack }) => {
      await ack();
    });
    app.action<BlockAction<OverflowAction>>('incident_update_menu', async ({ ack, action, respond }) => {
      await ack();
      chosen.push(action.selected_option.value);
      await respond({ response_type: 'ephemeral', text: 'Only the author may change this update' });
    });
    app.event('reaction_added', async ({ context }) => {
      retries.push(context.retryNum);
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    const { port } = server.address() as AddressInfo;
    driver = new SlackDriver({
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      fake,
    });
  });

  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('signs exactly as Slack does', () => {
    const body = 'token=x&text=hello';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = driver.signedHeaders(body, { timestamp });
    expect(headers['x-slack-signature']).toBe(slackSignature(SIGNING_SECRET, timestamp, body));
    expect(() =>
      verifySlackRequest({
        signingSecret: SIGNING_SECRET,
        body,
        headers: {
          'x-slack-signature': headers['x-slack-signature'] as string,
          'x-slack-request-timestamp': timestamp,
        },
      }),
    ).not.toThrow();
  });

  it('sends a slash command that opens a modal through the fake', async () => {
    const result = await driver.command('declare Database down');
    expect(result.status).toBe(200);
    const opened = await fake.waitFor(() => fake.views()[0]);
    expect(opened).toMatchObject({ trigger_id: result.triggerId, user: 'U_RESPONDER' });
    expect(opened.view.callback_id).toBe('incident_declare');
  });

  it('answers through the response URL', async () => {
    const result = await driver.command('help');
    const response = await fake.waitFor(() => fake.responses(result.responseUrl)[0]);
    expect(response).toMatchObject({ response_type: 'ephemeral', text: 'Usage: /incident declare' });
  });

  it('submits a view and reads response_action errors', async () => {
    const values = stateValues({
      title: text('  '),
      impact: select('minor'),
      components: multiSelect(['api']),
      started_at: dateTime(1_662_023_445),
      lead: user('U_ANA'),
      detected_at: undefined,
    });
    expect(values.impact?.impact).toEqual({
      type: 'static_select',
      selected_option: { value: 'minor', text: { type: 'plain_text', text: 'minor', emoji: true } },
    });
    expect(values).not.toHaveProperty('detected_at');

    const rejected = await driver.viewSubmission({ callbackId: 'incident_declare', values });
    expect(rejected.status).toBe(200);
    expect(rejected.json()).toEqual({
      response_action: 'errors',
      errors: { title: 'Give the incident a title' },
    });

    const accepted = await driver.viewSubmission({
      callbackId: 'incident_declare',
      values: stateValues({ title: text('Database down') }),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toBe('');
  });

  it('clicks a button on a posted message', async () => {
    const result = await driver.blockAction({ actionId: 'incident_update_open', value: 'inc_1' });
    expect(result.status).toBe(200);
    expect(result.payload).toMatchObject({ type: 'block_actions', actions: [{ value: 'inc_1' }] });
  });

  it('chooses an overflow option on a posted message, and only one the menu offers', async () => {
    const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
    const posted = await new webApi.WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      logger: quiet,
    }).chat.postMessage({
      channel: 'C_GENERAL',
      text: 'Identified: a bad deploy',
      blocks: [
        {
          type: 'section',
          block_id: 'update_u1',
          text: { type: 'mrkdwn', text: 'Identified: a bad deploy' },
          accessory: {
            type: 'overflow',
            action_id: 'incident_update_menu',
            options: [option('edit:u1'), option('delete:u1')],
          },
        },
      ],
    });
    const messageTs = posted.ts as string;
    const result = await driver.chooseOverflow({
      actionId: 'incident_update_menu',
      value: 'delete:u1',
      channelId: 'C_GENERAL',
      messageTs,
      userId: 'U_BEN',
    });
    expect(result.payload.actions).toEqual([
      expect.objectContaining({
        type: 'overflow',
        block_id: 'update_u1',
        selected_option: expect.objectContaining({ value: 'delete:u1' }),
      }),
    ]);
    expect(chosen).toEqual(['delete:u1']);
    const answer = await fake.waitFor(() => fake.responses(result.responseUrl)[0]);
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      text: 'Only the author may change this update',
    });
    await expect(
      driver.chooseOverflow({
        actionId: 'incident_update_menu',
        value: 'pin:u1',
        channelId: 'C_GENERAL',
        messageTs,
      }),
    ).rejects.toThrow('offers edit:u1, delete:u1, not pin:u1');
  });

  it('delivers events with Slack retry headers', async () => {
    const event = reactionAddedEvent({
      user: 'U_ANA',
      reaction: 'pushpin',
      channel: 'C_GENERAL',
      ts: '1.000100',
    });
    const first = await driver.event(event);
    const retry = await driver.event(event, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await fake.waitFor(() => retries.length === 2);
    expect(retries).toEqual([undefined, 1]);
  });

  it('answers url_verification', async () => {
    const result = await driver.urlVerification('challenge-123');
    expect(result.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('is refused with a wrong secret, a stale timestamp or no signature', async () => {
    const wrong = await driver.command('list', { signingSecret: 'not-the-secret' });
    const stale = await driver.command('list', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unsigned = await driver.raw('command=%2Fincident&text=list', { unsigned: true });
    expect([wrong.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
  });
});
