/** Slack's own limits on what it accepts, so that a payload Slack would refuse fails here too. */

import { type Params, SlackApiError, type SlackView } from './types';
import { isObject, str } from './wire';

const MAX_MESSAGE_BLOCKS = 50;
const MAX_VIEW_BLOCKS = 100;
const MAX_SECTION_TEXT = 3000;
const MAX_OPTIONS = 100;
const MAX_OVERFLOW_OPTIONS = 5;
const MAX_OPTION_VALUE = 150;
const MAX_MODAL_TITLE = 24;
const MAX_MESSAGE_TEXT = 40_000;
export const CHANNEL_NAME = /^[a-z0-9_-]+$/;

function blocksError(blocks: unknown, max: number): string | undefined {
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > max) return `too many blocks: ${blocks.length} > ${max}`;
  const ids = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    if (!isObject(block) || typeof block.type !== 'string') return `block ${i} has no type`;
    if (typeof block.block_id === 'string') {
      if (ids.has(block.block_id)) return `duplicate block_id ${block.block_id}`;
      if (block.block_id.length > 255) return `block_id too long at block ${i}`;
      ids.add(block.block_id);
    }
    if (block.type === 'section' && isObject(block.text) && typeof block.text.text === 'string') {
      if (block.text.text.length > MAX_SECTION_TEXT)
        return `section text over ${MAX_SECTION_TEXT} at block ${i}`;
    }
    const optionError = elementError(block);
    if (optionError) return `${optionError} at block ${i}`;
  }
  return undefined;
}

/** Option counts of selects and overflow menus, and option values, anywhere inside a block. */
function elementError(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const error = elementError(item);
      if (error) return error;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (node.type === 'overflow') {
    const options = Array.isArray(node.options) ? node.options : [];
    if (options.length < 1 || options.length > MAX_OVERFLOW_OPTIONS)
      return `an overflow menu needs 1 to ${MAX_OVERFLOW_OPTIONS} options, not ${options.length}`;
  }
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'options' || key === 'option_groups') && Array.isArray(value)) {
      if (value.length > MAX_OPTIONS) return `more than ${MAX_OPTIONS} ${key}`;
      for (const option of value) {
        if (isObject(option) && typeof option.value === 'string' && option.value.length > MAX_OPTION_VALUE)
          return `option value over ${MAX_OPTION_VALUE} characters`;
      }
    }
    if (typeof value === 'object' && value !== null) {
      const error = elementError(value);
      if (error) return error;
    }
  }
  return undefined;
}

function viewError(view: unknown, kind: 'modal' | 'home'): string | undefined {
  if (!isObject(view)) return 'view must be an object';
  if (view.type !== kind) return `view.type must be ${kind}`;
  if (kind === 'modal') {
    if (!isObject(view.title) || typeof view.title.text !== 'string') return 'modal needs a title';
    if (view.title.text.length > MAX_MODAL_TITLE) return `modal title over ${MAX_MODAL_TITLE} characters`;
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    return 'private_metadata over 3000 characters';
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) return 'callback_id too long';
  return blocksError(view.blocks ?? [], MAX_VIEW_BLOCKS);
}

function invalid(code: string, error: string): SlackApiError {
  return new SlackApiError(code, { response_metadata: { messages: [`[ERROR] ${error}`] } });
}

export function checkView(view: unknown, kind: 'modal' | 'home'): SlackView {
  const error = viewError(view, kind);
  if (error) throw invalid('invalid_arguments', error);
  return view as SlackView;
}

export function checkMessageContent(params: Params, requireContent: boolean): void {
  const text = str(params, 'text');
  const hasBlocks = params.blocks !== undefined && params.blocks !== '';
  const hasAttachments = params.attachments !== undefined && params.attachments !== '';
  if (requireContent && !text && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if (text && text.length > MAX_MESSAGE_TEXT) throw new SlackApiError('msg_too_long');
  if (hasBlocks) {
    const error = blocksError(params.blocks, MAX_MESSAGE_BLOCKS);
    if (error) throw invalid('invalid_blocks', error);
  }
  if (hasAttachments && !Array.isArray(params.attachments)) throw new SlackApiError('invalid_attachments');
  checkMetadata(params.metadata);
}

/** Message metadata is `{ event_type: string, event_payload: object }` or Slack refuses the message. */
function checkMetadata(metadata: unknown): void {
  if (metadata === undefined || metadata === '') return;
  if (
    !isObject(metadata) ||
    typeof metadata.event_type !== 'string' ||
    metadata.event_type === '' ||
    !isObject(metadata.event_payload)
  ) {
    throw invalid('invalid_metadata_format', 'metadata needs event_type and an event_payload object');
  }
}
