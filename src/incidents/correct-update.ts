import type { IncidentSettings } from './announce-channels';
import { correctionEffects } from './correction-effects';
import type { Corrections } from './corrections-port';
import { DomainError, InvalidInput } from './errors';
import { CLOCK_SKEW_MS, checkText } from './input-rules';
import type { ComponentState, IncidentRecord, IncidentUpdate } from './model';
import type { Clock } from './ports';
import { formatDisplayTime } from './time';
import { isClosedStage, problemsIntroduced, sortTimeline, type TimelineProblem } from './timeline';
import type { Stage } from './vocabulary';

export interface CorrectionDeps {
  corrections: Corrections;
  clock: Clock;
  settings: IncidentSettings & { managerUserIds: string[] };
  timeZone: string;
}

export type CorrectionAction = 'edit' | 'delete';

const REMOVED = 'This update was already removed: there is nothing left to change.';

/** The author, the lead and the managers may correct an update (SPEC §11). */
function mayCorrect(
  settings: CorrectionDeps['settings'],
  record: IncidentRecord,
  update: IncidentUpdate,
  userId: string,
) {
  return userId === update.author.id || userId === record.lead.id || settings.managerUserIds.includes(userId);
}

/** The update and its incident, if `userId` may do `action` to it now; a DomainError saying why not otherwise. */
export async function startCorrection(
  deps: CorrectionDeps,
  args: { updateId: string; userId: string; action: CorrectionAction },
): Promise<{ record: IncidentRecord; update: IncidentUpdate }> {
  const found = await deps.corrections.findUpdate(args.updateId);
  if (!found) throw new DomainError('IncidentNotFound', 'That update does not exist.');
  const { record, update } = found;
  if (!update) throw new DomainError('InvalidInput', REMOVED);
  if (!mayCorrect(deps.settings, record, update, args.userId))
    throw new DomainError(
      'NotAllowed',
      'Only the author of this update, the incident lead or a manager can change it. Nothing was changed.',
    );
  if (args.action === 'delete') {
    const reason = deleteRefusal(record, update, deps.clock.now());
    if (reason) throw new DomainError('InvalidInput', reason);
  }
  return { record, update };
}

function deleteRefusal(record: IncidentRecord, update: IncidentUpdate, now: Date): string | null {
  if (update.sequence === 1) return 'The first update (the declare message) can be edited, not deleted.';
  const after = record.updates.filter((u) => u.id !== update.id);
  const broken = problemsIntroduced(
    { entries: record.updates, startedAt: record.startedAt },
    { entries: after, startedAt: record.startedAt },
    now,
  );
  return broken.length > 0
    ? 'Deleting this update would leave a postmortem on an incident that is not resolved: delete or edit the postmortem first.'
    : null;
}

/** The snapshot an update carries once its stage changes: resolving returns everything to operational. */
function componentsFor(
  record: IncidentRecord,
  update: IncidentUpdate,
  stage: Stage,
  occurredAt: Date,
): ComponentState[] {
  if (stage === update.stage) return update.components;
  if (isClosedStage(stage)) return update.components.map((c) => ({ ...c, status: 'operational' }));
  if (!isClosedStage(update.stage)) return update.components;
  // Re-opened by the correction: the statuses in force before it.
  const before = sortTimeline(record.updates.filter((u) => u.id !== update.id)).filter(
    (u) => u.occurredAt.getTime() <= occurredAt.getTime(),
  );
  return before.at(-1)?.components ?? update.components;
}

function problemFields(
  problems: TimelineProblem[],
  updateId: string,
  stageChanged: boolean,
  record: IncidentRecord,
  timeZone: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    if (problem.code === 'occurred_in_future') errors.occurredAt = 'An update cannot happen in the future.';
    else if (problem.code === 'occurred_before_start')
      errors.occurredAt = `An update cannot happen before the incident started (${formatDisplayTime(record.startedAt, timeZone)}).`;
    else if (problem.updateId === updateId)
      errors.stage =
        'A postmortem comes after the incident is resolved: this time or stage would put it before.';
    else if (problem.code === 'postmortem_before_resolved' && problem.precededBy === updateId && stageChanged)
      errors.stage = 'A postmortem follows this update: it cannot be in an open stage just before it.';
    else
      errors.occurredAt ??= 'This would leave a postmortem on an incident that is not resolved at that time.';
  }
  return errors;
}

export interface EditUpdateInput {
  updateId: string;
  editorId: string;
  message: string;
  stage: Stage;
  /** Null: unchanged. */
  occurredAt: Date | null;
}

/** Corrects an update's message, time or stage, validated as a whole timeline, then re-shown everywhere. */
export async function editUpdate(deps: CorrectionDeps, input: EditUpdateInput): Promise<void> {
  const fields: Record<string, string> = {};
  checkText(fields, undefined, input.message);
  if (Object.keys(fields).length > 0) throw new InvalidInput(fields);
  const { record } = await startCorrection(deps, { ...input, userId: input.editorId, action: 'edit' });
  const now = deps.clock.now();
  await deps.corrections.correct(record.id, input.editorId, (current) => {
    const update = current.updates.find((u) => u.id === input.updateId);
    if (!update) throw new InvalidInput({ message: REMOVED });
    const requested = input.occurredAt ?? update.occurredAt;
    const occurredAt =
      requested.getTime() > now.getTime() && requested.getTime() <= now.getTime() + CLOCK_SKEW_MS
        ? now
        : requested;
    const changed = {
      message: input.message !== update.message,
      stage: input.stage !== update.stage,
      occurredAt: occurredAt.getTime() !== update.occurredAt.getTime(),
    };
    if (!changed.message && !changed.stage && !changed.occurredAt) return null;
    const entries = current.updates.map((u) =>
      u.id === update.id ? { ...u, stage: input.stage, occurredAt } : u,
    );
    const problems = problemsIntroduced(
      { entries: current.updates, startedAt: current.startedAt },
      { entries, startedAt: current.startedAt },
      now,
    );
    const errors = problemFields(problems, update.id, changed.stage, current, deps.timeZone);
    if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    if (changed.message) [before.message, after.message] = [update.message, input.message];
    if (changed.stage) [before.stage, after.stage] = [update.stage, input.stage];
    if (changed.occurredAt)
      [before.occurredAt, after.occurredAt] = [update.occurredAt.toISOString(), occurredAt.toISOString()];
    return {
      correction: {
        kind: 'edit',
        updateId: update.id,
        patch: {
          stage: input.stage,
          message: input.message,
          occurredAt,
          components: componentsFor(current, update, input.stage, occurredAt),
        },
        before,
        after,
      },
      effects: correctionEffects(deps.settings, current, update.id),
    };
  });
}

/** Removes an update from the timeline (it stays stored with its revision); every copy says it was removed. */
export async function deleteUpdate(
  deps: CorrectionDeps,
  input: { updateId: string; editorId: string },
): Promise<void> {
  const { record } = await startCorrection(deps, { ...input, userId: input.editorId, action: 'delete' });
  await deps.corrections.correct(record.id, input.editorId, (current) => {
    const update = current.updates.find((u) => u.id === input.updateId);
    if (!update) throw new DomainError('InvalidInput', REMOVED);
    const reason = deleteRefusal(current, update, deps.clock.now());
    if (reason) throw new DomainError('InvalidInput', reason);
    return {
      correction: {
        kind: 'delete',
        updateId: update.id,
        before: { stage: update.stage, message: update.message, occurredAt: update.occurredAt.toISOString() },
        after: {},
      },
      effects: correctionEffects(deps.settings, current, update.id),
    };
  });
}
