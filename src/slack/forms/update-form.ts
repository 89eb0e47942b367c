import { componentStatuses, impacts, stages, updateVisibilities } from '../../incidents/vocabulary';
import { PICK_IMPACT } from './messages';
import { stateFields } from './state-fields';
import { choiceField, dateTimeField, optionalChoiceField, viewForm } from './view-state';

/** The update modal's state → the use case's input. */
export const updateForm = viewForm({
  ...stateFields(componentStatuses),
  stage: choiceField(stages, 'Pick a stage.'),
  impact: choiceField(impacts, PICK_IMPACT),
  occurredAt: dateTimeField,
  visibility: optionalChoiceField(
    updateVisibilities,
    'Pick public or internal: an incident becomes private only when declared so.',
  ),
});
