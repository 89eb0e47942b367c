import type { DeclareInput } from '../../incidents/declare-incident';
import {
  type ComponentStatus,
  type Impact,
  impacts,
  incidentComponentStatuses,
  type OpenStage,
  openStages,
} from '../../incidents/vocabulary';
import { Field, type FieldId } from '../ids';
import { oneOf, ViewState } from './view-state';

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Partial<Record<FieldId, string>> };

export type DeclareForm = Pick<
  DeclareInput,
  | 'title'
  | 'impact'
  | 'componentKeys'
  | 'componentStatus'
  | 'stage'
  | 'message'
  | 'startedAt'
  | 'detectedBy'
  | 'detectedAt'
  | 'leadId'
>;

/** The declare modal's state → the use case's input, or errors keyed by block id. */
export function parseDeclareForm(rawValues: unknown): FormResult<DeclareForm> {
  let state: ViewState;
  try {
    state = ViewState.parse(rawValues);
  } catch {
    return { ok: false, errors: { [Field.title]: 'The form could not be read; please submit it again.' } };
  }
  const errors: Partial<Record<FieldId, string>> = {};
  const impactRaw = state.select(Field.impact);
  const impact = oneOf<Impact>(impacts, impactRaw ?? 'minor');
  if (!impact) errors[Field.impact] = 'Pick an impact: none, minor, major or critical.';
  const stage = oneOf<OpenStage>(openStages, state.select(Field.stage) ?? 'investigating');
  if (!stage) errors[Field.stage] = 'A new incident starts investigating, identified or monitoring.';
  const statusRaw = state.select(Field.componentStatus);
  const componentStatus =
    statusRaw === null ? null : oneOf<ComponentStatus>(incidentComponentStatuses, statusRaw);
  if (statusRaw !== null && !componentStatus)
    errors[Field.componentStatus] = 'Pick one of the listed statuses.';
  if (Object.keys(errors).length > 0 || !impact || !stage) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: state.text(Field.title) ?? '',
      impact,
      componentKeys: state.multiSelect(Field.components),
      componentStatus,
      stage,
      message: state.text(Field.message) ?? '',
      startedAt: state.dateTime(Field.startedAt),
      detectedBy: state.text(Field.detectedBy),
      detectedAt: state.dateTime(Field.detectedAt),
      leadId: state.user(Field.lead),
    },
  };
}

/** Domain field names → the modal's block ids. */
const domainToBlock: Record<string, FieldId> = {
  title: Field.title,
  message: Field.message,
  startedAt: Field.startedAt,
  detectedAt: Field.detectedAt,
  detectedBy: Field.detectedBy,
  components: Field.components,
  componentStatus: Field.componentStatus,
  stage: Field.stage,
  impact: Field.impact,
  occurredAt: Field.occurredAt,
  lead: Field.lead,
};

export function toBlockErrors(
  fields: Record<string, string>,
  fallback: FieldId,
): Partial<Record<FieldId, string>> {
  const errors: Partial<Record<FieldId, string>> = {};
  for (const [field, message] of Object.entries(fields)) {
    const block = domainToBlock[field] ?? fallback;
    errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
  }
  return errors;
}
