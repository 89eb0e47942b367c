import type { KnownBlock, ModalView } from '@slack/types';
import { type Component, componentLabel } from '../../incidents/model';
import { WEBHOOK_SECRET_MAX, WEBHOOK_SECRET_MIN, WEBHOOK_URL_MAX } from '../../subscribers/add-webhook';
import type { Subscriber } from '../../subscribers/ports';
import { Field, SUBSCRIBER_REMOVE_ACTION, SUBSCRIBERS_CALLBACK, subscriberBlock } from '../ids';
import { componentsInput, plainText, textInput } from './fields';
import { plain, slackDate } from './format';

export interface SubscribersModalState {
  /** The latest webhooks, newest first. */
  webhooks: Subscriber[];
  /** How many there are in all. */
  total: number;
  catalog: Component[];
  timeZone: string;
  /** A line above the list: what the last click did. */
  notice?: string;
}

/** A URL as the list shows it: query values hidden (they often hold tokens), no fragment. */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const query = [...url.searchParams.keys()].map((key) => `${key}=…`).join('&');
    return `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return raw;
  }
}

function componentsText(keys: string[], catalog: Component[]): string {
  if (keys.length === 0) return 'all components';
  return keys
    .map((key) => {
      const component = catalog.find((c) => c.key === key);
      return component ? componentLabel(component) : key;
    })
    .join(', ');
}

function stateText(webhook: Subscriber, timeZone: string): string {
  if (webhook.disabledAt) return `:no_entry: disabled ${slackDate(webhook.disabledAt, timeZone)}`;
  if (webhook.failingSince)
    return `:warning: enabled, failing since ${slackDate(webhook.failingSince, timeZone)}`;
  return ':white_check_mark: enabled';
}

function webhookBlock(webhook: Subscriber, state: SubscribersModalState): KnownBlock {
  const url = displayUrl(webhook.webhookUrl ?? '').replace(/`/g, '%60');
  const details = [
    stateText(webhook, state.timeZone),
    plain(componentsText(webhook.components, state.catalog)),
    webhook.webhookSecret ? 'signed' : 'unsigned',
  ].join(' · ');
  return {
    type: 'section',
    block_id: subscriberBlock(webhook.id),
    text: { type: 'mrkdwn', text: `\`${plain(url)}\`\n${details}` },
    accessory: {
      type: 'button',
      action_id: SUBSCRIBER_REMOVE_ACTION,
      value: webhook.id,
      style: 'danger',
      text: plainText('Remove'),
      confirm: {
        title: plainText('Remove this webhook?'),
        text: { type: 'mrkdwn', text: `\`${plain(url)}\` will get nothing more.` },
        confirm: plainText('Remove'),
        deny: plainText('Keep it'),
        style: 'danger',
      },
    },
  };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** The `subscribers_manage` modal (SPEC §13): the webhook subscribers, each removable, and a form adding one. */
export function subscribersModal(state: SubscribersModalState): ModalView {
  const rest = state.total - state.webhooks.length;
  const count = state.total === 1 ? '1 webhook' : `${state.total} webhooks`;
  const blocks: KnownBlock[] = [];
  if (state.notice) blocks.push(context(plain(state.notice)));
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `*${count}* get every public incident update, maintenance update and component change, in Statuspage's webhook format.`,
    },
  });
  if (state.webhooks.length === 0) blocks.push(context('_No webhook subscribers yet._'));
  for (const webhook of state.webhooks) blocks.push(webhookBlock(webhook, state));
  if (rest > 0) {
    blocks.push(
      context(
        `…and ${rest} older ${rest === 1 ? 'webhook' : 'webhooks'} not listed here (the latest ${state.webhooks.length} are).`,
      ),
    );
  }
  blocks.push(
    { type: 'divider' },
    { type: 'header', text: plainText('Add a webhook') },
    textInput(Field.webhookUrl, 'URL', {
      maxLength: WEBHOOK_URL_MAX,
      placeholder: 'https://hooks.example.com/statuspage',
      hint: 'It must start with https:// and resolve to a public address.',
    }),
    textInput(Field.webhookSecret, 'Secret', {
      optional: true,
      maxLength: WEBHOOK_SECRET_MAX,
      hint: `At least ${WEBHOOK_SECRET_MIN} characters. With one, each delivery is signed: X-Sitrep-Signature: sha256=<HMAC of the body>.`,
    }),
    componentsInput(Field.components, state.catalog, [], { label: 'Components (none: all)' }),
  );
  return {
    type: 'modal',
    callback_id: SUBSCRIBERS_CALLBACK,
    title: plainText('Webhook subscribers'),
    submit: plainText('Add webhook'),
    close: plainText('Done'),
    blocks,
  };
}

/** The modal in place of the list when a click could not be done: a refusal, or a failure. */
export function subscribersNoticeModal(text: string): ModalView {
  return {
    type: 'modal',
    callback_id: SUBSCRIBERS_CALLBACK,
    title: plainText('Webhook subscribers'),
    close: plainText('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: plain(text) } }],
  };
}
