import type { ComponentStatus } from '../../incidents/vocabulary';
import { PICK_STATUS } from './messages';
import { multiSelectField, optionalChoiceField, requiredTextField } from './view-state';

/** What both modals ask about the incident's state: the message and the affected components. */
export function stateFields(statuses: readonly ComponentStatus[]) {
  return {
    message: requiredTextField,
    componentKeys: multiSelectField,
    componentStatus: optionalChoiceField(statuses, PICK_STATUS),
  };
}
