import { impacts, incidentComponentStatuses, openStages } from '../../incidents/vocabulary';
import { Field } from '../ids';
import { PICK_IMPACT, PICK_STATUS } from './messages';
import {
  choiceField,
  dateTimeField,
  multiSelectField,
  optionalChoiceField,
  textField,
  userField,
  viewForm,
} from './view-state';

/** The declare modal's state → the use case's input; issues are keyed by block id. */
export const declareForm = viewForm({
  [Field.title]: textField,
  [Field.impact]: choiceField(impacts, PICK_IMPACT, 'minor'),
  [Field.components]: multiSelectField,
  [Field.componentStatus]: optionalChoiceField(incidentComponentStatuses, PICK_STATUS),
  [Field.stage]: choiceField(
    openStages,
    'A new incident starts investigating, identified or monitoring.',
    'investigating',
  ),
  [Field.message]: textField,
  [Field.startedAt]: dateTimeField,
  [Field.detectedBy]: textField,
  [Field.detectedAt]: dateTimeField,
  [Field.lead]: userField,
}).transform((f) => ({
  title: f[Field.title] ?? '',
  impact: f[Field.impact],
  componentKeys: f[Field.components],
  componentStatus: f[Field.componentStatus],
  stage: f[Field.stage],
  message: f[Field.message] ?? '',
  startedAt: f[Field.startedAt],
  detectedBy: f[Field.detectedBy],
  detectedAt: f[Field.detectedAt],
  leadId: f[Field.lead],
}));
