import { componentStatuses, impacts, stages } from '../../incidents/vocabulary';
import { PICK_IMPACT } from './messages';
import { stateFields } from './state-fields';
import { choiceField, dateTimeField, viewForm } from './view-state';

/** The update modal's state → the use case's input. */
export const updateForm = viewForm({
  ...stateFields(componentStatuses),
  stage: choiceField(stages, 'Pick a stage.'),
  impact: choiceField(impacts, PICK_IMPACT),
  occurredAt: dateTimeField,
});
