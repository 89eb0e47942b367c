import { formatDisplayTime } from './time';
import type { UpdateProblem } from './timeline';

/** The timeline's problems with one update, worded on the form fields they concern (SPEC §2, §11). */
export function updateProblemFields(
  problems: readonly UpdateProblem[],
  startedAt: Date,
  timeZone: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    if (problem.code === 'occurred_in_future') errors.occurredAt = 'An update cannot happen in the future.';
    if (problem.code === 'occurred_before_start')
      errors.occurredAt = `An update cannot happen before the incident started (${formatDisplayTime(startedAt, timeZone)}).`;
    if (problem.code === 'postmortem_before_resolved')
      errors.stage =
        'A postmortem comes after the incident is resolved: resolve it first, or date the postmortem later.';
  }
  if (!errors.occurredAt && problems.some((p) => p.code === 'open_before_postmortem'))
    errors.occurredAt = 'A later postmortem follows this time: an open stage cannot come before it.';
  return errors;
}
