import { componentStatuses, impacts, stages } from '../../incidents/vocabulary';
import { Field } from '../ids';
import { PICK_IMPACT, PICK_STATUS } from './messages';
import {
  choiceField,
  dateTimeField,
  multiSelectField,
  optionalChoiceField,
  textField,
  viewForm,
} from './view-state';

/** The update modal's state → the use case's input; issues are keyed by block id. */
export const updateForm = viewForm({
  [Field.stage]: choiceField(stages, 'Pick a stage.'),
  [Field.impact]: choiceField(impacts, PICK_IMPACT),
  [Field.message]: textField,
  [Field.components]: multiSelectField,
  [Field.componentStatus]: optionalChoiceField(componentStatuses, PICK_STATUS),
  [Field.occurredAt]: dateTimeField,
}).transform((f) => ({
  stage: f[Field.stage],
  impact: f[Field.impact],
  message: f[Field.message] ?? '',
  componentKeys: f[Field.components],
  componentStatus: f[Field.componentStatus],
  occurredAt: f[Field.occurredAt],
}));
