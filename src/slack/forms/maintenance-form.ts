import { maintenanceStages, maintenanceVisibilities } from '../../maintenance/vocabulary';
import { ALREADY_STARTED_OPTION, AUTO_TRANSITIONS_OPTION } from '../ids';
import {
  choiceField,
  dateTimeField,
  multiSelectField,
  requiredTextField,
  tickedField as ticked,
  viewForm,
} from './view-state';

/** The `maintenance_schedule` modal's state → the use case's input (SPEC §12). */
export const scheduleForm = viewForm({
  title: requiredTextField,
  componentKeys: multiSelectField,
  message: requiredTextField,
  scheduledFor: dateTimeField,
  scheduledUntil: dateTimeField,
  alreadyStarted: ticked(ALREADY_STARTED_OPTION),
  visibility: choiceField(maintenanceVisibilities, 'Pick public or internal.', 'public'),
  autoTransitions: ticked(AUTO_TRANSITIONS_OPTION),
});

/** A maintenance update's stage and message. */
export const maintenanceUpdateForm = viewForm({
  stage: choiceField(maintenanceStages, 'Pick a stage.'),
  message: requiredTextField,
});
