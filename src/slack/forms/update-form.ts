import type { PostUpdateInput } from '../../incidents/post-update';
import {
  type ComponentStatus,
  componentStatuses,
  type Impact,
  impacts,
  type Stage,
  stages,
} from '../../incidents/vocabulary';
import { Field, type FieldId } from '../ids';
import type { FormResult } from './declare-form';
import { oneOf, ViewState } from './view-state';

export type UpdateForm = Pick<
  PostUpdateInput,
  'stage' | 'message' | 'impact' | 'componentKeys' | 'componentStatus' | 'occurredAt'
>;

/** The update modal's state → the use case's input, or errors keyed by block id. */
export function parseUpdateForm(rawValues: unknown): FormResult<UpdateForm> {
  let state: ViewState;
  try {
    state = ViewState.parse(rawValues);
  } catch {
    return { ok: false, errors: { [Field.message]: 'The form could not be read; please submit it again.' } };
  }
  const errors: Partial<Record<FieldId, string>> = {};
  const stage = oneOf<Stage>(stages, state.select(Field.stage));
  if (!stage) errors[Field.stage] = 'Pick a stage.';
  const impact = oneOf<Impact>(impacts, state.select(Field.impact));
  if (!impact) errors[Field.impact] = 'Pick an impact: none, minor, major or critical.';
  const statusRaw = state.select(Field.componentStatus);
  const componentStatus = statusRaw === null ? null : oneOf<ComponentStatus>(componentStatuses, statusRaw);
  if (statusRaw !== null && !componentStatus)
    errors[Field.componentStatus] = 'Pick one of the listed statuses.';
  if (!stage || !impact || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      stage,
      impact,
      message: state.text(Field.message) ?? '',
      componentKeys: state.multiSelect(Field.components),
      componentStatus,
      occurredAt: state.dateTime(Field.occurredAt),
    },
  };
}
