import type { KnownBlock } from '@slack/types';
import { addWebhookForm } from '../../src/slack/forms/subscriber-form';
import { SUBSCRIBER_REMOVE_ACTION, SUBSCRIBERS_CALLBACK } from '../../src/slack/ids';
import { displayUrl, subscribersModal } from '../../src/slack/views/subscribers-modal';
import type { Subscriber } from '../../src/subscribers/ports';
import { aComponent } from '../support/fixtures';
import { multiSelect, stateValues, text } from '../support/slack-driver';

const T = new Date('2026-12-01T12:00:00Z');

function aWebhook(overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    id: '7f1d3c52-2a5e-4c1b-9a57-0c8d2f4b6e11',
    kind: 'webhook',
    email: null,
    webhookUrl: 'https://hooks.example.com/statuspage',
    webhookSecret: null,
    components: [],
    confirmedAt: T,
    createdById: 'U0MANAGER',
    failingSince: null,
    disabledAt: null,
    createdAt: T,
    unsubscribeToken: 'token',
    ...overrides,
  };
}

const catalog = [
  aComponent({ key: 'workflows', name: 'Workflows' }),
  aComponent({ key: 'api', name: 'API' }),
];
const sections = (blocks: KnownBlock[]) =>
  blocks.filter((b): b is Extract<KnownBlock, { type: 'section' }> => b.type === 'section');

describe('subscribersModal', () => {
  const webhooks = [
    aWebhook({ webhookSecret: 'a-secret-of-24-characters', components: ['workflows'] }),
    aWebhook({
      id: '0b6f6d0e-7a43-4f0e-8a0b-3f3c1f2b9d20',
      webhookUrl: 'https://chat.example.com/hook?token=abc&room=ops',
      failingSince: T,
    }),
    aWebhook({ id: 'c2a4e1f0-5b6d-4e3a-8c9b-1d2e3f4a5b6c', disabledAt: T }),
  ];
  const view = subscribersModal({ webhooks, total: 3, catalog, timeZone: 'UTC' });

  it('carries the ids of SPEC §13: the callback, a remove button per webhook valued by its id, and the inputs', () => {
    expect(view.callback_id).toBe(SUBSCRIBERS_CALLBACK);
    const buttons = sections(view.blocks as KnownBlock[])
      .map((b) => b.accessory)
      .filter((a) => a?.type === 'button');
    expect(buttons.map((b) => [b?.action_id, (b as { value: string }).value])).toEqual(
      webhooks.map((w) => [SUBSCRIBER_REMOVE_ACTION, w.id]),
    );
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(
      inputs.map((b) => [b.block_id, (b as { element: { action_id: string } }).element.action_id]),
    ).toEqual([
      ['webhook_url', 'webhook_url'],
      ['webhook_secret', 'webhook_secret'],
      ['components', 'components'],
    ]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('shows each URL without secrets, its components and whether it is enabled, failing or disabled', () => {
    const texts = sections(view.blocks as KnownBlock[]).map((b) => b.text?.text ?? '');
    const rows = texts.filter((t) => t.startsWith('`'));
    expect(rows[0]).toContain('Workflows');
    expect(rows[0]).toContain('enabled');
    expect(rows[0]).toMatch(/ · signed$/);
    expect(rows[1]).toMatch(/ · unsigned$/);
    // mrkdwn escapes & even inside code.
    expect(rows[1]).toContain('?token=…&amp;room=…');
    expect(rows[1]).toContain('failing since');
    expect(rows[2]).toContain('disabled');
    expect(rows[2]).toContain('all components');
    expect(JSON.stringify(view)).not.toContain('a-secret-of-24-characters');
    expect(JSON.stringify(view)).not.toContain('abc');
  });

  it('counts the webhooks past the ones listed', () => {
    const more = subscribersModal({ webhooks, total: 57, catalog, timeZone: 'UTC' });
    expect(JSON.stringify(more.blocks)).toContain('…and 54 older webhooks not listed here');
  });

  it('matches its snapshot', () => {
    expect(view).toMatchSnapshot();
  });
});

describe('displayUrl', () => {
  it('hides query values and drops the fragment', () => {
    expect(displayUrl('https://a.example.com/x/y?k=secret&n=2#frag')).toBe(
      'https://a.example.com/x/y?k=…&n=…',
    );
    expect(displayUrl('https://a.example.com/x')).toBe('https://a.example.com/x');
  });
});

describe('addWebhookForm', () => {
  it('reads the URL, the secret and the components from their blocks', () => {
    const values = stateValues({
      webhook_url: text(' https://hooks.example.com/x '),
      webhook_secret: text(null),
      components: multiSelect(['workflows']),
    });
    expect(addWebhookForm.parse(values)).toEqual({
      webhookUrl: ' https://hooks.example.com/x ',
      webhookSecret: null,
      componentKeys: ['workflows'],
    });
  });
});
