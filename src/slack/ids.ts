/** Every Slack id the app and Slack agree on (SPEC §5.2). Never inline these strings elsewhere. */

export const COMMAND = '/incident';

export const DECLARE_CALLBACK = 'incident_declare';
export const UPDATE_CALLBACK = 'incident_update';

export const UPDATE_OPEN_ACTION = 'incident_update_open';

/** Corrections (SPEC §11): the overflow menu on every update message, its modals, and /incident edit. */
export const UPDATE_MENU_ACTION = 'incident_update_menu';
export const UPDATE_EDIT_CALLBACK = 'update_edit';
export const UPDATE_DELETE_CALLBACK = 'update_delete';
export const INCIDENT_EDIT_CALLBACK = 'incident_edit';
/** `/incident record`: an incident already over, entered for the record. */
export const RECORD_CALLBACK = 'incident_record';
/** The single option of the record form's `announce` checkboxes. */
export const ANNOUNCE_OPTION = 'announce';

export const RESOLVE_OPEN_ACTION = 'incident_resolve_open';
/** The App Home's "Declare an incident" button. */
export const DECLARE_OPEN_ACTION = 'incident_declare_open';

/** Inputs of the modals: each block_id equals its action_id. */
export const Field = {
  title: 'title',
  impact: 'impact',
  components: 'components',
  componentStatus: 'component_status',
  stage: 'stage',
  message: 'message',
  startedAt: 'started_at',
  detectedBy: 'detected_by',
  detectedAt: 'detected_at',
  lead: 'lead',
  occurredAt: 'occurred_at',
  scheduledFor: 'scheduled_for',
  scheduledUntil: 'scheduled_until',
  alreadyStarted: 'already_started',
  visibility: 'visibility',
  autoTransitions: 'auto_transitions',
  webhookUrl: 'webhook_url',
  webhookSecret: 'webhook_secret',
  resolvedAt: 'resolved_at',
  announce: 'announce',
} as const;

export type FieldId = (typeof Field)[keyof typeof Field];

/** Blocks of messages and the App Home that carry actions; per-incident ones end with the incident's id. */
export const INCIDENT_ACTIONS_BLOCK = 'incident_actions';
export const HOME_DECLARE_BLOCK = 'home_declare';
export const pickIncidentBlock = (incidentId: string) => `pick_${incidentId}`;
export const homeOpenBlock = (incidentId: string) => `home_open_${incidentId}`;
export const homeOpenActionsBlock = (incidentId: string) => `home_open_actions_${incidentId}`;
export const homeResolvedBlock = (incidentId: string) => `home_resolved_${incidentId}`;

/** Scheduled maintenance (SPEC §12): the modals, and the buttons whose value is the maintenance id. */
export const MAINTENANCE_SCHEDULE_CALLBACK = 'maintenance_schedule';
export const MAINTENANCE_UPDATE_CALLBACK = 'maintenance_update';
export const MAINTENANCE_UPDATE_OPEN_ACTION = 'maintenance_update_open';
export const MAINTENANCE_START_NOW_ACTION = 'maintenance_start_now';
export const MAINTENANCE_CANCEL_ACTION = 'maintenance_cancel';
export const MAINTENANCE_COMPLETE_ACTION = 'maintenance_complete';
/** The single option of the schedule form's checkboxes. */
export const ALREADY_STARTED_OPTION = 'started';
export const AUTO_TRANSITIONS_OPTION = 'auto';

/** Webhook subscribers (SPEC §13): the managers' modal and each listed webhook's remove button (value = its id). */
export const SUBSCRIBERS_CALLBACK = 'subscribers_manage';
export const SUBSCRIBER_REMOVE_ACTION = 'subscriber_remove';
export const subscriberBlock = (subscriberId: string) => `subscriber_${subscriberId}`;
