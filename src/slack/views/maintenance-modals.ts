import type { ModalView } from '@slack/types';
import type { Component } from '../../incidents/model';
import type { MaintenanceRecord } from '../../maintenance/model';
import { maintenanceRef } from '../../maintenance/reference';
import { MAINTENANCE_MESSAGE_MAX, MAINTENANCE_TITLE_MAX } from '../../maintenance/schedule-rules';
import {
  type MaintenanceStage,
  type MaintenanceVisibility,
  maintenanceStageLabels,
  maintenanceVisibilities,
  nextMaintenanceStages,
} from '../../maintenance/vocabulary';
import {
  ALREADY_STARTED_OPTION,
  AUTO_TRANSITIONS_OPTION,
  Field,
  MAINTENANCE_SCHEDULE_CALLBACK,
  MAINTENANCE_UPDATE_CALLBACK,
} from '../ids';
import {
  checkboxInput,
  componentsInput,
  dateTimeInput,
  option,
  plainText,
  staticSelect,
  textInput,
} from './fields';
import { plain } from './format';

const visibilityText: Record<MaintenanceVisibility, string> = {
  public: 'Public: on the status page, its feeds and JSON',
  internal: 'Internal: in Slack only',
};

/** The `maintenance_schedule` modal (SPEC §12). */
export function scheduleMaintenanceModal(state: {
  catalog: Component[];
  visibility: MaintenanceVisibility;
  privateMetadata: string;
}): ModalView {
  return {
    type: 'modal',
    callback_id: MAINTENANCE_SCHEDULE_CALLBACK,
    private_metadata: state.privateMetadata,
    title: plainText('Schedule maintenance'),
    submit: plainText('Schedule'),
    close: plainText('Cancel'),
    blocks: [
      textInput(Field.title, 'Title', {
        maxLength: MAINTENANCE_TITLE_MAX,
        placeholder: 'Database upgrade',
      }),
      componentsInput(Field.components, state.catalog, [], { label: 'Components', optional: false }),
      textInput(Field.message, 'What will happen', {
        multiline: true,
        maxLength: MAINTENANCE_MESSAGE_MAX,
        placeholder: 'What the work is, and what users will notice while it runs.',
      }),
      dateTimeInput(Field.scheduledFor, 'Starts', { optional: false }),
      dateTimeInput(Field.scheduledUntil, 'Ends', { optional: false }),
      checkboxInput(Field.alreadyStarted, 'Already started', [
        {
          value: ALREADY_STARTED_OPTION,
          text: 'The work is already under way',
          description: 'The start may then be in the past; the maintenance begins in progress.',
        },
      ]),
      staticSelect(
        Field.visibility,
        'Visibility',
        maintenanceVisibilities.map((v) => option(v, visibilityText[v])),
        { initial: state.visibility, hint: 'Internal maintenances never appear on public surfaces.' },
      ),
      checkboxInput(
        Field.autoTransitions,
        'Clock',
        [
          {
            value: AUTO_TRANSITIONS_OPTION,
            text: 'Start and complete by the clock',
            description: 'In progress at the start, completed at the end, each posted as an update.',
          },
        ],
        [AUTO_TRANSITIONS_OPTION],
      ),
    ],
  };
}

/** The stage an update most likely moves to: the next one along, or the current one at the end. */
function suggestedStage(stage: MaintenanceStage): MaintenanceStage {
  const next = nextMaintenanceStages(stage).filter((s) => s !== 'cancelled');
  return next[1] ?? next[0] ?? stage;
}

/** The update modal of a maintenance: a stage it may move to and a message (`private_metadata` = its id). */
export function maintenanceUpdateModal(record: MaintenanceRecord): ModalView {
  const ref = maintenanceRef(record);
  return {
    type: 'modal',
    callback_id: MAINTENANCE_UPDATE_CALLBACK,
    private_metadata: record.id,
    title: plainText(`Update ${ref}`.slice(0, 24)),
    submit: plainText('Post update'),
    close: plainText('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${ref}*: ${plain(record.title)}` } },
      staticSelect(
        Field.stage,
        'Stage',
        nextMaintenanceStages(record.stage).map((s) => option(s, maintenanceStageLabels[s])),
        { initial: suggestedStage(record.stage) },
      ),
      textInput(Field.message, 'What changed', { multiline: true, maxLength: MAINTENANCE_MESSAGE_MAX }),
    ],
  };
}
