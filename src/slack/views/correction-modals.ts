import type { ModalView } from '@slack/types';
import { type Incident, type IncidentRecord, type IncidentUpdate, incidentRef } from '../../incidents/model';
import { formatDisplayTime } from '../../incidents/time';
import { stageLabels, stages } from '../../incidents/vocabulary';
import { Field, INCIDENT_EDIT_CALLBACK, UPDATE_DELETE_CALLBACK, UPDATE_EDIT_CALLBACK } from '../ids';
import { dateTimeInput, option, plainText, staticSelect, textInput } from './fields';
import { clip, plain } from './format';

/** `update_edit` (SPEC §11): the update's message, time and stage, prefilled. */
export function updateEditModal(record: IncidentRecord, update: IncidentUpdate): ModalView {
  return {
    type: 'modal',
    callback_id: UPDATE_EDIT_CALLBACK,
    private_metadata: update.id,
    title: plainText(`Edit ${incidentRef(record)} update`.slice(0, 24)),
    submit: plainText('Save correction'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`*${incidentRef(record)}*: ${plain(record.title)}`) },
      },
      staticSelect(
        Field.stage,
        'Stage',
        stages.map((s) => option(s, stageLabels[s])),
        { initial: update.stage },
      ),
      textInput(Field.message, 'Message', { multiline: true, maxLength: 3000, initial: update.message }),
      dateTimeInput(Field.occurredAt, 'Happened at', {
        initial: update.occurredAt,
        optional: false,
        hint: 'Every copy in Slack, the status page and the exports show the correction.',
      }),
    ],
  };
}

/** `update_delete` (SPEC §11): a confirmation naming what goes. */
export function updateDeleteModal(
  record: IncidentRecord,
  update: IncidentUpdate,
  timeZone: string,
): ModalView {
  const when = formatDisplayTime(update.occurredAt, timeZone);
  return {
    type: 'modal',
    callback_id: UPDATE_DELETE_CALLBACK,
    private_metadata: update.id,
    title: plainText('Delete update'),
    submit: plainText('Delete'),
    close: plainText('Keep it'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: clip(
            `Delete the *${stageLabels[update.stage]}* update of *${incidentRef(record)}* (${when})?\n>${plain(update.message).slice(0, 300)}\nEvery copy in Slack will say it was removed; the status page and exports drop it.`,
          ),
        },
      },
    ],
  };
}

/** What a refused delete confirmation turns into: the reason, and nothing changed. */
export function refusedModal(reason: string): ModalView {
  return {
    type: 'modal',
    title: plainText('Nothing changed'),
    close: plainText('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(plain(reason)) } }],
  };
}

/** `incident_edit` (SPEC §11): the incident's own fields, prefilled. */
export function incidentEditModal(incident: Incident): ModalView {
  return {
    type: 'modal',
    callback_id: INCIDENT_EDIT_CALLBACK,
    private_metadata: incident.id,
    title: plainText(`Edit ${incidentRef(incident)}`.slice(0, 24)),
    submit: plainText('Save correction'),
    close: plainText('Cancel'),
    blocks: [
      textInput(Field.title, 'Title', { initial: incident.title, maxLength: 150 }),
      dateTimeInput(Field.startedAt, 'Started at', {
        initial: incident.startedAt,
        optional: false,
        hint: 'Never after the first update.',
      }),
      textInput(Field.detectedBy, 'Detected by', {
        initial: incident.detectedBy ?? undefined,
        optional: true,
      }),
      dateTimeInput(Field.detectedAt, 'Detected at', { initial: incident.detectedAt ?? undefined }),
    ],
  };
}
