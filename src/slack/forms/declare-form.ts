import { impacts, incidentComponentStatuses, openStages, visibilities } from '../../incidents/vocabulary';
import { ANNOUNCE_OPTION } from '../ids';
import { PICK_IMPACT } from './messages';
import { stateFields } from './state-fields';
import {
  choiceField,
  dateTimeField,
  optionalChoiceField,
  requiredTextField,
  textField,
  tickedField,
  userField,
  viewForm,
} from './view-state';

/** The declare modal's state → the use case's input. */
export const declareForm = viewForm({
  ...stateFields(incidentComponentStatuses),
  title: requiredTextField,
  impact: choiceField(impacts, PICK_IMPACT, 'minor'),
  visibility: optionalChoiceField(visibilities, 'Pick public, internal or private.'),
  stage: choiceField(
    openStages,
    'A new incident starts investigating, identified or monitoring.',
    'investigating',
  ),
  startedAt: dateTimeField,
  detectedBy: textField,
  detectedAt: dateTimeField,
  leadId: userField,
});

/** The record modal's state → the use case's input (SPEC §11). */
export const recordForm = viewForm({
  ...stateFields(incidentComponentStatuses),
  title: requiredTextField,
  impact: choiceField(impacts, PICK_IMPACT, 'minor'),
  visibility: optionalChoiceField(visibilities, 'Pick public, internal or private.'),
  startedAt: dateTimeField,
  resolvedAt: dateTimeField,
  detectedBy: textField,
  detectedAt: dateTimeField,
  announce: tickedField(ANNOUNCE_OPTION),
});
