import { stages } from '../../incidents/vocabulary';
import { choiceField, dateTimeField, requiredTextField, textField, viewForm } from './view-state';

/** The `update_edit` modal's state → the correction's input. */
export const updateEditForm = viewForm({
  message: requiredTextField,
  stage: choiceField(stages, 'Pick a stage.'),
  occurredAt: dateTimeField,
});

/** The `incident_edit` modal's state → the correction's input. */
export const incidentEditForm = viewForm({
  title: requiredTextField,
  startedAt: dateTimeField,
  detectedBy: textField,
  detectedAt: dateTimeField,
});
