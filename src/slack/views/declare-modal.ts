import type { ModalView } from '@slack/types';
import type { Component } from '../../incidents/model';
import {
  componentStatusLabels,
  impactLabels,
  impacts,
  incidentComponentStatuses,
  openStages,
  stageLabels,
  type Visibility,
  visibilities,
  visibilityLabels,
} from '../../incidents/vocabulary';
import { DECLARE_CALLBACK, Field } from '../ids';
import {
  componentsInput,
  dateTimeInput,
  option,
  plainText,
  staticSelect,
  textInput,
  userSelect,
} from './fields';

export interface DeclareModalState {
  title: string;
  catalog: Component[];
  declarerId: string;
  /** Preselected visibility (DEFAULT_VISIBILITY). */
  visibility: Visibility;
  /** Carried through the submission: where the command was typed. */
  privateMetadata: string;
}

/** What declare and record ask first: title, impact, visibility, the components and their status. */
export function incidentBlocks(state: {
  title: string;
  catalog: Component[];
  visibility: Visibility;
}): ModalView['blocks'] {
  const blocks: ModalView['blocks'] = [
    textInput(Field.title, 'Title', {
      initial: state.title,
      maxLength: 150,
      placeholder: 'What is broken, for whom',
    }),
    staticSelect(
      Field.impact,
      'Impact',
      impacts.map((i) => option(i, impactLabels[i])),
      { initial: 'minor' },
    ),
    staticSelect(
      Field.visibility,
      'Visibility',
      visibilities.map((v) => option(v, visibilityLabels[v])),
      {
        initial: state.visibility,
        hint: 'Only public incidents reach the status page, its feeds and subscribers.',
      },
    ),
  ];
  if (state.catalog.length > 0) {
    blocks.push(componentsInput(Field.components, state.catalog, []));
    blocks.push(
      staticSelect(
        Field.componentStatus,
        'Status of those components',
        incidentComponentStatuses.map((s) => option(s, componentStatusLabels[s])),
        { optional: true, hint: 'Left empty: follows the impact (minor: degraded performance…).' },
      ),
    );
  }
  return blocks;
}

/** The declare modal (SPEC §5.2). */
export function declareIncidentModal(state: DeclareModalState): ModalView {
  const blocks = incidentBlocks(state);
  blocks.push(
    staticSelect(
      Field.stage,
      'Stage',
      openStages.map((s) => option(s, stageLabels[s])),
      { initial: 'investigating' },
    ),
    textInput(Field.message, 'What is happening', {
      multiline: true,
      maxLength: 3000,
      placeholder: 'The first update stakeholders will read',
    }),
    dateTimeInput(Field.startedAt, 'Started at', {
      hint: 'Left empty: now. May be in the past, not the future.',
    }),
    textInput(Field.detectedBy, 'Detected by', {
      optional: true,
      maxLength: 200,
      placeholder: 'A monitor, a customer…',
    }),
    dateTimeInput(Field.detectedAt, 'Detected at'),
    userSelect(Field.lead, 'Lead', { initial: state.declarerId }),
  );
  return {
    type: 'modal',
    callback_id: DECLARE_CALLBACK,
    private_metadata: state.privateMetadata,
    title: plainText('Declare an incident'),
    submit: plainText('Declare'),
    close: plainText('Cancel'),
    blocks,
  };
}
