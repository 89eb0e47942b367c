import type { ModalView } from '@slack/types';
import { type Component, type IncidentRecord, incidentRef } from '../../incidents/model';
import {
  type ComponentStatus,
  componentStatuses,
  componentStatusLabels,
  impactLabels,
  impacts,
  type Stage,
  stageLabels,
  stages,
  updateVisibilities,
  visibilityLabels,
} from '../../incidents/vocabulary';
import { Field, UPDATE_CALLBACK } from '../ids';
import { componentsInput, dateTimeInput, option, plainText, staticSelect, textInput } from './fields';
import { plain } from './format';

export interface UpdateModalState {
  record: IncidentRecord;
  catalog: Component[];
  /** `resolve` presets the stage to resolved. */
  stage?: Stage;
}

/** The status shared by every affected component, if they all share one. */
function commonStatus(record: IncidentRecord): ComponentStatus | undefined {
  const affected = record.components.filter((c) => c.status !== 'operational');
  const first = affected[0]?.status;
  return first && affected.every((c) => c.status === first) ? first : undefined;
}

/** The update modal (SPEC §5.2), prefilled with the incident's current values. */
export function updateIncidentModal(state: UpdateModalState): ModalView {
  const { record } = state;
  const affectedKeys = record.components
    .filter((c) => c.status !== 'operational')
    .map((c) => c.component.key);
  const catalog = [
    ...state.catalog,
    // Components archived from the catalog stay selectable on incidents that already name them.
    ...record.components.map((c) => c.component).filter((c) => !state.catalog.some((k) => k.id === c.id)),
  ];
  const blocks: ModalView['blocks'] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${incidentRef(record)}*: ${plain(record.title)}` },
    },
    staticSelect(
      Field.stage,
      'Stage',
      stages.map((s) => option(s, stageLabels[s])),
      { initial: state.stage ?? record.stage },
    ),
    textInput(Field.message, 'What changed', { multiline: true, maxLength: 3000 }),
    staticSelect(
      Field.impact,
      'Impact',
      impacts.map((i) => option(i, impactLabels[i])),
      { initial: record.impact },
    ),
  ];
  if (catalog.length > 0) {
    blocks.push(componentsInput(Field.components, catalog, affectedKeys));
    blocks.push(
      staticSelect(
        Field.componentStatus,
        'Status of those components',
        componentStatuses.map((s) => option(s, componentStatusLabels[s])),
        {
          optional: true,
          initial: commonStatus(record),
          hint: 'Resolving returns every component to operational.',
        },
      ),
    );
  }
  blocks.push(
    dateTimeInput(Field.occurredAt, 'Happened at', { hint: 'Left empty: now. May be back-dated.' }),
  );
  // A private incident stays private: it is offered no visibility to change to.
  if (record.visibility !== 'private') {
    blocks.push(
      staticSelect(
        Field.visibility,
        'Visibility',
        updateVisibilities.map((v) => option(v, visibilityLabels[v])),
        {
          initial: record.visibility,
          hint: 'Public publishes the whole timeline on the status page; internal withdraws it at once.',
        },
      ),
    );
  }
  return {
    type: 'modal',
    callback_id: UPDATE_CALLBACK,
    private_metadata: record.id,
    title: plainText(`Update ${incidentRef(record)}`.slice(0, 24)),
    submit: plainText('Post update'),
    close: plainText('Cancel'),
    blocks,
  };
}
