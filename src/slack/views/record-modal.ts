import type { ModalView } from '@slack/types';
import type { Component } from '../../incidents/model';
import type { Visibility } from '../../incidents/vocabulary';
import { ANNOUNCE_OPTION, Field, RECORD_CALLBACK } from '../ids';
import { incidentBlocks } from './declare-modal';
import { checkboxInput, dateTimeInput, plainText, textInput } from './fields';

/** The `incident_record` modal (SPEC §11): an incident already over, entered for the record. */
export function recordIncidentModal(state: {
  catalog: Component[];
  visibility: Visibility;
  /** Carried through the submission: where the command was typed. */
  privateMetadata: string;
}): ModalView {
  const blocks = incidentBlocks({ ...state, title: '' });
  blocks.push(
    textInput(Field.message, 'What happened', {
      multiline: true,
      maxLength: 3000,
      placeholder: 'The first update of the timeline, at the start',
    }),
    dateTimeInput(Field.startedAt, 'Started at', { optional: false }),
    dateTimeInput(Field.resolvedAt, 'Resolved at', {
      optional: false,
      hint: 'After the start, not in the future.',
    }),
    textInput(Field.detectedBy, 'Detected by', {
      optional: true,
      maxLength: 200,
      placeholder: 'A monitor, a customer…',
    }),
    dateTimeInput(Field.detectedAt, 'Detected at'),
    checkboxInput(Field.announce, 'Announce', [
      {
        value: ANNOUNCE_OPTION,
        text: 'Post it to the announce channels',
        description:
          'One root message per channel, nothing else. Unticked: no channel, no posts, no one pinged.',
      },
    ]),
  );
  return {
    type: 'modal',
    callback_id: RECORD_CALLBACK,
    private_metadata: state.privateMetadata,
    title: plainText('Record an incident'),
    submit: plainText('Record'),
    close: plainText('Cancel'),
    blocks,
  };
}
