import http from 'node:http';
import { DECLARE_CALLBACK, Field, UPDATE_CALLBACK } from '../../src/slack/ids';
import { NOT_SAVED } from '../../src/slack/user-errors';
import type { Params, SlackBlock } from '../support/fake-slack';
import { declareThroughSlack, declareValues, outboxSettled, updateValues } from '../support/scenarios';
import type { DriverResponse, StateValues } from '../support/slack-driver';
import { startTestApp, type TestApp } from '../support/test-app';

/** A small seeded generator, so a failing case can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { next, pick };
}

/** Runs `tasks` with at most `width` in flight. */
async function inBatches<T>(tasks: (() => Promise<T>)[], width = 6): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += width) {
    results.push(...(await Promise.all(tasks.slice(i, i + width).map((task) => task()))));
  }
  return results;
}

function sectionTexts(blocks: SlackBlock[] | unknown[] | undefined): string[] {
  return ((blocks ?? []) as { type?: string; text?: { text?: string } }[])
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');
}

const OUT_OF_RANGE = 'INC-2147483648';
const EXPORT_TOKEN = 'fuzz-export-token';

describe('malformed input through the real endpoint', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { EXPORT_API_TOKEN: EXPORT_TOKEN } });
    const declared = await declareThroughSlack(app, { title: 'Fuzz target' });
    expect(declared.status).toBe(200);
    await outboxSettled(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const counts = async () => ({
    incidents: await app.db.prisma.incident.count(),
    updates: await app.db.prisma.incidentUpdate.count(),
  });

  describe('2,000 command texts', () => {
    const verbs = [
      '',
      'declare',
      'update',
      'resolve',
      'list',
      'show',
      'export',
      'lead',
      'components',
      'help',
    ];
    const oddVerbs = [
      'frobnicate',
      'SHOW',
      'Update',
      '`',
      '\u0000',
      '\u200b',
      '😀',
      "'; DROP TABLE incident;--",
    ];
    const args = [
      'INC-1',
      '#1',
      '1',
      OUT_OF_RANGE,
      '999999999999999',
      '9999999999999999',
      '0',
      '-1',
      'INC-',
      '1e3',
      'x'.repeat(10_000),
      'a\u0000b',
      '\u200b',
      '<@U0FUZZ>',
      '<@bogus>',
      'md',
      'pdf',
      '`rm`',
      '%00',
    ];
    const texts = (() => {
      const { pick, next } = generator(2026);
      const out: string[] = [];
      while (out.length < 2_000) {
        const verb = next() < 0.85 ? pick(verbs) : pick(oddVerbs);
        const parts = [verb];
        const n = Math.floor(next() * 4);
        for (let i = 0; i < n; i++) parts.push(pick(args));
        // An export of the real incident would DM a file each time: point those at no incident.
        if (verb === 'export' && ['INC-1', '#1', '1'].includes(parts[1] ?? '')) parts[1] = OUT_OF_RANGE;
        out.push(parts.join(next() < 0.1 ? '\t ' : ' '));
      }
      return out;
    })();

    it('acks every one with a 200 and answers within Slack’s limits, never with a database error', async () => {
      const before = await counts();
      const answers = await inBatches(texts.map((text) => () => app.slack.command(text)));
      expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
      for (const answer of answers) {
        if (typeof answer.body === 'string') continue;
        for (const text of sectionTexts(answer.body.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
      }
      await app.fake.waitFor(() => app.fake.responses().length >= 1);
      for (const response of app.fake.responses()) {
        expect(response.text).not.toBe(NOT_SAVED);
        expect(response.text).not.toMatch(/failed on this request/);
        for (const text of sectionTexts(response.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
      }
      expect((await counts()).incidents).toBe(before.incidents);
    }, 600_000);

    it('names an out-of-range reference as no such incident', async () => {
      const answer = await app.slack.command(`show ${OUT_OF_RANGE}`);
      expect(answer.status).toBe(200);
      const [response] = await app.fake.waitFor(() => {
        const found = app.fake.responses(answer.responseUrl);
        return found.length > 0 && found;
      });
      expect(response?.text).toBe(`${OUT_OF_RANGE} does not exist.`);
    });

    it('echoes at most 40 characters of a 10 KB argument in its help', async () => {
      const answer = await app.slack.command('x'.repeat(10_000));
      expect(answer.status).toBe(200);
      const [intro] = sectionTexts(answer.json().blocks);
      expect(intro).toBe(
        `\`${'x'.repeat(40)}…\` is not something I know. Here is what \`/incident\` understands:`,
      );
    });
  });

  describe('300 malformed view submissions', () => {
    const rawInteraction = (payload: unknown) =>
      app.slack.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

    type Case = {
      name: string;
      send: () => Promise<DriverResponse>;
      errors?: Record<string, string> | 'any' | 'none';
    };

    const declare = (fields: Parameters<typeof declareValues>[0], values?: StateValues) =>
      app.slack.viewSubmission({ callbackId: DECLARE_CALLBACK, values: values ?? declareValues(fields) });
    const update = (privateMetadata: string, values?: StateValues) =>
      app.slack.viewSubmission({
        callbackId: UPDATE_CALLBACK,
        privateMetadata,
        values: values ?? updateValues({ stage: 'identified', message: 'Still looking.' }),
      });
    const withDate = (block: string, seconds: unknown): StateValues =>
      ({
        ...declareValues({}),
        [block]: { [block]: { type: 'datetimepicker', selected_date_time: seconds } },
      }) as StateValues;

    const table: Case[] = [
      {
        name: 'a title of zero-width characters',
        send: () => declare({ title: '\u200b\u200b\u2060' }),
        errors: { [Field.title]: 'Give the incident a title.' },
      },
      {
        name: 'a NUL in the title',
        send: () => declare({ title: 'Checkout\u0000down' }),
        errors: { [Field.title]: 'Remove the control characters from the title.' },
      },
      {
        name: 'a start outside JavaScript’s dates',
        send: () => declare({}, withDate(Field.startedAt, 1e15)),
        errors: { [Field.startedAt]: 'Pick a date between the years 1 and 9999.' },
      },
      {
        name: 'a detection before year 1',
        send: () => declare({}, withDate(Field.detectedAt, -1e12)),
        errors: { [Field.detectedAt]: 'Pick a date between the years 1 and 9999.' },
      },
      {
        name: 'bogus private_metadata on an update',
        send: () => update('not-an-incident'),
        errors: { [Field.message]: 'That incident does not exist.' },
      },
      {
        name: 'an update of an incident that does not exist',
        send: () => update('00000000-0000-4000-8000-000000000000'),
        errors: { [Field.message]: 'That incident does not exist.' },
      },
      {
        name: 'an unknown callback_id',
        send: () => app.slack.viewSubmission({ callbackId: 'incident_nope', values: {} }),
        errors: 'none',
      },
      {
        name: 'a view_closed',
        send: () =>
          rawInteraction({
            type: 'view_closed',
            user: { id: 'U1' },
            view: { id: 'V1', callback_id: DECLARE_CALLBACK },
          }),
        errors: 'none',
      },
      {
        name: 'a submission without a user',
        send: () =>
          rawInteraction({
            type: 'view_submission',
            team: { id: 'T1' },
            view: { id: 'V1', callback_id: DECLARE_CALLBACK, state: { values: {} } },
          }),
        errors: 'none',
      },
      {
        name: 'a submission without view.state',
        send: () =>
          rawInteraction({
            type: 'view_submission',
            team: { id: 'T1' },
            user: { id: 'U1' },
            view: { id: 'V2', callback_id: DECLARE_CALLBACK },
          }),
        errors: { [Field.title]: 'Give the incident a title.', [Field.message]: 'Write what is happening.' },
      },
      {
        name: 'an unknown interaction type',
        send: () => rawInteraction({ type: 'frobnicate', user: { id: 'U1' } }),
        errors: 'none',
      },
    ];

    it.each(table.map((c) => [c.name, c] as const))(
      'answers %s with a 200 and the exact inline errors',
      async (_name, c) => {
        const before = await counts();
        const answer = await c.send();
        expect(answer.status).toBe(200);
        if (c.errors === 'none') expect(answer.rawBody).toBe('');
        else expect(answer.json()).toEqual({ response_action: 'errors', errors: c.errors });
        expect(await counts()).toEqual(before);
      },
    );

    it('acks the rest of 300 malformed submissions with a 200, changing nothing', async () => {
      const { pick, next } = generator(300);
      const poisonTitles = ['', ' ', '\u200b', '\u3164', 'a\u0000', 'b\u0007', 'x'.repeat(151), '\n'];
      const badSelects = [
        { type: 'static_select', selected_option: { value: 'bogus' } },
        { type: 'static_select', selected_option: 5 },
        { type: 'x' },
        'str',
        null,
        42,
      ];
      const badDates = [1e15, -1e15, 1e300, 'soon', -62135596801, 253402300800];
      const metadata = [
        '',
        'bogus',
        '{"channelId":5}',
        '[]',
        'null',
        '00000000-0000-4000-8000-000000000000',
        '\u0000',
      ];
      const values: unknown[] = [
        null,
        [],
        'values',
        7,
        { title: 'flat' },
        { title: { title: 5 } },
        { [Field.message]: { [Field.message]: { type: 'plain_text_input', value: 12 } } },
      ];
      const cases: (() => Promise<DriverResponse>)[] = [];
      while (cases.length < 300 - table.length) {
        const kind = Math.floor(next() * 6);
        if (kind === 0)
          cases.push(() => declare({ title: pick(poisonTitles), message: next() < 0.5 ? 'ok' : '\u200b' }));
        else if (kind === 1) {
          const block = pick([Field.impact, Field.stage, Field.componentStatus]);
          cases.push(() =>
            declare({}, {
              ...declareValues({ title: pick(poisonTitles) }),
              [block]: { [block]: pick(badSelects) },
            } as StateValues),
          );
        } else if (kind === 2)
          cases.push(() =>
            declare(
              { title: pick(poisonTitles) },
              withDate(pick([Field.startedAt, Field.detectedAt]), pick(badDates)),
            ),
          );
        else if (kind === 3) cases.push(() => update(pick(metadata)));
        else if (kind === 4)
          cases.push(() =>
            app.slack.viewSubmission({
              callbackId: pick([DECLARE_CALLBACK, UPDATE_CALLBACK]),
              privateMetadata: pick(metadata),
              values: pick(values) as StateValues,
            }),
          );
        else
          cases.push(() =>
            rawInteraction(
              pick<Params>([
                { type: 'view_submission' },
                { type: 'view_submission', user: 'U1', view: 'v' },
                { type: 'view_submission', user: { id: 'U1' }, view: { callback_id: 'zzz' } },
                { type: 'block_actions', user: { id: 'U1' }, actions: [] },
                {
                  type: 'block_actions',
                  user: { id: 'U1' },
                  actions: [{ action_id: 'incident_update_open', value: 'x' }],
                },
                { type: 'block_suggestion', action_id: 'nope', value: 'a' },
                { type: 'shortcut', callback_id: 'nope', user: { id: 'U1' } },
                { type: 'message_action', callback_id: 'nope', user: { id: 'U1' } },
              ]),
            ),
          );
      }
      const before = await counts();
      const answers = await inBatches(cases);
      expect(
        answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.rawBody.slice(0, 80)}`),
      ).toEqual([]);
      for (const answer of answers) {
        if (answer.rawBody === '') continue;
        const body = answer.json();
        expect(body.response_action).toBe('errors');
        expect(Object.values(body.errors ?? {})).not.toContain(NOT_SAVED);
      }
      expect(await counts()).toEqual(before);
    }, 600_000);
  });

  describe('200 malformed HTTP requests', () => {
    function request(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
      const url = new URL(app.url);
      return new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          { host: url.hostname, port: url.port, method, path, headers, agent: false },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        // A request left unanswered shows as status 0 rather than hanging the test.
        req.setTimeout(20_000, () => req.destroy());
        req.on('error', () => resolve({ status: 0, body: '' }));
        req.end(body);
      });
    }
    const signed = (body: string, contentType = 'application/x-www-form-urlencoded') => ({
      'content-type': contentType,
      ...app.slack.signedHeaders(body),
    });
    const token = { authorization: `Bearer ${EXPORT_TOKEN}` };

    it('answers a reference beyond the column’s range with a 404 on the public page and the export API', async () => {
      const page = await request('GET', `/incidents/${OUT_OF_RANGE}`);
      expect(page.status).toBe(404);
      expect(page.body).toContain(`There is no incident ${OUT_OF_RANGE}.`);
      const exported = await request('GET', `/api/incidents/${OUT_OF_RANGE}/export.json`, undefined, token);
      expect(exported).toEqual({
        status: 404,
        body: JSON.stringify({ error: `no incident ${OUT_OF_RANGE}` }),
      });
    });

    it('never answers 200 malformed requests with a 5xx', async () => {
      const { pick, next } = generator(200);
      const paths = [
        '/',
        '/incidents/INC-2147483648',
        '/incidents/INC-999999999999999',
        '/incidents/INC-99999999999999999999',
        '/incidents/%00',
        '/incidents/%E0%A4%A',
        '/incidents/INC-0',
        '/api/incidents/INC-2147483648/export.md',
        '/api/incidents/INC-999999999999999/export.csv',
        '/api/incidents/INC-1/export.pdf',
        '/api/v2/summary.json?page=-1',
        '/api/v2/incidents.json?limit=%00',
        `/history.atom?x=${'y'.repeat(4000)}`,
        '/nope',
        '/slack/events',
        '/readyz',
      ];
      const slackBodies: [string, string][] = [
        ['', 'application/x-www-form-urlencoded'],
        ['payload=notjson', 'application/x-www-form-urlencoded'],
        ['payload=%7B', 'application/x-www-form-urlencoded'],
        ['payload=[]', 'application/x-www-form-urlencoded'],
        ['payload=null', 'application/x-www-form-urlencoded'],
        ['{"type":', 'application/json'],
        ['[]', 'application/json'],
        ['{"type":"frobnicate"}', 'application/json'],
        ['{"type":"event_callback"}', 'application/json'],
        ['{"type":"event_callback","event":{"type":"reaction_added"}}', 'application/json'],
        ['{"type":"url_verification"}', 'application/json'],
        ['ssl_check=1', 'application/x-www-form-urlencoded'],
        ['command=%2Fincident', 'application/x-www-form-urlencoded'],
        ['command=%2Fother&text=x&user_id=U1&team_id=T1', 'application/x-www-form-urlencoded'],
        [`text=${'z'.repeat(20_000)}`, 'text/plain'],
      ];
      const tasks: (() => Promise<{ status: number; what: string }>)[] = [];
      while (tasks.length < 200) {
        const kind = Math.floor(next() * 4);
        if (kind === 0) {
          const path = pick(paths);
          const method = pick(['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
          const headers =
            next() < 0.5
              ? token
              : { authorization: pick(['Bearer', 'Basic x', `Bearer ${'t'.repeat(5000)}`]) };
          tasks.push(async () => ({
            status: (await request(method, path, undefined, headers)).status,
            what: `${method} ${path.slice(0, 60)}`,
          }));
        } else {
          const [body, type] = pick(slackBodies);
          const headers =
            kind === 1
              ? signed(body, type)
              : kind === 2
                ? { 'content-type': type, ...app.slack.signedHeaders(body, { timestamp: 1 }) }
                : {
                    'content-type': type,
                    'x-slack-signature': 'v0=bad',
                    'x-slack-request-timestamp': 'soon',
                  };
          tasks.push(async () => ({
            status: (await request('POST', '/slack/events', body, headers)).status,
            what: `POST ${body.slice(0, 40)}`,
          }));
        }
      }
      const before = await counts();
      const answers = await inBatches(tasks, 8);
      expect(
        answers.filter((a) => a.status >= 500 || a.status === 0).map((a) => `${a.status} ${a.what}`),
      ).toEqual([]);
      expect(await counts()).toEqual(before);
    }, 600_000);
  });
});
