import type { MaintenanceStage } from './vocabulary';

export const MAINTENANCE_TITLE_MAX = 150;
export const MAINTENANCE_MESSAGE_MAX = 3000;
/** The reminder goes out this long before the start, for maintenances scheduled further ahead than that. */
export const REMINDER_LEAD_MS = 60 * 60_000;
/** A start picked "now" on a minute-granular picker may already be a little in the past. */
const PICKER_SLACK_MS = 60_000;

export interface ScheduleRequest {
  title: string;
  componentKeys: readonly string[];
  message: string;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  alreadyStarted: boolean;
}

/** Problems keyed by the input they concern: title, components, message, scheduledFor, scheduledUntil. */
export type ScheduleProblems = Partial<Record<keyof ScheduleRequest, string>>;

/** The rules of SPEC §12's `maintenance_schedule` form, checked against the time of submission. */
export function checkSchedule(request: ScheduleRequest, now: Date): ScheduleProblems {
  const problems: ScheduleProblems = {};
  const title = request.title.trim();
  if (title.length === 0) problems.title = 'Give the maintenance a title.';
  else if (title.length > MAINTENANCE_TITLE_MAX)
    problems.title = `Keep the title to ${MAINTENANCE_TITLE_MAX} characters (it has ${title.length}).`;
  if (request.message.trim().length === 0)
    problems.message = 'Say what will happen and what users will notice.';
  else if (request.message.length > MAINTENANCE_MESSAGE_MAX)
    problems.message = `Keep the message to ${MAINTENANCE_MESSAGE_MAX} characters (it has ${request.message.length}).`;
  if (request.componentKeys.length === 0) problems.componentKeys = 'Pick at least one component.';

  const { scheduledFor, scheduledUntil } = request;
  if (!scheduledFor) problems.scheduledFor = 'Pick when the maintenance starts.';
  if (!scheduledUntil) problems.scheduledUntil = 'Pick when the maintenance ends.';
  if (!scheduledFor || !scheduledUntil) return problems;

  if (scheduledUntil.getTime() <= scheduledFor.getTime())
    problems.scheduledUntil = 'The end must come after the start.';
  else if (scheduledUntil.getTime() <= now.getTime())
    problems.scheduledUntil = 'The end is already past: pick a time in the future.';
  if (request.alreadyStarted) {
    if (scheduledFor.getTime() > now.getTime() + PICKER_SLACK_MS)
      problems.scheduledFor = 'A maintenance marked as already started cannot start in the future.';
  } else if (scheduledFor.getTime() < now.getTime() - PICKER_SLACK_MS) {
    problems.scheduledFor =
      'The start is in the past: pick a later time, or tick "already started" if the work is under way.';
  }
  return problems;
}

/** The first update's stage: a maintenance already under way begins in progress. */
export function initialStage(alreadyStarted: boolean): MaintenanceStage {
  return alreadyStarted ? 'in_progress' : 'scheduled';
}

/** When the reminder is due: an hour before the start, only when that is still ahead at scheduling. */
export function reminderDueAt(scheduledFor: Date, alreadyStarted: boolean, now: Date): Date | null {
  if (alreadyStarted) return null;
  const due = scheduledFor.getTime() - REMINDER_LEAD_MS;
  return due > now.getTime() ? new Date(due) : null;
}
