import type { Overflow } from '@slack/types';
import type { IncidentUpdate } from '../../incidents/model';
import { UPDATE_MENU_ACTION } from '../ids';
import type { SlackMessage } from './incident-messages';

/** The overflow menu on every message showing an update (SPEC §11); the declare message offers Edit only. */
export function updateMenu(update: Pick<IncidentUpdate, 'id' | 'sequence'>): Overflow {
  const options = [{ text: { type: 'plain_text' as const, text: 'Edit' }, value: `edit:${update.id}` }];
  if (update.sequence !== 1)
    options.push({ text: { type: 'plain_text' as const, text: 'Delete' }, value: `delete:${update.id}` });
  return { type: 'overflow', action_id: UPDATE_MENU_ACTION, options };
}

/** A menu value read back: what to do to which update, or null for anything else. */
export function parseMenuValue(
  value: string | undefined,
): { action: 'edit' | 'delete'; updateId: string } | null {
  const match = /^(edit|delete):(.+)$/.exec(value ?? '');
  return match ? { action: match[1] as 'edit' | 'delete', updateId: match[2] as string } : null;
}

/** What a deleted update's messages become. */
export function removedUpdateMessage(): SlackMessage {
  const text = '_This update was removed._';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
